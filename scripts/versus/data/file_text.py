"""Read a data file's text safely: a regular file of bounded size, UTF-8, every line ending `\n`, nothing YAML counts as a line that editors do not.

A FIFO would block and a link to a device such as /dev/zero would read
without end, so only a regular file of at most MAX_FILE_BYTES is read; each
refusal is one problem at the place an editor finds it.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from versus.data.limits import MAX_FILE_BYTES
from versus.data.problems import Problem

# Line breaks YAML 1.1 counts and editors do not (libyaml ends a line at each): anywhere in a file,
# even in a comment, they would shift every position after them, so they are refused where they stand.
_HIDDEN_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def read_text(path: Path, display_path: str) -> str | Problem:
    """The file's text with every line ending written `\n`, or the problem that keeps it from being loaded.

    Only a regular file of at most MAX_FILE_BYTES is read: a FIFO would block, a link to a
    device such as /dev/zero would read without end. A file of nothing but comments is empty."""
    try:
        found = path.stat()  # follows a symbolic link: what counts is what would be read
    except FileNotFoundError:
        return Problem(
            display_path, 1, 1, "the file is missing", "every site needs it; restore it with `git checkout -- " + display_path + "`"
        )
    except OSError as error:
        return Problem(display_path, 1, 1, f"the file cannot be read: {error.strerror}", "check that it is a readable file")
    if not stat.S_ISREG(found.st_mode):
        return Problem(display_path, 1, 1, "this is not a regular file", "a data file is a plain YAML file; replace it with one")
    if found.st_size > MAX_FILE_BYTES:
        return Problem(
            display_path,
            1,
            1,
            f"the file has {found.st_size:,} bytes; at most {MAX_FILE_BYTES:,} are read",
            "split the comparison, or check that this is the data file meant",
        )
    try:
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # the file may have grown since it was measured
    except OSError as error:
        return Problem(display_path, 1, 1, f"the file cannot be read: {error.strerror}", "check that it is a readable file")
    if len(raw) > MAX_FILE_BYTES:
        return Problem(display_path, 1, 1, f"the file has more than {MAX_FILE_BYTES:,} bytes", "split the comparison")
    # Editors end a line at CR LF, LF or a lone CR (old Mac files): so do the positions of every problem.
    raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return Problem(display_path, line, column, f"byte 0x{raw[error.start]:02x} is not valid UTF-8", "save the file as UTF-8")
    hidden = _HIDDEN_LINE_BREAKS.search(text)
    if hidden:
        line = text.count("\n", 0, hidden.start()) + 1
        column = hidden.start() - (text.rfind("\n", 0, hidden.start()) + 1) + 1
        name = f"U+{ord(hidden.group()):04X} {unicodedata.name(hidden.group(), '')}".strip()
        return Problem(
            display_path,
            line,
            column,
            f"{name} is an invisible line break",
            "remove it, or use an ordinary line break; YAML would count a line here that editors do not",
        )
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        return Problem(display_path, 1, 1, "the file is empty", _restore_hint(path, display_path))
    return text


def _restore_hint(path: Path, display_path: str) -> str:
    """How to get an emptied file back: from git where the folder is a repository, else as its editor can."""
    folder = path.absolute().parent
    if any((parent / ".git").exists() for parent in (folder, *folder.parents)):
        return f"restore its content, e.g. with `git checkout -- {display_path}`"
    return "write its content again, or restore it from a backup; `versus new` writes an example of every data file to start from"
