"""Widgets: the main window, the map canvas, panes and dialogs."""
