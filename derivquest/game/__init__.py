"""The game's rules between the layers: which level is open, what an answer earns, what is saved.

No Textual here: the UI calls these objects (from worker threads for anything that judges or
writes), and tests drive them directly.
"""
