"""Console scripts: exports, the URL manifest, the essay scaffold (the checker's is in checker.cli)."""
