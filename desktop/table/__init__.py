"""The task table: its rows, its QAbstractTableModel (filtering and sorting in Python) and
its column layout."""
