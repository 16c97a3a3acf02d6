"""The pure core: routines, plan, session state machine, history store, paths, settings.

Nothing in this package may import PySide6 (a test enforces it).
"""
