"""The data as it stood at a git revision: its files read with `git show` into a folder of their own.

`versus diff --base REF` compares that copy with the working tree. The data
folder is found by its path inside the repository, so a site that lives in
a sub-folder of its repository reads the same folder at REF. Git is run
with argument lists, never through a shell, and every failure (no git, no
repository, an unknown revision) becomes one `RevisionUnreadable` line.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

# Not data: the editors' schemas are written from the model and never read by a load.
SKIPPED_FOLDERS = ("schema",)


class RevisionUnreadable(Exception):
    """The revision, the repository or git itself cannot be read; the message is one line with a hint."""


class NoDataAtRevision(Exception):
    """The revision exists but holds no data folder at that path, e.g. a commit from before the site had data."""


def _git(folder: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise RevisionUnreadable("git is not installed (hint: install git; `versus diff` reads the base from the repository)") from None
    except subprocess.TimeoutExpired:
        raise RevisionUnreadable(f"git took over a minute to answer in {folder} (hint: try again once the repository is idle)") from None


def _first_line(completed: subprocess.CompletedProcess[bytes]) -> str:
    text = completed.stderr.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else f"git exited with status {completed.returncode}"


def repository_root(folder: Path) -> Path:
    """The top of the git work tree that holds `folder`; RevisionUnreadable when there is none."""
    found = _git(folder, "rev-parse", "--show-toplevel")
    if found.returncode != 0 and "not a git repository" in found.stderr.decode("utf-8", "replace"):
        raise RevisionUnreadable(
            f"{folder} is not inside a git repository (hint: `versus diff` compares the data with a commit; run it in the site's repository)"
        )
    if found.returncode != 0:
        # Git's own reason, such as a repository owned by another user ("dubious ownership"), with the fix it suggests.
        fix = next((line.strip() for line in found.stderr.decode("utf-8", "replace").splitlines() if "safe.directory" in line), "")
        raise RevisionUnreadable(f"git cannot read the repository of {folder}: {_first_line(found)}" + (f" (hint: {fix})" if fix else ""))
    return Path(found.stdout.decode("utf-8").strip())


def commit_of(root: Path, ref: str) -> str:
    """The commit `ref` names (a branch, tag, commit or expression such as HEAD~3); RevisionUnreadable when none."""
    # A ref starting with "-" would be read as an option by git: no branch or tag may start so anyway.
    found = None if ref.startswith("-") or not ref.strip() else _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found is None or found.returncode != 0:
        raise RevisionUnreadable(
            f"unknown git revision `{ref}` (hint: name a branch, tag or commit; a pull request's base may need `git fetch origin {ref}` first)"
        )
    return found.stdout.decode("ascii").strip()


def data_folder_in_repository(data_dir: Path) -> tuple[Path, PurePosixPath]:
    """The repository's root and the data folder's path inside it, e.g. `data` or `sites/tea/data`."""
    folder = data_dir if data_dir.is_dir() else data_dir.parent
    root = repository_root(folder)
    try:
        inside = data_dir.resolve().relative_to(root.resolve())
    except ValueError:
        raise RevisionUnreadable(f"the data folder {data_dir} is outside the repository at {root}") from None
    return root, PurePosixPath(inside.as_posix())


def write_data_at(ref: str, data_dir: Path, into: Path) -> str:
    """Write the data folder's files as they were at `ref` into `into`; the commit's id.

    Raises RevisionUnreadable for a missing repository or revision, and NoDataAtRevision
    when the commit exists but has no data folder at that path.
    """
    root, inside = data_folder_in_repository(data_dir)
    commit = commit_of(root, ref)
    prefix = "" if str(inside) == "." else f"{inside}/"
    listed = _git(root, "ls-tree", "-r", "-z", "--name-only", commit, "--", prefix or ".")
    if listed.returncode != 0:
        raise RevisionUnreadable(f"cannot list {prefix or 'the files'} at `{ref}`: {_first_line(listed)}")
    paths = [name for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if name]
    wanted = [path for path in paths if PurePosixPath(path).relative_to(inside).parts[0] not in SKIPPED_FOLDERS]
    if not wanted:
        raise NoDataAtRevision(f"`{ref}` has no {prefix or 'data files at the repository root'}")
    for path in wanted:
        shown = _git(root, "cat-file", "blob", f"{commit}:{path}")
        if shown.returncode != 0:
            raise RevisionUnreadable(f"cannot read {path} at `{ref}`: {_first_line(shown)}")
        target = into / PurePosixPath(path).relative_to(inside)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shown.stdout)
    return commit
