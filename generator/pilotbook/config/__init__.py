"""A handbook's configuration: the plugin's options, checked once, and the `Handbook` the
adapters describe to the core."""
