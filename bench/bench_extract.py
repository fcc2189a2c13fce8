"""Benchmark: extract all five seed issues in one process; print seconds and peak memory.

Targets (issue 2): at most 0.5 s for the five together and at most 200 MB. Run from the
project root: `.venv/bin/python bench/bench_extract.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.pipeline import extract_file  # noqa: E402
from core.text.reading import load_source  # noqa: E402

# The bare-regex floor: read each seed and find every responsibility cue with one regex,
# no normalization, no structure. Extraction is judged against it (target: at most 8x).
_CUE = re.compile(r"(?:责任|牵头|配合|主责|承办)(?:单位|部门)|负责|牵头")


def _floor(seeds: list[Path], repeat: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        for p in seeds:
            text = load_source(p).text
            for line in text.split("\n"):
                _CUE.findall(line)
        best = min(best, time.perf_counter() - t0)
    return best


SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    args = ap.parse_args()
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        print(f"no seeds in {SEEDS}", file=sys.stderr)
        return 1
    # Warm-up run: imports (finders, dateutil …) are not what we measure.
    for p in seeds:
        extract_file(p)
    best = float("inf")
    per_seed: dict[str, float] = {}
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        for p in seeds:
            s = time.perf_counter()
            res = extract_file(p)
            per_seed[p.name] = min(per_seed.get(p.name, float("inf")), time.perf_counter() - s)
            per_seed[p.name + ":tasks"] = len(res.tasks)
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    for p in seeds:
        extract_file(p)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for p in seeds:
        n = per_seed[p.name + ":tasks"]
        print(f"{p.name}: {per_seed[p.name]:.3f} s, {n} tasks")
    print(f"all {len(seeds)} seeds: {best:.3f} s (best of {args.repeat}; target <= 0.5 s)")
    floor = _floor(seeds, args.repeat)
    ratio = best / floor
    print(f"bare-regex floor: {floor:.3f} s; extraction = {ratio:.1f}x the floor (target <= 8x)")
    print(
        f"peak traced allocations: {peak / 1024 / 1024:.1f} MB; max RSS: {rss_mb:.1f} MB "
        "(target <= 200 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
