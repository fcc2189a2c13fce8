"""Held-out builder: each doc is written line by line; tasks are recorded by hand with their gold fields."""
import json, os
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


class Doc:
    def __init__(self, name, doc, year, section):
        self.name, self.doc, self.year, self.section = name + ".txt", doc, year, section
        self.lines, self.gold = [], []

    def l(self, *ss):
        for s in ss:
            self.lines.extend(s.split("\n"))

    def t(self, printed, text, lead, support=(), deadline=None, dtext=None, amounts=(), ref=None,
          group=None, leader=None, kind="table", note=None, off=0, line=None):
        """Add printed line(s) and one gold record whose text starts at printed line `off`."""
        start = len(self.lines) + 1
        if printed is not None:
            self.l(printed)
        self.rec(text, lead, support, deadline, dtext, amounts, ref, group, leader, kind, note,
                 line or start + off)

    def rec(self, text, lead, support=(), deadline=None, dtext=None, amounts=(), ref=None, group=None,
            leader=None, kind="table", note=None, line=None):
        r = dict(seed=self.name, doc=self.doc, doc_year=self.year, section=self.section, kind=kind,
                 ref=ref, group=group, leader=leader, text=text, lead_units=list(lead),
                 support_units=list(support), deadline=deadline, deadline_text=dtext,
                 amounts=[dict(yuan=a[0], text=a[1], per=a[2] if len(a) > 2 else None) for a in amounts],
                 line=line or len(self.lines))
        if note:
            r["note"] = note
        self.gold.append(r)

    @property
    def n(self):
        return len(self.lines)

    def save(self):
        with open(f"{OUT}/texts/{self.name}", "w", encoding="utf-8") as f:
            f.write("\n".join(self.lines) + "\n")
        with open(f"{OUT}/gold/{self.name[:-4]}.jsonl", "w", encoding="utf-8") as f:
            for r in self.gold:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(self.name, len(self.lines), "lines", len(self.gold), "tasks")


def row(*cells):
    return "\t".join(cells)


def sp(s):
    """Space out CJK the way a PDF extractor does."""
    return " ".join(s)
