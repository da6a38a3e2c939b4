"""The sources of truth: configuration, YAML with line numbers, pages, the site."""
