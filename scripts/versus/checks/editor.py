"""What an editor shows for the data files: Red Hat's YAML language server, driven over stdio with our JSON Schemas.

`python -m versus.checks.editor data/features.yml ...` prints each
diagnostic as `file:line:col: message`, as VS Code would underline it. The
tests use it to hold the schemas to what `make check` accepts and refuses.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from versus.paths import find_project

SERVER = Path("node_modules") / "yaml-language-server" / "bin" / "yaml-language-server"  # in the project
SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}, "format": {"enable": False}}}


class EditorMissing(Exception):
    """The language server is not installed (npm ci installs it from package-lock.json)."""


@dataclass(frozen=True)
class Diagnostic:
    path: Path
    line: int  # 1-based, as editors show it
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class _Connection:
    """JSON-RPC over the server's stdin and stdout, with the Content-Length framing LSP uses."""

    def __init__(self, process: subprocess.Popen[bytes]):
        assert process.stdin is not None and process.stdout is not None
        self.process, self.input, self.output = process, process.stdin, process.stdout
        self.next_id = 0

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.input.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self.input.flush()

    def request(self, method: str, params: object) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def receive(self) -> dict[str, Any]:
        length = 0
        for raw in iter(self.output.readline, b""):
            line = raw.decode("ascii").strip()
            if not line:
                break
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(_read_exactly(self.output, length)) if length else {}


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise EOFError("the language server closed its output")
        data += chunk
    return data


def diagnostics(paths: list[Path], timeout: float = 60.0) -> list[Diagnostic]:
    """Open each file in the language server and collect what it reports, as an editor would show it."""
    root = find_project()
    if not (root / SERVER).is_file():
        raise EditorMissing(f"{SERVER} is missing: run `npm ci` (make test does)")
    process = subprocess.Popen(
        ["node", str(root / SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    connection = _Connection(process)
    uris = {path.resolve().as_uri(): path for path in paths}
    found: dict[str, list[Diagnostic]] = {}
    try:
        connection.request(
            "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {"workspace": {"configuration": True}}}
        )
        _wait_for_answer(connection, 1, timeout)
        connection.send({"method": "initialized", "params": {}})
        connection.send({"method": "workspace/didChangeConfiguration", "params": {"settings": SETTINGS}})
        for uri, path in uris.items():
            text = path.read_text(encoding="utf-8")
            connection.send(
                {
                    "method": "textDocument/didOpen",
                    "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
                }
            )
        deadline = time.monotonic() + timeout
        while set(found) != set(uris) and time.monotonic() < deadline:
            message = connection.receive()
            if "id" in message and "method" in message:  # a request from the server, e.g. for settings
                answer = (
                    [SETTINGS["yaml"]] * len(message.get("params", {}).get("items", []))
                    if message["method"] == "workspace/configuration"
                    else None
                )
                connection.send({"id": message["id"], "result": answer})
            elif message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] in uris:
                uri = message["params"]["uri"]
                found[uri] = [
                    Diagnostic(uris[uri], item["range"]["start"]["line"] + 1, item["range"]["start"]["character"] + 1, item["message"])
                    for item in message["params"]["diagnostics"]
                ]
        missing = set(uris) - set(found)
        if missing:
            raise TimeoutError(f"no diagnostics within {timeout:.0f} s for {', '.join(sorted(missing))}")
    finally:
        process.kill()
        process.wait()
        connection.input.close()
        connection.output.close()
    return [diagnostic for uri in uris for diagnostic in found[uri]]


def _wait_for_answer(connection: _Connection, request_id: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if connection.receive().get("id") == request_id:
            return
    raise TimeoutError("the language server did not answer `initialize`")


def main(argv: list[str] | None = None) -> int:
    """Print every diagnostic of the given files; exit 1 when there is any."""
    paths = [Path(name) for name in (argv if argv is not None else sys.argv[1:])]
    try:
        found = diagnostics(paths)
    except EditorMissing as missing:
        print(missing, file=sys.stderr)
        return 1
    for diagnostic in found:
        print(diagnostic)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
