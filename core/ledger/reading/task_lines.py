"""The shape in which the reading modules pass a task's place in the source around."""

from __future__ import annotations

# (task id, first line, text, last line if recorded, added by hand)
TaskLine = tuple[int, int, str, int | None, bool]
