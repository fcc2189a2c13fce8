"""Every user setting declared once, with its type and default, over QSettings.

Callers read `settings.get(CLERK_NAME)` rather than spelling keys and defaults at each use
(the Picard `options.py` habit), so a typo is an AttributeError, not a silent new key.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "taizhang"
APPLICATION = "taizhang"


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One persisted setting: where it lives, what type it has, what it is by default."""

    key: str
    type: type
    default: T
    label: str = ""


def _default_clerk() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some service accounts): fall back to a label
        return "本机用户"


LEDGER_URL: Setting[str] = Setting("ledger/url", str, "", "台账数据库位置（留空为默认）")
CLERK_NAME: Setting[str] = Setting("clerk/name", str, _default_clerk(), "经办人")
STAGNATION_DAYS: Setting[int] = Setting("tracking/stagnation_days", int, 14, "超过N天未更新")
WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray, QByteArray())
SPLITTER_STATE: Setting[QByteArray] = Setting("window/splitter", QByteArray, QByteArray())
DETAIL_SPLITTER: Setting[QByteArray] = Setting("window/detail_splitter", QByteArray, QByteArray())
TABLE_HEADER: Setting[QByteArray] = Setting("table/header", QByteArray, QByteArray())
LAST_IMPORT_DIR: Setting[str] = Setting("import/last_dir", str, "")
LAST_EXPORT_DIR: Setting[str] = Setting("export/last_dir", str, "")

ALL_SETTINGS: tuple[Setting[Any], ...] = (
    LEDGER_URL,
    CLERK_NAME,
    STAGNATION_DAYS,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    SPLITTER_STATE,
    DETAIL_SPLITTER,
    TABLE_HEADER,
    LAST_IMPORT_DIR,
    LAST_EXPORT_DIR,
)


class Settings:
    """Typed access to a QSettings store (passed in, so tests use a temporary INI file)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings(ORGANIZATION, APPLICATION)

    def get(self, setting: Setting[T]) -> T:
        raw = self.store.value(setting.key)
        if raw is None:
            return setting.default
        if setting.type is QByteArray:
            return raw if isinstance(raw, QByteArray) else QByteArray(raw)  # type: ignore[return-value]
        try:
            if setting.type is int:
                return int(raw)  # type: ignore[return-value]
            if setting.type is bool:
                return str(raw).lower() in ("1", "true", "yes")  # type: ignore[return-value]
            return setting.type(raw)  # type: ignore[no-any-return]
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self.store.setValue(setting.key, value)

    def sync(self) -> None:
        self.store.sync()
