"""The Qt user interface: windows, views, Qt models (adapters), undo commands and dialogs."""
