"""Benchmark: import a 200-page gazette PDF (target: load + extract in at most 10 s).

Prints figures, asserts nothing: the PDF is printed with reportlab from the seed texts
(ruled tables with repeated headers, wrapped paragraphs, page numbers), cut to 200 pages,
then timed through `load_pdf` alone and through the whole `core.extract` pipeline.

    .venv/bin/python bench/bench_pdf.py [--pages 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

import core  # noqa: E402
from core.formats.pdf import load_pdf  # noqa: E402
from tests.formats.builders import build_pdf  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def build(pages: int, workdir: Path) -> Path:
    """Print the seeds one after another until there are enough pages, then cut."""
    full = workdir / "seeds-full.pdf"
    lines: list[str] = []
    for seed in sorted(SEEDS.glob("*.txt")):
        lines.extend(seed.read_text(encoding="utf-8").splitlines())
        build_pdf(lines, full)
        if len(pdfium.PdfDocument(str(full))) >= pages:
            break
    source = pdfium.PdfDocument(str(full))
    out = pdfium.PdfDocument.new()
    out.import_pages(source, list(range(min(pages, len(source)))))
    path = workdir / f"gazette-{pages}p.pdf"
    out.save(str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="write the PDF here instead of a temp dir")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        path = build(args.pages, workdir)
        built = time.perf_counter() - t0
        n_pages = len(pdfium.PdfDocument(str(path)))

        t0 = time.perf_counter()
        source = load_pdf(path)
        loaded = time.perf_counter() - t0

        t0 = time.perf_counter()
        result = core.extract(path)
        extracted = time.perf_counter() - t0

        table_pages = len(
            {
                p
                for p, line in zip(source.pages or [], source.text.splitlines(), strict=True)
                if "\t" in line
            }
        )
        print(f"pdf: {n_pages} pages ({path.stat().st_size / 1e6:.1f} MB), built in {built:.1f} s")
        per_page = 1000 * loaded / n_pages
        print(f"load_pdf:     {loaded:6.2f} s  ({per_page:.1f} ms/page, {table_pages} table pages)")
        print(f"core.extract: {extracted:6.2f} s  (load + extract; target <= 10 s)")
        print(f"documents: {len(result.documents)}, tasks: {len(result.tasks)}")


if __name__ == "__main__":
    main()
