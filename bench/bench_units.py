"""Unit directory benchmark: suggestions and directory reads on the seeds, and on a large
synthetic county.

    .venv/bin/python bench/bench_units.py [--names 600]

Prints figures: the 单位管理 dialog reads all of this off the GUI thread on opening.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT.parent / "shared" / "seeds"
WORDS = [
    "农业",
    "农村",
    "林业",
    "水利",
    "交通",
    "运输",
    "财政",
    "民政",
    "公安",
    "司法",
    "审计",
    "统计",
    "商务",
    "文化",
    "旅游",
    "卫生",
    "健康",
    "教育",
    "科技",
    "工业",
    "信息",
    "能源",
    "住房",
    "建设",
    "应急",
    "管理",
    "市场",
    "监督",
    "自然",
    "资源",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=600)
    args = parser.parse_args()
    from core.ledger import Ledger
    from core.units import NameStat, suggest_groups

    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(f"sqlite:///{Path(tmp) / 'b.sqlite3'}")
        for seed in sorted(SEEDS.glob("*.txt")):
            ledger.import_file(seed, by="bench")
        t = time.perf_counter()
        suggestions = ledger.suggest_unit_merges()
        t_suggest = time.perf_counter() - t
        t = time.perf_counter()
        units = ledger.unit_directory()
        t_dir = time.perf_counter() - t
        t = time.perf_counter()
        for s in ledger.suggest_unit_merges("兴县"):
            ledger.accept_merge("兴县", s.names, s.canonical, by="bench")
        t_accept = time.perf_counter() - t
        ledger.close()
    print(f"seeds: {len(units)} units, {len(suggestions)} suggestions in {t_suggest * 1000:.0f} ms")
    print(f"seeds: unit_directory {t_dir * 1000:.0f} ms")
    print(f"seeds: accepting every suggestion for 兴县 {t_accept * 1000:.0f} ms")

    rnd = random.Random(1)
    names: set[str] = set()
    while len(names) < args.names:
        words = "".join(rnd.sample(WORDS, rnd.randint(1, 3)))
        names.add(("县" if rnd.random() < 0.5 else "") + words + rnd.choice("局委办"))
    stats = [NameStat(n, i, rnd.randint(1, 20)) for i, n in enumerate(sorted(names))]
    t = time.perf_counter()
    groups = suggest_groups("兴县", stats)
    print(
        f"synthetic county of {len(stats)} names: {len(groups)} groups in "
        f"{(time.perf_counter() - t) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
