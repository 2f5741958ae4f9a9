"""Serve a built site as a static host does: gzip for text, long caching for fingerprinted assets.

Usage: python -m versus.checks.static_server [SITE_FOLDER] [--port N]

The audits (Lighthouse) must see the transfer sizes and cache headers a
reader gets from a real host, which Python's plain http.server does not
give: it sends every file uncompressed and without caching rules.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import sys
import threading
from pathlib import Path
from typing import Self

from versus.paths import SITE

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}
# Material names its bundles by content (bundle.a5f9d56c.min.js), so they never change under one name.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files, gzipped when the client accepts it, with cache headers by kind of file."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder URL
            path = path / "index.html"
        not_found = self.directory and Path(self.directory) / "404.html"
        if not path.exists() and not_found and not_found.is_file():
            # Static hosts answer a missing page with the site's own 404 page.
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or path.suffix not in COMPRESSIBLE or not accepts_gzip:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def end_headers(self) -> None:
        self.send_header(
            "Cache-Control", "public, max-age=31536000, immutable" if FINGERPRINTED.search(self.path.split("?")[0]) else "no-cache"
        )
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # the audits print what matters; a line per request would bury it


class _Body:
    """A file-like body for SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data: bytes):
        self.data = data
        self.sent = False

    def read(self, size: int = -1) -> bytes:
        if self.sent:
            return b""
        self.sent = True
        return self.data

    def close(self) -> None:
        pass


class StaticServer:
    """The site served on 127.0.0.1 from a background thread; `url` ends with a slash."""

    def __init__(self, folder: Path, port: int = 0, *, handler: type[http.server.SimpleHTTPRequestHandler] = StaticHandler):
        serving = functools.partial(handler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), serving)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving and free the port."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()


def main(argv: list[str] | None = None) -> int:
    """Serve the site folder until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m versus.checks.static_server", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path(SITE))
    parser.add_argument("--port", type=int, default=8001)
    arguments = parser.parse_args(argv)
    server = StaticServer(arguments.site, arguments.port)
    print(f"serving {arguments.site} with gzip at {server.url} (Ctrl-C stops)")
    try:
        server.thread.join()
    except KeyboardInterrupt:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
