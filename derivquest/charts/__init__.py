"""The interactive charts: one folder each (`model.py` numbers, `task.py` plot tasks, `view.py`).

The models and tasks are pure (content layer, testable on their own); only `view.py` modules
import Textual. `registry.py` finds the charts by id.
"""
