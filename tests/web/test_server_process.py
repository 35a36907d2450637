"""`ittifoq serve` as a real process (waitress, and its engine process) answering over HTTP on
127.0.0.1: limits, slow clients, stopping, and no process left behind."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .procs import children

pytestmark = pytest.mark.slow

TOKEN = "test-token-not-secret"


def live_children(pid: int) -> list[int]:
    return children(pid, include_zombies=False)


def zombies(pid: int) -> list[int]:
    return sorted(set(children(pid)) - set(live_children(pid)))


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _get(url: str, headers: dict | None = None, data: bytes | None = None, method: str | None = None):
    req = urllib.request.Request(url, headers=headers or {}, data=data, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def _query(url: str, q: str, **params):
    return _get(url + "sparql?" + urllib.parse.urlencode({"query": q, **params}))


class Server:
    def __init__(self, proc, url, output, lines):
        self.proc, self.url, self.output, self.lines = proc, url, output, lines

    def wait_for_line(self, pattern: str, within: float = 60) -> str:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            self.output.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} in:\n" + "".join(self.output))


def _start(root: str, *extra: str, env=None) -> Server:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ittifoq", "--root", root, "serve", "--port", "0", "--timeout", "2",
         "--query-threads", "2", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    server = Server(proc, None, [], lines)
    try:
        line = server.wait_for_line(r"listening on\s+http://")
    except AssertionError:
        _stop(proc)
        raise
    server.url = re.search(r"listening on\s+(http://\S+)", line).group(1)
    return server


def _stop(proc) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@pytest.fixture
def env():
    env = dict(os.environ, PYTHONUNBUFFERED="1", ITTIFOQ_TOKEN=TOKEN)
    env.pop("ITTIFOQ_ROOT", None)
    return env


@pytest.fixture
def root(project_copy, env):
    root = str(project_copy.root)
    subprocess.run([sys.executable, "-m", "ittifoq", "--root", root, "build"], check=True, env=env,
                   capture_output=True, timeout=120)
    return root


@pytest.fixture
def server(root, env):
    s = _start(root, env=env)
    try:
        yield s
    finally:
        _stop(s.proc)


def _engines(pid: int) -> list[int]:
    out = []
    for kid in live_children(pid):
        with open(f"/proc/{kid}/cmdline", "rb") as f:
            if b"multiprocessing.spawn" in f.read():
                out.append(kid)
    return out


def _tree(pid: int) -> list[int]:
    out = []
    for kid in live_children(pid):
        out += [kid, *_tree(kid)]
    return out


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in pids if _alive(p)]


def test_serve_answers_over_http(server):
    url = server.url
    status, headers, body = _query(url, "ASK {}")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    assert "Accept" in headers["Vary"]

    q = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a itt:SourceDocument }"
    status, headers, body = _get(url + "sparql", {"Accept": "text/csv"},
                                 urllib.parse.urlencode({"query": q}).encode(), "POST")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.decode().splitlines() == ["n", "5"]

    status, headers, body = _get(url + "sparql", {"Accept": "text/turtle"})
    assert status == 200 and f"<{url}sparql>".encode() in body

    status, _, body = _get(url + "sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), {"Accept": "image/png"})
    assert status == 406
    status, _, body = _get(url + "sparql", {"Content-Type": "application/sparql-update"}, b"CLEAR ALL", "POST")
    assert status == 403 and b"read-only" in body
    assert _post_too_big(url) == 413


def _post_too_big(url: str) -> int:
    """The status of a POST whose 1.5 MB body is over the 1 MiB limit. The server answers 413
    and closes as soon as the limit is passed, maybe before the body is all sent: the client
    reads the answer whether or not its sending was cut."""
    parsed = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    try:
        try:
            conn.request("POST", "/sparql", body=b"ASK {}" + b" " * 1_500_000,
                         headers={"Content-Type": "application/sparql-query"})
        except (BrokenPipeError, ConnectionResetError):
            pass
        return conn.getresponse().status
    finally:
        conn.close()


def test_timeout_over_http_replaces_the_engine_and_logs_it(server):
    url, proc = server.url, server.proc
    (engine,) = _engines(proc.pid)  # one engine process, with two query threads
    status, _, body = _query(url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert status == 503 and b"2 s limit" in body
    server.wait_for_line(rf"engine process {engine} killed \(signal SIGKILL\)")
    status, _, body = _query(url, "SELECT (1 AS ?x) {}")
    assert status == 200
    (replacement,) = _engines(proc.pid)
    assert replacement != engine and not _alive(engine) and zombies(proc.pid) == []


def _send_slowly(host: str, port: int, started: threading.Barrier, stop: threading.Event) -> None:
    # Headers promise a body; it comes one byte at a time, until the test ends or the server
    # closes the connection.
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 1000\r\n\r\nA")
        started.wait()
        try:
            while not stop.wait(0.5):
                s.sendall(b"S")
        except OSError:
            pass


def test_slow_clients_do_not_stop_the_others(server):
    host, port = re.match(r"http://([^:/]+):(\d+)/", server.url).groups()
    n = 50
    started, stop = threading.Barrier(n + 1), threading.Event()
    slow = [threading.Thread(target=_send_slowly, args=(host, int(port), started, stop), daemon=True) for _ in range(n)]
    for t in slow:
        t.start()
    try:
        started.wait(timeout=60)  # all 50 connected and sending
        for _ in range(3):
            assert _get(server.url)[0] == 200
            assert _get(server.url + "search?q=Mirziyoyev")[0] == 200
            assert _query(server.url, "ASK {}")[0] == 200
    finally:
        stop.set()
        for t in slow:
            t.join(timeout=30)


def _put_too_big(host: str, port: int, body: bytes, chunked: bool) -> int:
    """The status of a Graph Store PUT of ``body``, sent whole whatever the server does: a
    reset on sending or reading fails the test (the server must linger, reading and dropping
    the rest, instead of closing with data unread)."""
    conn = http.client.HTTPConnection(host, port, timeout=60)
    headers = {"Content-Type": "application/n-triples", "Authorization": f"Bearer {TOKEN}"}
    try:
        if chunked:
            pieces = iter([body[i:i + 65536] for i in range(0, len(body), 65536)])
            conn.request("PUT", "/rdf-graph-store?graph=http://e/g", body=pieces,
                         headers={**headers, "Transfer-Encoding": "chunked"}, encode_chunked=True)
        else:
            conn.request("PUT", "/rdf-graph-store?graph=http://e/g", body=body, headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


def test_a_body_over_the_limit_is_always_answered_413_and_nothing_is_stored(root, env):
    # The server answers 413 as soon as the limit (1 MiB) is passed, while the client is still
    # sending. Before, it then closed with the rest unread, the kernel reset the connection,
    # and the client often got the reset instead of the answer; and a chunked body was cut at
    # the limit and stored.
    s = _start(root, "--allow-update", env=env)
    try:
        host, port = re.match(r"http://([^:/]+):(\d+)/", s.url).groups()
        triples = b"".join(b"<http://e/s%d> <http://e/p> <http://e/o> .\n" % i for i in range(150_000))
        assert len(triples) > 4 * 1024 * 1024
        for chunked in (False, True):
            for _ in range(10):
                assert _put_too_big(host, int(port), triples, chunked) == 413
                status, _, body = _query(s.url, "ASK { GRAPH <http://e/g> { ?s ?p ?o } }")
                assert status == 200 and json.loads(body)["boolean"] is False
    finally:
        _stop(s.proc)


def test_writes_leave_no_zombie(root, env):
    s = _start(root, "--allow-update", env=env)
    try:
        auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"}
        for i in range(3):
            status, _, _ = _get(s.url + "sparql", auth, f"INSERT DATA {{ <http://e/s> <http://e/p> {i} }}".encode(),
                                "POST")
            assert status == 204
        status, _, _ = _get(s.url + "sparql", auth, b"INSERT DATA { <http://e/s> <http://e/p> }", "POST")
        assert status == 400
        status, _, body = _query(s.url, "SELECT (COUNT(*) AS ?n) { <http://e/s> ?p ?o }", format="csv")
        assert body.decode().splitlines() == ["n", "3"]
        assert zombies(s.proc.pid) == [] and len(_engines(s.proc.pid)) == 1
    finally:
        _stop(s.proc)


def test_ctrl_c_to_the_whole_group_stops_everything(server):
    proc = server.proc
    everyone = _tree(proc.pid)
    assert _engines(proc.pid)
    _query(server.url, "ASK {}")
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    assert proc.wait(timeout=20) == 0
    assert _gone_within(everyone, 10) == []


def test_a_killed_server_leaves_no_process_behind(server):
    proc = server.proc
    everyone = _tree(proc.pid)
    assert _engines(proc.pid)
    proc.kill()  # SIGKILL: nothing of the server runs to stop the rest
    proc.wait(timeout=10)
    # The engine process's lifeline closes with the server: it ends.
    assert _gone_within(everyone, 10) == []


def test_a_stop_signal_to_every_process_stops_the_server_cleanly(server):
    # What a process manager stopping a whole control group does.
    proc = server.proc
    for _ in range(20):
        _query(server.url, "ASK {}")
    everyone = _tree(proc.pid)
    for pid in [proc.pid, *everyone]:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:  # ended meanwhile, as the signals before it asked
            pass
    assert proc.wait(timeout=20) == 0
    assert _gone_within(everyone, 10) == []
