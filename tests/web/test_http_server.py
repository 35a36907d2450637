"""The HTTP server's own parts (ittifoq.web.http_server): bodies an answer left unread are
drained, and a port that is taken is refused before anything starts."""

from __future__ import annotations

import io
import socket
import subprocess
import sys

from ittifoq.web.http_server import DrainBodies


def _refusing_app(environ, start_response):
    # Answers without reading the body, as Flask does for 413 or 415.
    start_response("415 Unsupported Media Type", [("Content-Type", "text/plain")])
    return [b"no"]


def _reading_app(n):
    def app(environ, start_response):
        environ["wsgi.input"].read(n)
        start_response("200 OK", [])
        return [b"ok"]

    return app


def _call(app, body: bytes, content_length: int | None = None):
    stream = io.BytesIO(body + b"NEXT REQUEST")  # what follows on a kept-alive connection
    environ = {"CONTENT_LENGTH": str(len(body) if content_length is None else content_length), "wsgi.input": stream}
    out = app(environ, lambda status, headers: None)
    return b"".join(out), stream


def test_a_body_left_unread_is_read_to_its_end_and_no_further():
    body, stream = _call(DrainBodies(_refusing_app, cap=1000), b"x" * 700)
    assert body == b"no"
    assert stream.read() == b"NEXT REQUEST"


def test_what_the_application_read_is_not_read_again():
    _, stream = _call(DrainBodies(_reading_app(300), cap=1000), b"a" * 300 + b"b" * 400)
    assert stream.read() == b"NEXT REQUEST"


def test_a_body_over_the_cap_is_left_to_the_server():
    _, stream = _call(DrainBodies(_refusing_app, cap=1000), b"x" * 5000)
    assert stream.tell() == 0


def test_a_taken_port_is_refused_before_anything_starts(tmp_path):
    data = tmp_path / "g.nt"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run(
            [sys.executable, "-m", "ittifoq", "serve", "--port", str(port), "--data", str(data)],
            capture_output=True, text=True, timeout=60, cwd=tmp_path,
        )
    assert out.returncode == 2, out.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in out.stderr
