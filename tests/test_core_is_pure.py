"""The core library must stay importable without Qt (it runs in CLI and CI contexts)."""

import subprocess
import sys


def test_importing_core_does_not_import_qt() -> None:
    code = (
        "import sys, core, core.cli, core.model, core.errors\n"
        "import pkgutil, importlib\n"
        "for m in pkgutil.walk_packages(core.__path__, 'core.'):\n"
        "    if '.migrations' in m.name or m.name.endswith('__main__'): continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
