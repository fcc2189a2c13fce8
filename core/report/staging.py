"""Write several files into a folder so they appear only if the whole job succeeds.

Reminders and unit feedback sheets are written first to temporary names beside their
targets; the ledger then records what was sent; only then do the files take their names.
A failure at any step removes every temporary file, so a clerk never finds a notice the
ledger has no record of, nor a logged reminder whose notice was never written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.report.errors import ReportWriteError


class StagedFiles:
    """The temporary files of one job: `stage(target)` gives the path to write to."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder, self.prefix = folder, prefix
        self.pairs: list[tuple[Path, Path]] = []

    def stage(self, target: Path) -> Path:
        fd, name = tempfile.mkstemp(prefix=self.prefix, suffix=".part", dir=self.folder)
        os.close(fd)
        self.pairs.append((Path(name), target))
        return Path(name)

    @property
    def targets(self) -> tuple[Path, ...]:
        return tuple(t for _, t in self.pairs)

    def discard(self) -> None:
        for part, _ in self.pairs:
            part.unlink(missing_ok=True)

    def publish(self) -> None:
        for part, target in self.pairs:
            os.replace(part, target)
            target.chmod(0o644)  # mkstemp makes files owner-only; these are documents


@contextmanager
def staged_files(out_dir: str | Path, prefix: str) -> Iterator[StagedFiles]:
    """Create `out_dir`, stage files in it, and publish them all when the block succeeds.

    OSError (folder not writable, disk full) becomes one ReportWriteError naming the folder.
    """
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportWriteError(folder, exc.strerror or str(exc)) from exc
    files = StagedFiles(folder, prefix)
    try:
        yield files
    except OSError as exc:
        files.discard()
        raise ReportWriteError(folder, exc.strerror or str(exc)) from exc
    except BaseException:
        files.discard()
        raise
    files.publish()
