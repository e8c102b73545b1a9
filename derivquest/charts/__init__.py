"""The state and numbers behind the interactive charts, with no UI (testable on its own)."""
