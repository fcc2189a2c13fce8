"""Make sure Chinese text renders: use a system CJK font, else load the bundled one.

A fresh Linux box often has only DejaVu, and Qt then draws every 汉字 as a box. The bundled
WenQuanYi Micro Hei (resources/fonts) is loaded only when no installed family declares
Simplified Chinese support, so clerks keep their system's own font where there is one.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

BUNDLED_FONT = "wqy-microhei.ttc"
# Families that look right for Chinese office software, best first.
PREFERRED = (
    "Microsoft YaHei",
    "微软雅黑",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "文泉驿微米黑",
    "SimSun",
)


def chinese_families() -> list[str]:
    """Installed (or already loaded) families that can draw Simplified Chinese."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def load_bundled_font() -> list[str]:
    """Register the bundled font with Qt; returns its family names (empty on failure)."""
    ref = resources.files("resources.fonts") / BUNDLED_FONT
    try:
        data = ref.read_bytes()
    except OSError:
        log.exception("bundled font %s cannot be read", BUNDLED_FONT)
        return []
    font_id = QFontDatabase.addApplicationFontFromData(data)
    if font_id < 0:
        log.error("Qt refused the bundled font %s", BUNDLED_FONT)
        return []
    return list(QFontDatabase.applicationFontFamilies(font_id))


def ensure_cjk_font(app: QApplication, point_size: int = 10) -> str | None:
    """Pick a Chinese-capable family for the whole application; returns its name."""
    families = chinese_families()
    source = "system"
    if not families:
        families = load_bundled_font()
        source = "bundled"
    if not families:
        log.warning("no font able to draw Chinese was found; text may show as boxes")
        return None
    chosen = next((f for f in PREFERRED if f in families), families[0])
    font = QFont(chosen)
    font.setPointSize(point_size)
    app.setFont(font)
    log.info("UI font: %s (%s)", chosen, source)
    return chosen
