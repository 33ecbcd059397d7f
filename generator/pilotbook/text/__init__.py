"""Text escaped for where it lands: Markdown, HTML, logs, CSV."""
