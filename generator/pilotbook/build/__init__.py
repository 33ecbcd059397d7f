"""Around MkDocs: the plugin, the pages made in a worker, the build cache, the files a site
leaves out, swapping a finished site in, and the export for engines without plugins."""
