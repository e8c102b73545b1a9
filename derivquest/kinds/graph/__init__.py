"""The `graph` question kind: backpropagation by hand on a computational graph (the Backprop Lab).

``spec`` holds everything at the content level (pack model, instances, grading, validator
checks, drills); ``view`` is the Textual widget. Nothing here but ``view`` imports Textual.
"""
