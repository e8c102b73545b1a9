"""Question kinds: one folder each (`<kind>/spec.py` pure, `<kind>/view.py` Textual), found by name.

See docs/architecture.md, "Add a question kind". This package imports nothing itself, so
that the registry can be imported from anywhere without import cycles.
"""
