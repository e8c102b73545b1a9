"""A chart that exists only in the tests: proof that a chart is one folder."""
