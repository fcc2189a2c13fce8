"""Regenerate the screenshots in docs/: the window at 1366×768 with the five seeds, and
Qt's (Chinese) file dialog. Offscreen, with the bundled CJK font; run from the repo root:

    python scripts/screenshots.py [--seeds ../shared/seeds] [--out docs]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def window_shot(seeds: Path, out: Path, size: str = "1366x768") -> None:
    """`python -m desktop --screenshot`: imports the seeds into a scratch ledger first."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable,
            "-m",
            "desktop",
            "--db",
            f"sqlite:///{Path(tmp) / 'shot.sqlite3'}",
            "--import",
            *map(str, sorted(seeds.glob("*.txt"))),
            "--screenshot",
            str(out),
            "--size",
            size,
            "--today",
            "2023-10-15",
        ]
        subprocess.run(cmd, cwd=ROOT, check=True)


def file_dialog_shot(folder: Path, out: Path) -> None:
    """The import dialog as a clerk on Linux sees it: Qt's own, translated, polished."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication, QFileDialog

    from desktop.environment.file_dialogs import install_file_dialogs
    from desktop.environment.fonts import ensure_cjk_font
    from desktop.environment.translations import install_qt_translations
    from desktop.main_window import FILE_FILTER

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ensure_cjk_font(app)  # type: ignore[arg-type]
    install_qt_translations(app)  # type: ignore[arg-type]
    install_file_dialogs(app)  # type: ignore[arg-type]
    dialog = QFileDialog(None, "导入公报", str(folder), FILE_FILTER)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    deadline = time.monotonic() + 2  # the listing arrives from a worker thread
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    dialog.grab().save(str(out), "PNG")
    print(f"截图已保存：{out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    window_shot(args.seeds, args.out / "window_1366x768.png")
    file_dialog_shot(args.seeds, args.out / "file_dialog.png")


if __name__ == "__main__":
    main()
