"""Offline claim suggestions in the window: run, accept, reject."""
