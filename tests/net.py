"""Network helpers for the tests: a local HTTP listener with a fixed answer that records every
request, a free port on 127.0.0.1, waiting until a server answers, and stopping a server
process (and its process group)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer

SPARQL_JSON = "application/sparql-results+json"


def sparql_row(var: str, value: str) -> bytes:
    """A SPARQL JSON result of one row binding ``var`` to the literal ``value``."""
    return json.dumps({"head": {"vars": [var]},
                       "results": {"bindings": [{var: {"type": "literal", "value": value}}]}}).encode()


class Listener:
    """An HTTP server on 127.0.0.1 (port 0) that answers every GET and POST with ``body`` and
    records each request's path in ``hits``. Unthreaded by default: it handles one connection
    at a time, in the order they came; ``threaded`` serves them at once."""

    def __init__(self, body: bytes, content_type: str = SPARQL_JSON, *, threaded: bool = False):
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                hits.append(self.path)
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = (ThreadingHTTPServer if threaded else HTTPServer)(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (for servers that cannot take port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answered(url: str, proc: subprocess.Popen, within: float, failed: Callable[[], str]) -> None:
    """Wait until GET ``url`` answers 200, polling; RuntimeError with ``failed()`` when ``proc``
    ends first or ``within`` seconds pass (a bound only a broken server reaches)."""
    deadline = time.monotonic() + within
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(failed())
        time.sleep(0.2)


def stop(proc: subprocess.Popen, grace: float = 30) -> None:
    """SIGTERM, then SIGKILL to its process group if it has not ended within ``grace`` seconds;
    reaped either way. ``proc`` was started with ``start_new_session=True``."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
