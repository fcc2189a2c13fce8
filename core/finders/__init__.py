"""Structure finders: each turns one kind of task-division structure into tasks."""
