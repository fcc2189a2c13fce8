"""The clerk's desktop window (PySide6): a thin GUI over the core services in `core`."""
