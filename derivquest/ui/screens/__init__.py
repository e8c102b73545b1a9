"""Screens of the game, one per file."""
