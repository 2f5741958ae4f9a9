"""Put a new build in site/'s place in one step, and put back a previous site a killed build left aside.

The replacement is one atomic exchange where the system offers it (Linux),
so site/ is always present and complete; elsewhere it is two renames, and a
build killed between them leaves the previous site aside, where the next
build puts it back.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteSwap:
    """Where a new site waits to replace site_dir, and where the previous one is set aside.

    Both lie on site_dir's file system, where a rename is atomic: in .build/ when
    it is there (always, for the project's own site/), else in a hidden folder
    beside site_dir. Each site folder has its own, so builds into different
    folders never touch each other's previous site.
    """

    site_dir: Path
    folder: Path

    @classmethod
    def of(cls, site_dir: Path, build_dir: Path) -> SiteSwap:
        same_device = build_dir.stat().st_dev == site_dir.parent.stat().st_dev
        base = build_dir if same_device else site_dir.parent / f".{site_dir.name}.build"
        key = hashlib.sha256(os.fsencode(site_dir)).hexdigest()[:12]
        return cls(site_dir, base / f"swap-{site_dir.name}-{key}")

    @property
    def previous(self) -> Path:
        return self.folder / "previous"

    def recover(self) -> None:
        """Put back a previous site that a killed build left aside, or remove it; remove half-built new sites."""
        if self.previous.exists():
            if _exists(self.site_dir):
                shutil.rmtree(self.previous)
            else:
                self.previous.rename(self.site_dir)
        for stale in self.folder.glob("new-*"):
            shutil.rmtree(stale, ignore_errors=True)

    @contextlib.contextmanager
    def new_folder(self) -> Iterator[Path]:
        """An empty folder for MkDocs' output; removed afterwards unless it became site_dir."""
        self.folder.mkdir(parents=True, exist_ok=True)
        output = Path(tempfile.mkdtemp(dir=self.folder, prefix="new-"))
        try:
            yield output
        finally:
            shutil.rmtree(output, ignore_errors=True)
            with contextlib.suppress(OSError):  # still holds something only if a build was killed mid-swap
                self.folder.rmdir()

    def put_in(self, new_site: Path) -> None:
        """Make new_site, complete, the site at site_dir."""
        if not _exists(self.site_dir):
            new_site.rename(self.site_dir)
        elif _exchange(new_site, self.site_dir):
            shutil.rmtree(new_site)  # now the previous site
        else:
            # Two renames: a kill between them leaves the previous site aside, and recover() puts it back.
            self.site_dir.rename(self.previous)
            new_site.rename(self.site_dir)
            shutil.rmtree(self.previous)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step: Linux's renameat2 with RENAME_EXCHANGE.

    False where the system or the file system cannot (another system, an old C
    library, a file system without the operation): the caller renames twice."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))
