"""Stage 2, the pages: render the Comparison into staged Markdown, exports and the feed; never imports a later stage."""
