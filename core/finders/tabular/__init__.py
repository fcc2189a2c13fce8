"""Finders over tables: the header-led grid, cells and column roles, task-division tables
and project tables (each row or sub-item a task)."""
