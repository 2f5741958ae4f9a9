"""Serve the preview's folder, and reload the open tabs when it changes.

A small threaded HTTP server: files as they are, with one script added to
every HTML page. The script shows the problems of the last save over the
page, and waits on the server (a long poll of /__preview__/wait) for the
next build, then reloads the tab. The folder itself is left as MkDocs wrote
it, the same bytes as a `make build` of the same sources.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import sys
import threading
import time
import urllib.parse
from pathlib import Path

WAIT_PATH = "/__preview__/wait"
WAIT_SECONDS = 20.0  # a long poll answers at least this often, so a closed tab frees its thread
HISTORY = 100  # builds remembered; a tab further behind reloads
MAX_PAGE_ADDRESS = 2048  # characters of a page's address a tab may wait on; no page of a site is longer

# Added before </body> of every HTML page served: the problems of the last save, and the reload.
_SCRIPT = """\
<script id="preview-script">/* added by `make serve`, never built into site/ */
(function () {
  "use strict";
  var version = %(version)d, problems = %(problems)s;
  function show() {
    var old = document.getElementById("preview-problems");
    if (old) old.remove();
    if (!problems.length) return;
    var box = document.createElement("div");
    box.id = "preview-problems";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:1000;max-height:50vh;overflow:auto;" +
      "background:#8b0000;color:#fff;padding:.8em 1.2em;font:13px/1.5 monospace";
    var title = document.createElement("strong");
    title.textContent = problems.length + (problems.length === 1 ? " problem" : " problems") +
      ": the preview shows the last good version and reloads when they are fixed";
    box.appendChild(title);
    var list = document.createElement("ul");
    problems.forEach(function (text) { var item = document.createElement("li"); item.textContent = text; list.appendChild(item); });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  function wait() {
    fetch("%(wait)s?since=" + version + "&page=" + encodeURIComponent(location.pathname), {cache: "no-store"})
      .then(function (answer) { return answer.json(); })
      .then(function (state) {
        // Reload when this page changed (pages: null for every page), or when other files did
        // (pictures, feeds, exports, dated rows) and this is a view built from them, one with a query.
        var mine = state.pages === null || state.pages.indexOf(location.pathname) >= 0;
        if (state.version !== version && (mine || (state.files && location.search))) location.reload();
        else { version = state.version; wait(); }
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  if (window.__previewWaiting) return;  // instant navigation ran this again: the first one waits already
  window.__previewWaiting = true;
  if (typeof window.document$ !== "undefined") window.document$.subscribe(show);
  else if (document.body) show();
  else document.addEventListener("DOMContentLoaded", show);
  wait();
})();
</script>
"""


class PreviewState:
    """The build the folder holds (a number that grows with each one), what each build changed, and the problems of the last save."""

    def __init__(self) -> None:
        self.version = 0
        self.problems: list[str] = []
        self.folder: Path | None = None
        # (version, addresses of the pages changed or None for every page, other files changed)
        self._history: list[tuple[int, tuple[str, ...] | None, bool]] = []
        self._watching: dict[str, float] = {}  # the address each open tab waits on, and when it last asked
        self._changed = threading.Condition()

    def publish(self, folder: Path | None, problems: list[str], *, pages: tuple[str, ...] | None = None, files: bool = False) -> None:
        """A new build (or new problems) is ready: serve it and wake the waiting tabs.

        pages: the addresses of the pages that changed, None for every page; files: other files changed."""
        with self._changed:
            self.folder = folder or self.folder
            if problems != self.problems:
                pages = None  # every open page shows the problems
            self.problems = list(problems)
            self.version += 1
            self._history = [*self._history[-(HISTORY - 1) :], (self.version, pages, files)]
            self._changed.notify_all()

    def wait(self, since: int, page: str = "", timeout: float = WAIT_SECONDS) -> dict[str, object]:
        """Once the version differs from since (or after timeout seconds): the version, and what changed since."""
        with self._changed:
            # A closed tab stops asking: forget every page no tab has asked about for a while.
            recent = time.monotonic() - WAIT_SECONDS - 5
            self._watching = {address: seen for address, seen in self._watching.items() if seen >= recent}
            self._watching[page] = time.monotonic()
            self._changed.wait_for(lambda: self.version != since, timeout=timeout)
            self._watching[page] = time.monotonic()
            later = [entry for entry in self._history if entry[0] > since]
            remembered = bool(self._history) and self._history[0][0] <= since + 1
            pages: set[str] | None = set() if remembered else None
            for _, changed, _ in later:
                pages = None if changed is None or pages is None else pages | set(changed)
            return {
                "version": self.version,
                "pages": sorted(pages) if pages is not None else None,
                "files": any(entry[2] for entry in later),
            }

    def watched(self) -> set[str]:
        """The addresses of the pages open in a browser now."""
        with self._changed:
            recent = time.monotonic() - WAIT_SECONDS - 5
            return {page for page, seen in self._watching.items() if seen >= recent and page}

    def script(self) -> bytes:
        with self._changed:
            # `<` escaped, so a problem that quotes `</script>` stays inside the string
            problems = json.dumps(self.problems, ensure_ascii=True).replace("<", "\\u003c")
            return (_SCRIPT % {"version": self.version, "problems": problems, "wait": WAIT_PATH}).encode("utf-8")


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:
        if not self.server.serves(self.headers.get("Host", "")):
            # Another name for this address (DNS rebinding) would let any web page read the preview.
            self._send(400, "text/plain; charset=utf-8", b"this preview answers only at its own address\n")
            return
        try:
            self._answer()
        except (ValueError, OSError) as error:
            if isinstance(error, ConnectionError):
                raise
            # A NUL byte, a name too long for the file system, a number of a million digits: a bad request, said so.
            self._send(400, "text/plain; charset=utf-8", b"bad request\n")

    def _answer(self) -> None:
        state = self.server.state
        url = urllib.parse.urlsplit(self.path)
        if url.path == WAIT_PATH:
            since = urllib.parse.parse_qs(url.query).get("since", ["-1"])[0]
            page = urllib.parse.parse_qs(url.query).get("page", [""])[0]
            if len(page) > MAX_PAGE_ADDRESS or len(since) > 20:
                raise ValueError("not a page of the site")
            body = json.dumps(state.wait(int(since) if since.lstrip("-").isdigit() else -1, page)).encode()
            self._send(200, "application/json", body)
            return
        script = state.script()  # before the file: a build that lands in between makes the tab reload once more
        folder = state.folder
        if folder is None:
            self._send(503, "text/plain; charset=utf-8", b"the preview is building\n")
            return
        path = _file_in(folder, urllib.parse.unquote(url.path))
        if path is not None and path.is_dir():
            if not url.path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if path is None or not path.is_file():
            status, path = 404, folder / "404.html"
            if not path.is_file():
                self._send(404, "text/plain; charset=utf-8", b"not found\n")
                return
        try:
            body = path.read_bytes()
        except OSError:  # removed by a full build between the check and the read
            self._send(404, "text/plain; charset=utf-8", b"not found\n")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = _with_script(body, script)
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml", "application/xml"):
            kind += "; charset=utf-8"
        self._send(status, kind, body)

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")  # every load asks again: the files change under the browser
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # a preview that printed each request would bury the build messages


def _file_in(folder: Path, url_path: str) -> Path | None:
    """The file or folder url_path names inside folder; None for a path that would leave it."""
    path = (folder / url_path.lstrip("/")).resolve()
    return path if path.is_relative_to(folder.resolve()) else None


def _with_script(page: bytes, script: bytes) -> bytes:
    end = page.rfind(b"</body>")
    return page[:end] + script + page[end:] if end >= 0 else page + script


class PreviewServer(http.server.ThreadingHTTPServer):
    """The preview's HTTP server on host:port, answering from state's folder."""

    daemon_threads = True

    def __init__(self, address: str, state: PreviewState) -> None:
        host, _, port = address.rpartition(":")
        self.state = state
        self.host = host or "127.0.0.1"
        super().__init__((self.host, int(port)), _Handler)

    def serves(self, host_header: str) -> bool:
        """True when a request's Host names this server: its own host and port (`localhost` for a loopback
        address); any host when it listens on every interface, whose names it cannot know."""
        if self.host in ("0.0.0.0", ""):
            return True
        port = self.server_address[1]
        names = {self.host} | ({"localhost", "127.0.0.1"} if self.host in ("localhost", "127.0.0.1") else set())
        return host_header.lower() in {f"{name}:{port}" for name in names} | ({*names} if port == 80 else set())

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a tab reloaded or closed while its request was open: nothing to tell the editor
        super().handle_error(request, client_address)  # type: ignore[arg-type]
