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
from core.text.normalize import normalize_lines  # noqa: E402
from core.text.reading import load_source  # noqa: E402

# The bare-regex floor: the reading work no extractor can skip — load each seed, normalize
# its lines, and find every responsibility cue with one regex per normalized line; no
# structure. Extraction is judged against it in CPU time (target: at most 8x; the machine is
# shared, so wall time says more about the neighbours than about the code).
_CUE = re.compile(r"(?:责任|牵头|配合|主责|承办)(?:单位|部门)|负责|牵头")


def _floor(seeds: list[Path], repeat: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        for p in seeds:
            source = load_source(p)
            for sl in normalize_lines(source.text, source.pages):
                _CUE.findall(sl.text)
        best = min(best, time.process_time() - t0)
    return best


def _extract_cpu(seeds: list[Path], repeat: int) -> float:
    """CPU seconds (best of `repeat`) to extract all the seeds."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        for p in seeds:
            extract_file(p)
        best = min(best, time.process_time() - t0)
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
    cpu = _extract_cpu(seeds, args.repeat)
    ratio = cpu / floor
    print(
        f"CPU: extraction {cpu:.3f} s, bare-regex floor (read + normalize + one cue regex per "
        f"line) {floor:.3f} s; extraction = {ratio:.1f}x the floor (target <= 8x)"
    )
    print(
        f"peak traced allocations: {peak / 1024 / 1024:.1f} MB; max RSS: {rss_mb:.1f} MB "
        "(target <= 200 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
