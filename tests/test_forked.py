"""Pure work shared among forked children: the same results in the same order, errors raised as a lone process raises
them, and a build made by children the same site, byte for byte, as one made alone."""

from __future__ import annotations

import os

import pytest

from tests.conftest import fixture_copy
from tests.test_build import tree_digest
from versus import forked
from versus.site import stage
from versus.site.build import build


def test_shares_are_contiguous_even_and_cover_everything():
    for count in range(30):
        for parts in range(1, 6):
            shares = forked.even_shares(count, parts)
            assert len(shares) == parts
            assert [index for share in shares for index in range(count)[share]] == list(range(count))
            sizes = [len(range(count)[share]) for share in shares]
            assert max(sizes) - min(sizes) <= 1


def _pid_and(value):
    return lambda: (os.getpid(), value)


def test_each_task_after_the_first_runs_in_a_child_and_the_results_keep_their_order(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    results = forked.in_children([_pid_and(index) for index in range(4)])
    assert [value for _, value in results] == [0, 1, 2, 3]
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid() and len(set(pids)) == 4


def test_without_fork_every_task_runs_here(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert {pid for pid, _ in forked.in_children([_pid_and(index) for index in range(3)])} == {os.getpid()}


def test_a_task_that_fails_in_its_child_raises_here_as_it_would_alone(monkeypatch, tmp_path):
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    tries = tmp_path / "tries"

    def failing():
        with tries.open("a") as record:
            record.write(f"{os.getpid()}\n")
        raise ValueError("the share's own error")

    with pytest.raises(ValueError, match="the share's own error"):
        forked.in_children([lambda: 1, failing])
    # Tried in its child first, then again here, where its error is raised.
    assert tries.read_text().split()[-1] == str(os.getpid()) and len(tries.read_text().split()) == 2


def test_a_build_shared_among_children_is_the_site_one_process_builds(monkeypatch, tmp_path):
    data = fixture_copy("commute", tmp_path / "commute")
    monkeypatch.setattr(stage, "SHARED_FROM", 0)  # the fixture is smaller than the size that repays children
    received: list[int] = []
    loads = forked.pickle.loads

    def counted(data: bytes) -> object:
        received.append(len(data))
        return loads(data)

    monkeypatch.setattr(forked.pickle, "loads", counted)
    digests = []
    for can in (True, False):
        monkeypatch.setattr(forked, "can_fork", lambda can=can: can)
        build(data_dir=data, site_dir=tmp_path / f"site-{can}")
        digests.append(tree_digest(tmp_path / f"site-{can}"))
    assert digests[0] == digests[1]
    # Every share but the first came back from its child: a share of the item pages per core, and the other files.
    assert len(received) == forked.cores(), received
