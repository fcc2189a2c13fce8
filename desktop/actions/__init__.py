"""Menu actions and panes wired into the main window, each installed with one call:
import, backup/restore, reports and reminders, feedback sheets, bulk edits, the source pane."""
