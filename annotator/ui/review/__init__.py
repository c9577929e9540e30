"""Reviewing colleagues' claims in the window: queue, panel, layers, adjudication and agreement views."""
