"""Write tests/heldout2/texts and gold from the document modules (python build.py)."""
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
total = 0
for f in sorted(Path(__file__).parent.glob("d[0-9]*.py")):
    n = importlib.import_module(f.stem).build().write()
    print(f.stem, n)
    total += n
print("total", total)
