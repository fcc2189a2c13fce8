#!/usr/bin/env python3
"""Set everything up, then run the app or the test suite. Needs only Python 3.11+.

    python3 scripts/dev.py run [app arguments]   # venv, dependencies, system check, launch
    python3 scripts/dev.py test [pytest args]    # the same with test extras, then lint + tests

Why a script rather than a Makefile: clerks' workstations run Windows as often as Linux,
and this file needs nothing but the Python that runs it. It creates `.venv/` beside the
project, installs the project into it (again only when pyproject.toml changed), and on
Debian/Ubuntu installs the Qt runtime libraries, a CJK font and (for tests) PostgreSQL
with apt-get when they are missing and it runs as root; otherwise it says what to install.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
IS_WINDOWS = os.name == "nt"
PY = VENV / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")

# Shared libraries the Qt 6 wheels load on Linux, and the Debian packages that ship them.
QT_LIBS = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libX11-xcb.so.1": "libx11-xcb1",
}
CJK_FONT_PACKAGE = "fonts-wqy-microhei"
POSTGRES_PACKAGE = "postgresql"
OFFICE_PACKAGE = "libreoffice-writer-nogui"
# Calc renders the weekly workbook to PDF to count its printed pages (tests/report).
CALC_PACKAGE = "libreoffice-calc-nogui"


def say(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def run(cmd: list[str], **kw: object) -> int:
    return subprocess.call(cmd, **kw)  # type: ignore[arg-type]


def missing_linux_libs() -> list[str]:
    """Debian packages whose Qt runtime libraries the dynamic linker cannot find."""
    try:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    except OSError:
        return []
    return sorted({pkg for lib, pkg in QT_LIBS.items() if lib not in out})


def has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    return bool(out.strip())


def has_postgres_server() -> bool:
    if shutil.which("pg_ctl") or shutil.which("postgres"):
        return True
    return any(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))


def has_office_calc() -> bool:
    """LibreOffice Calc is a separate Debian package from Writer (libreoffice-calc-nogui)."""
    return any(Path(p).exists() for p in ("/usr/lib/libreoffice/program/libsclo.so",))


def apt_install(packages: list[str], why: str) -> None:
    """Install Debian packages when we can; otherwise say exactly what is needed."""
    if not packages:
        return
    can_apt = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if not can_apt:
        names = " ".join(packages)
        say(f"{why}: please install {names} (e.g. sudo apt-get install {names})")
        return
    say(f"{why}: apt-get install {' '.join(packages)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if run(["apt-get", "update", "-qq"], env=env) != 0:
        say("apt-get update failed; trying the install anyway")
    if run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env=env) != 0:
        say(f"apt-get install failed for {' '.join(packages)}")


def check_system(for_tests: bool) -> None:
    if not sys.platform.startswith("linux"):
        return  # the Qt wheels carry what they need on Windows and macOS
    packages = missing_linux_libs()
    if not has_cjk_font():
        packages.append(CJK_FONT_PACKAGE)
    if for_tests and not has_postgres_server():
        packages.append(POSTGRES_PACKAGE)
    if for_tests and not shutil.which("soffice"):
        packages.append(OFFICE_PACKAGE)  # renders test DOCX to PDF as clerks' offices do
    if for_tests and not has_office_calc():
        packages.append(CALC_PACKAGE)
    apt_install(packages, "system packages for Qt, Chinese fonts and tests")


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036  (this script may run under an older Python)
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]})")
    if not PY.exists():
        say(f"creating {VENV}")
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except (OSError, subprocess.CalledProcessError):
            # Debian/Ubuntu ship venv's pip bootstrap (ensurepip) separately.
            minor = f"python{sys.version_info.major}.{sys.version_info.minor}"
            apt_install([f"{minor}-venv"], "Python's venv module needs ensurepip")
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing the project{f' with [{extras}]' if extras else ''} into {VENV}")
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    cmd = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target]
    if run(cmd) != 0:
        sys.exit("pip install failed; see the messages above")
    stamp.write_text(digest)


def cmd_run(args: list[str]) -> int:
    check_system(for_tests=False)
    ensure_venv("")
    return run([str(PY), "-m", "desktop", *args], cwd=ROOT)


def cmd_test(args: list[str]) -> int:
    check_system(for_tests=True)
    ensure_venv("test,postgres,build")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    say("ruff check")
    if run([str(PY), "-m", "ruff", "check", "."], cwd=ROOT, env=env) != 0:
        return 1
    say("mypy (strict on core/)")
    if run([str(PY), "-m", "mypy"], cwd=ROOT, env=env) != 0:
        return 1
    say("pytest")
    code = run([str(PY), "-m", "pytest", *args], cwd=ROOT, env=env)
    return 1 if code == 5 else code  # 5 = no tests collected: a broken suite, not a pass


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    return cmd_run(argv[1:]) if argv[0] == "run" else cmd_test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
