"""Read-only queries behind the task table, the filters, counts and the report."""
