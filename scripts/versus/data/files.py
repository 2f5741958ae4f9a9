"""Every file the tools write (id registry, schemas, rewritten data, records) goes through here: a temporary file and a rename."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write text to path by a temporary file in the same folder and a rename: a kill or a full disk leaves the old file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.parent.is_symlink():
        # A linked folder (data/schema/, .build/cards/…) would take the file wherever the link leads.
        raise OSError(errno.ELOOP, "a symbolic link: the tools write only into real folders", str(path.parent))
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(text.encode("utf-8") if isinstance(text, str) else text)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private; keep the mode the file had, or the usual one for a new file.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.is_file() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
