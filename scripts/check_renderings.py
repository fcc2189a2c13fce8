"""Print how many tasks of each shared real document survive other renderings of it.

A clerk gets a gazette as a PDF, or as text copied out of one or out of a web page, not as
the tab-separated renderings of `../shared`. For every real document there (devset2, corpus,
seeds: read in place) this prints how many of the tasks read from its text are read, equal
in text, units, deadline and amounts, from:

- `pdf`: the document laid out as a Word table (rows padded to the table's width, leading
  columns of a short row taken as row-spanning) and printed to PDF by LibreOffice;
- `cells`: its tables printed one cell per line, empty cells left out (a web export).

Run from the project root (LibreOffice needed for `pdf`; `--no-pdf` skips it):

    .venv/bin/python scripts/check_renderings.py [--no-pdf] [NAME ...]

A table whose header takes two rows (a merged 受益对象 over 户次 · 人次) cannot be built
faithfully from its text this way; such documents show low `pdf` figures for that reason.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import core  # noqa: E402
from tests.formats.builders import (  # noqa: E402
    build_docx,
    libreoffice_pdf,
    one_cell_per_line,
    word_table_rows,
)
from tests.formats.equivalence import task_key  # noqa: E402

SHARED = ROOT.parent / "shared"
# documents whose short rows lack leading row-spanning cells and trailing ones
# (`任务来源` in pt_shengtai_2016): how many leading columns span rows
_LEADING = {"pt_shengtai_2016": 2}


def _equal(expected: list[core.Task], got: list[core.Task]) -> int:
    return sum((Counter(map(task_key, expected)) & Counter(map(task_key, got))).values())


def _pdf(source: Path, workdir: Path) -> Path:
    lines = word_table_rows(source.read_text(encoding="utf-8"), _LEADING.get(source.stem, 99))
    return libreoffice_pdf(build_docx(lines, workdir / f"{source.stem}.docx"), workdir)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="document stems (default: all)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice rendering")
    args = ap.parse_args()
    sources = sorted(
        p
        for folder in ("devset2", "corpus", "seeds")
        for p in (SHARED / folder).glob("*.txt")
        if p.name not in ("README.txt", "INDEX.txt") and (not args.names or p.stem in args.names)
    )
    use_pdf = not args.no_pdf and shutil.which("soffice") is not None
    totals: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for source in sources:
            expected = core.extract(source).tasks
            cells = work / f"{source.stem}.cells.txt"
            cells.write_text(one_cell_per_line(source.read_text(encoding="utf-8")), "utf-8")
            row = {"text": len(expected), "cells": _equal(expected, core.extract(cells).tasks)}
            if use_pdf:
                row["pdf"] = _equal(expected, core.extract(_pdf(source, work)).tasks)
            totals.update(row)
            figures = "  ".join(f"{k} {v:4}" for k, v in row.items())
            print(f"{source.stem[:32]:32} {figures}")
    print("all", "  ".join(f"{k} {v}" for k, v in totals.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
