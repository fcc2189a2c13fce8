"""Facts the PyInstaller spec needs, kept in plain Python so they can be unit-tested.

The spec file is executed by PyInstaller with injected globals (Analysis, EXE, …) and cannot
be imported by tests; everything decidable without PyInstaller lives here instead.
"""

from __future__ import annotations

import importlib.metadata
import tomllib
from collections.abc import Mapping
from pathlib import Path

DIST_NAME = "taizhang"
CONSOLE_ENV = "TAIZHANG_CONSOLE"
# Folders bundled as data at the same relative path as in the source tree.
DATA_DIRS = ("resources", "core/ledger/migrations")
SKIP_PARTS = {"__pycache__"}
SKIP_SUFFIXES = {".pyc", ".pyo"}


def app_metadata(root: Path) -> tuple[str, str]:
    """(name, version): from pyproject.toml in a checkout, else the installed distribution."""
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        return str(project["name"]), str(project["version"])
    meta = importlib.metadata.metadata(DIST_NAME)
    return str(meta["Name"]), str(meta["Version"])


def console_requested(environ: Mapping[str, str]) -> bool:
    """`TAIZHANG_CONSOLE=1` (or true/yes/on) builds a console executable for debugging."""
    return environ.get(CONSOLE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def bundled_data(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for PyInstaller's `datas`.

    Files are listed one by one (not whole folders) so caches never ship. The migrations
    keep their `.py` form because Alembic reads them from disk, not through the importer.
    """
    pairs: list[tuple[str, str]] = []
    for rel in DATA_DIRS:
        base = root / rel
        if not base.is_dir():
            raise FileNotFoundError(f"build needs {base}")
        for path in sorted(base.rglob("*")):
            if not path.is_file() or SKIP_PARTS & set(path.parts):
                continue
            if path.suffix in SKIP_SUFFIXES:
                continue
            pairs.append((str(path), str(path.parent.relative_to(root))))
    return pairs


def windows_version_info(name: str, version: str, description: str) -> object:
    """The Windows file-version resource (Explorer → 属性 → 详细信息) for the executable."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = [int(p) for p in version.split(".")[:4] if p.isdigit()]
    numbers += [0] * (4 - len(numbers))
    fixed = tuple(numbers)
    strings = [
        vi.StringStruct("CompanyName", name),
        vi.StringStruct("FileDescription", description),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", name),
        vi.StringStruct("OriginalFilename", f"{name}.exe"),
        vi.StringStruct("ProductName", description),
        vi.StringStruct("ProductVersion", version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=fixed, prodvers=fixed),
        kids=[
            vi.StringFileInfo([vi.StringTable("080404B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0804, 1200])]),
        ],
    )
