"""Stage 1, the data: read the YAML with positions, check it, and hand on one typed Comparison."""
