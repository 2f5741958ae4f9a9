"""Stage 3, the site: stage the pages, run MkDocs strictly, swap site/ in, and preview with live reload."""
