"""The `choice` question kind: `spec.py` (pure) and `view.py` (Textual)."""
