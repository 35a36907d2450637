"""The HTTP server's own parts (ittifoq.web.http_server): a port that is taken is refused
before anything starts. (Slow clients and body limits: test_server_process.)"""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


@pytest.mark.slow
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
