"""Pure work shared among forked processes, one per core, where the machine and the process allow it.

A build's rendering and drawing are pure: the same data give the same text
and bytes wherever they are made. So on a machine with several cores the
build hands shares of that work to children forked from itself, which start
at once with everything loaded (the data, the templates, the fonts) and send
back only their results. A fork copies one thread and whatever locks the
others hold, so a process that runs threads (the preview's server) does the
work itself, as does a machine of one core. A share whose child fails is
done again here, so its error is raised as it would be without children.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

Result = TypeVar("Result")


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """True when work may go to forked children: more than one core, fork at hand, and no other thread running."""
    return cores() > 1 and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def even_shares(count: int, parts: int) -> list[slice]:
    """`parts` contiguous slices of range(count), of sizes differing by one at most; none empty unless count < parts."""
    size, extra = divmod(count, parts)
    starts = [index * size + min(index, extra) for index in range(parts + 1)]
    return [slice(start, stop) for start, stop in itertools.pairwise(starts)]


def in_children(tasks: Sequence[Callable[[], Result]]) -> list[Result]:
    """Each task's result, in order: every task but the first in a child of its own, the first here meanwhile.

    Without can_fork(), or with a single task, the tasks run here one after the other."""
    if len(tasks) < 2 or not can_fork():
        return [task() for task in tasks]
    with tempfile.TemporaryDirectory(prefix="versus-shares-") as folder:
        outputs = [Path(folder) / f"{index}.pickle" for index in range(len(tasks))]
        children = {_fork(task, output): index for index, (task, output) in enumerate(zip(tasks, outputs, strict=True)) if index}
        results: list[object] = [tasks[0]()]
        done: dict[int, object] = {}
        for pid, index in children.items():
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) == 0 and outputs[index].is_file():
                done[index] = pickle.loads(outputs[index].read_bytes())
        # A child that failed leaves its share to this process, which raises its error as a lone process would.
        results += [done[index] if index in done else tasks[index]() for index in range(1, len(tasks))]
    return results  # type: ignore[return-value]


def _fork(task: Callable[[], object], output: Path) -> int:
    """Start a child that runs `task` and writes its result to `output`; return the child's pid."""
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        written = output.with_suffix(".partial")
        written.write_bytes(pickle.dumps(task(), protocol=pickle.HIGHEST_PROTOCOL))
        written.rename(output)
        code = 0
    finally:
        # Straight out, whatever happened: the child must never run the parent's exit handlers or
        # return into its caller's code (a test runner's, a server's).
        os._exit(code)
