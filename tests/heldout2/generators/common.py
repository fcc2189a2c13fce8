"""Tiny writer for held-out documents: lines go into the text, hand-written answers into gold.

Every expected field (units, deadline, amounts, text) is written by hand in the document
modules; this file only numbers lines and serialises records.
"""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def A(text, unit=None, per=None):
    """One money amount: text as printed; unit for a bare table number (header/footnote)."""
    m = re.match(r"([\d.]+)(亿元|万元|元)?", text)
    num = float(m.group(1))
    u = unit or m.group(2) or "元"
    mult = {"亿元": 100000000, "万元": 10000, "元": 1}[u]
    y = round(num * mult, 2)
    if y == int(y):
        y = int(y)
    if per is None and "/" in text:
        per = text.split("/")[-1]
    return {"yuan": y, "text": text, "per": per}


def sp(s):
    """Spaced-out CJK as a PDF extractor prints it."""
    return " ".join(s)


class Doc:
    def __init__(self, seed, doc, year, title):
        self.seed, self.doc, self.year, self.title = seed, doc, year, title
        self.lines = []
        self.gold = []
        self.section = None
        self.kind = "table"
        self.group = None
        self.leader = None
        self.page = 1

    def p(self, *texts):
        """Append lines; return the 1-based number of the first one."""
        first = len(self.lines) + 1
        for t in texts:
            self.lines.extend(t.split("\n"))
        return first

    def pagebreak(self, header=None):
        self.page += 1
        self.p("", f"— {self.page} —", "")
        if header:
            self.p(header)

    def t(self, line, ref, text, lead, sup=(), dl=None, dt=None, am=(), note=None, **kw):
        r = {
            "seed": self.seed,
            "doc": self.doc,
            "doc_year": self.year,
            "section": kw.pop("section", self.section),
            "kind": kw.pop("kind", self.kind),
            "ref": ref,
            "group": kw.pop("group", self.group),
            "leader": kw.pop("leader", self.leader),
            "text": text,
            "lead_units": list(lead),
            "support_units": list(sup),
            "deadline": dl,
            "deadline_text": dt,
            "amounts": list(am),
            "line": line,
        }
        r.update(kw)
        if note:
            r["note"] = note
        self.gold.append(r)
        return r

    def write(self):
        name = self.seed[:-4]
        (ROOT / "texts" / self.seed).write_text("\n".join(self.lines) + "\n", encoding="utf-8")
        with open(ROOT / "gold" / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in self.gold:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        return len(self.gold)
