"""The clerk's changes to tasks: status, notes, field corrections, manual tasks and unit names."""
