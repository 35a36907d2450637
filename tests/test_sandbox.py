"""The engine's process cannot reach the network (``ittifoq.sandbox``): a SERVICE query run
in pyoxigraph with the query guard out of the way makes no connection once the block is on,
and does without it (so these tests can fail)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading

import pytest

from ittifoq import sandbox

ABI = sandbox.landlock_abi()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not isinstance(ABI, int) or ABI < 4,
                       reason=f"the kernel has no Landlock network rules (ABI ≥ 4, Linux 6.7): {ABI}"),
]

# Runs in a child: block (or not), then the engine, a Unix socket pair and a UDP socket.
CHILD = r"""
import json, socket, sys
import pyoxigraph as ox
from ittifoq.sandbox import block_outbound_network
allowed, block, urls = json.loads(sys.argv[1])
status = block_outbound_network(allowed) if block else "not blocked"
errors = []
for url in urls:
    try:
        list(ox.Store().query("SELECT * { SERVICE <%s> { ?s ?p ?o } }" % url))
    except Exception as e:
        errors.append(str(e))
a, b = socket.socketpair()
a.sendall(b"still talking")
try:
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()
    udp = "allowed"
except OSError as e:
    udp = str(e)
print(json.dumps({"status": status, "errors": errors, "unix": b.recv(64).decode(), "udp": udp}))
"""


class Counter:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts and closes them.
    :meth:`count` connects once more and waits for that connection to be accepted: the kernel
    queues connections in order, so every earlier one has been counted by then."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self._sentinel = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                if conn.recv(8, socket.MSG_PEEK) == b"sentinel":
                    self._sentinel.set()
                else:
                    self.accepted += 1

    def count(self) -> int:
        self._sentinel.clear()
        with socket.create_connection(("127.0.0.1", self.port)) as s:
            s.sendall(b"sentinel")
            self._sentinel.wait()
        return self.accepted

    def close(self):
        self.sock.close()


@pytest.fixture
def counters():
    made = [Counter(), Counter()]
    yield made
    for c in made:
        c.close()


def _child(allowed, block, urls):
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps([allowed, block, urls])],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_without_the_block_the_engine_connects(counters):
    listener = counters[0]
    result = _child([], False, [f"http://127.0.0.1:{listener.port}/sparql"])
    assert listener.count() == 1
    assert result["udp"] == "allowed"


def test_the_block_stops_the_engine_s_connections_and_keeps_unix_sockets(counters):
    listener = counters[0]
    result = _child([], True, [f"http://127.0.0.1:{listener.port}/sparql"])
    assert result["status"].startswith("outbound network blocked: TCP connections (Landlock ABI")
    assert "seccomp" in result["status"]
    assert listener.count() == 0
    assert result["errors"] and "ermission denied" in result["errors"][0]
    assert result["unix"] == "still talking"
    assert "ermission denied" in result["udp"]  # no UDP, hence no DNS lookup either


def test_allowed_ports_stay_open_and_only_they(counters):
    allowed, other = counters
    result = _child([allowed.port], True,
                    [f"http://127.0.0.1:{allowed.port}/sparql", f"http://127.0.0.1:{other.port}/sparql"])
    assert result["status"] == (f"outbound network blocked: TCP connections except to TCP port {allowed.port}"
                                f" (Landlock ABI {ABI})")
    assert (allowed.count(), other.count()) == (1, 0)
    assert result["udp"] == "allowed"  # Landlock covers TCP only: documented in the module


def test_the_ports_of_allow_listed_endpoints():
    assert sandbox.ports_of(["http://a/sparql", "https://b/", "http://c:8890/sparql", "urn:x"]) == {80, 443, 8890}
