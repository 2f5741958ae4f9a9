"""The comparison-site generator: data, pages and site stages, the command line, and development checks."""
