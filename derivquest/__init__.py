"""DerivQuest: a terminal game that teaches derivatives as machine learning uses them."""

__version__ = "0.1.0"
