"""Why a returned feedback sheet cannot be filed, in words the clerk can act on."""

from __future__ import annotations

from pathlib import Path

from core.errors import TaizhangError


class FeedbackFileError(TaizhangError):
    """The whole file is refused (wrong ledger or week, old format, renamed sheet, empty …);
    nothing from it reaches the ledger."""

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{Path(self.path).name}：{detail}")


class FeedbackStateError(TaizhangError):
    """An action on a reply or request that its state no longer allows (already resolved …)."""
