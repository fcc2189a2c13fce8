"""Widgets that make up the main window: navigation, table, detail panel, dialogs."""
