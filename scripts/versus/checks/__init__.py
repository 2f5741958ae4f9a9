"""Development checks: link checker, static server, Chromium, Lighthouse and benchmarks; they import the product, never the reverse."""
