"""The preview's server against a second preview, other hosts' names and malformed requests.

One preview per site (a second would delete the first's folder), a Host
header that is not the preview's own answered 400 (DNS rebinding), a bad
request answered 400 without a traceback, and closed tabs forgotten.
"""

from __future__ import annotations

import http.client
import shutil
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, project_copy
from tests.paths import tool_environment
from tests.test_serve import serving
from versus.site import preview_server
from versus.site.preview_server import PreviewState


@pytest.fixture
def small_preview(tmp_path):
    project = project_copy(tmp_path / "project", ("mkdocs.yml",))
    shutil.copytree(FIXTURES / "small", project / "data")
    yield from serving(project, tmp_path, "comparison/")


def ask(url: str, path: str, host: str | None = None) -> int:
    address = url.removeprefix("http://").rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=30)
    connection.putrequest("GET", path, skip_host=host is not None)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


def test_a_second_preview_of_the_site_is_refused_naming_the_first(small_preview):
    project, url, _ = small_preview
    code = (
        f"import sys; from pathlib import Path; from versus.site.serve import serve; sys.exit(serve('127.0.0.1:1', Path({str(project)!r})))"
    )
    second = subprocess.run([sys.executable, "-c", code], env=tool_environment(), capture_output=True, text=True, timeout=60, check=False)
    assert second.returncode == 1
    assert f"another preview of this site is running at {url}" in second.stderr
    assert ask(url, "/comparison/") == 200  # the first one's folder is still there


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.2:1234", ""])
def test_a_request_for_another_host_is_refused(small_preview, host):
    _, url, _ = small_preview
    assert ask(url, "/comparison/", host) == 400
    assert ask(url, "/comparison/", url.removeprefix("http://").rstrip("/")) == 200
    port = url.rstrip("/").rsplit(":", 1)[1]
    assert ask(url, "/comparison/", f"localhost:{port}") == 200


@pytest.mark.parametrize(
    "path",
    ["/%00", "/comparison/%00/x", "/" + "a" * 5000, "/__preview__/wait?since=" + "9" * 5000, "/__preview__/wait?page=" + "x" * 5000],
)
def test_a_malformed_request_is_a_400_and_no_traceback(small_preview, path):
    _, url, log = small_preview
    assert ask(url, path) == 400
    assert ask(url, "/comparison/") == 200
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_a_closed_tabs_page_is_forgotten(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(preview_server.time, "monotonic", lambda: now[0])
    state = PreviewState()
    state.publish(None, [])
    for n in range(50):
        state.wait(since=state.version - 1, page=f"/page-{n}/", timeout=0)
    now[0] += preview_server.WAIT_SECONDS + 10
    state.wait(since=state.version - 1, page="/open/", timeout=0)
    assert state.watched() == {"/open/"}
    assert len(state._watching) == 1
