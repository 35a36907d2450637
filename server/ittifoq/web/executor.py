"""User queries run in a query process that can be killed: a hard time limit without
cancellation support in the engine.

pyoxigraph cannot interrupt a running query, and a thread cannot be stopped, so queries run
in a separate process that the server kills when a time limit passes:

* After the store is loaded, the server forks one *zygote* process before it starts any
  request threads. The zygote is single-threaded and does nothing but fork query processes
  on request; a query process is thus always a copy of the freshly loaded store, forked from
  a process where no other thread can hold a lock.
* There is one query process, running queries in threads (pyoxigraph releases the GIL while
  it evaluates and serialises), so memory does not grow with the number of queries running.
  The server's own queries (pages, search, VoID, dumps) run there too: no other process
  reads the store.
* Read-only (``KnowledgeGraph.deferred``, what ``ittifoq serve`` uses), the query process
  loads the data itself: it is the only process that holds the store, and a replacement
  loads it again. Otherwise (a graph given loaded, as with ``--allow-update``, whose writes
  happen in the server) the query process is forked with the store, copy-on-write; but
  Oxigraph's reads write to most of the pages of its in-memory index (reference counts), so
  once everything has been read the query process holds its own copy of about three
  quarters of them (measured at 1 M triples: 302 of 415 MB). An on-disk store
  (``kg.location``) is opened read-only by the query process and shared through the
  operating system's page cache.
* The server talks to the query process over Unix socket pairs, one per thread (the zygote
  receives their ends with SCM_RIGHTS), plus a *lifeline* the server never writes to: when
  it closes (retired, or the server died) the process exits, and any query with it. A thread
  runs the query in Oxigraph, serialises the result to bytes in Oxigraph's own serialisers,
  caps rows and bytes, and sends the bytes back.
* If an answer is not back by its deadline the server SIGKILLs the query process (through a
  pidfd, so a recycled pid can never be hit), forks a replacement from the zygote at once,
  and answers 503. The queries that were running beside it are read-only, so they are sent
  again to the replacement, within their own deadlines: their clients only wait a little
  longer. The process's address space is capped (``memory_mb`` beyond the shared store), so
  a runaway query fails its allocation and dies instead of swapping the machine.
* Writes (``--allow-update``) happen in the server process; the pool then forks a new zygote
  under the application's write lock, and the query process of the old data ends once the
  requests it is running have been answered.
* The zygote reaps its children (SIGCHLD ignored) and, told to stop, waits for them before
  it exits, so no orphan is left to a PID 1 that may not reap (containers).
"""

from __future__ import annotations

import ctypes
import faulthandler
import gc
import logging
import os
import pickle
import resource
import select
import signal
import socket
import stat
import struct
import threading
import time
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import IttifoqError, QuerySyntaxError, QueryTimeout
from ..namespaces import PREFIXES
from .conneg import GRAPH_OFFERS, RESULT_OFFERS, NotAcceptable

log = logging.getLogger("ittifoq.web")

_LEN = struct.Struct("!Q")
_OFFERS = {o.name: o for o in RESULT_OFFERS + GRAPH_OFFERS}


class ServiceUnavailable(IttifoqError):
    http_status = 503
    exit_code = 3


class ResponseTooLarge(IttifoqError):
    """Not even an empty answer fits the response byte cap: there is nothing honest to send."""

    http_status = 400


class QueryFailed(IttifoqError):
    """The engine raised an error that is not a syntax error (e.g. a type error in a function)."""

    http_status = 400


@dataclass
class QueryResponse:
    body: bytes
    media_type: str
    content_type: str
    format: str
    form: str
    rows: int | None = None
    truncated: str | None = None
    elapsed: float = 0.0
    extra_headers: dict = field(default_factory=dict)

    @property
    def headers(self) -> dict:
        h = {"Content-Type": self.content_type, "X-Ittifoq-Query-Time": f"{self.elapsed:.6f}"}
        if self.rows is not None:
            h["X-Ittifoq-Rows"] = str(self.rows)
        if self.truncated:
            h["X-Ittifoq-Truncated"] = self.truncated
        h.update(self.extra_headers)
        return h

    def to_response(self):
        from flask import Response

        resp = Response(self.body, status=200)
        for k, v in self.headers.items():
            resp.headers[k] = v
        return resp


# --------------------------------------------------------------------------- wire format


def _send(sock: socket.socket, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_LEN.pack(len(data)) + data)


def _wait_readable(sock: socket.socket, deadline: float | None) -> None:
    if deadline is not None:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([sock], [], [], remaining)[0]:
            raise TimeoutError


def _recv(sock: socket.socket, deadline: float | None = None):
    # One request or answer is in flight on a channel at a time, so the first read can take
    # whatever is there: a small message arrives whole, in one system call.
    _wait_readable(sock, deadline)
    buf = sock.recv(1 << 16)
    if not buf:
        raise EOFError
    while len(buf) < _LEN.size:
        _wait_readable(sock, deadline)
        more = sock.recv(_LEN.size)
        if not more:
            raise EOFError
        buf += more
    (n,) = _LEN.unpack_from(buf)
    end = _LEN.size + n
    if len(buf) >= end:
        return pickle.loads(memoryview(buf)[_LEN.size:end])
    chunks = [buf]
    missing = end - len(buf)
    while missing:
        _wait_readable(sock, deadline)
        chunk = sock.recv(min(missing, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        missing -= len(chunk)
    return pickle.loads(memoryview(b"".join(chunks))[_LEN.size:])


# --------------------------------------------------------------------------- worker side


class _Enough(Exception):
    pass


class _CappedBuffer:
    """A binary file for Oxigraph's serialiser that stops it (by raising) once it has written
    more lines or bytes than needed, so a huge result is never fully evaluated."""

    def __init__(self, max_lines: int, max_bytes: int):
        self.buf = bytearray()
        self.lines = 0
        self.max_lines = max_lines
        self.max_bytes = max_bytes
        self.stopped = False

    def write(self, b) -> int:
        self.buf += b
        self.lines += b.count(b"\n")
        if self.lines > self.max_lines or len(self.buf) > self.max_bytes:
            self.stopped = True
            raise _Enough
        return len(b)

    def flush(self) -> None:
        pass


def _within_bytes(render, n: int, max_bytes: int, truncated: str | None) -> tuple[bytes, int, str | None]:
    """(body, items kept, truncation reason): all n items if they fit in max_bytes, else as many
    as fit."""
    body = render(n)
    if len(body) <= max_bytes:
        return body, n, truncated
    kept, body = _largest_fitting(n, render, max_bytes)
    if len(body) > max_bytes:
        raise ResponseTooLarge(
            f"even with no rows the answer takes {len(body)} bytes (its variables or prefixes), more "
            f"than the {max_bytes} bytes an answer may hold here; select fewer or shorter variables"
        )
    return body, kept, f"max-response-bytes={max_bytes}"


def _largest_fitting(n: int, render, max_bytes: int) -> tuple[int, bytes]:
    """The largest k <= n with len(render(k)) <= max_bytes, by bisection (size grows with k)."""
    lo, hi = 0, n
    best = render(0)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        out = render(mid)
        if len(out) <= max_bytes:
            lo, best = mid, out
        else:
            hi = mid - 1
    return lo, best


def _used_prefixes(triples) -> dict[str, str]:
    by_ns = {iri: p for p, iri in PREFIXES.items()}
    used = {}
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode):
                v = term.value
                cut = max(v.rfind("/"), v.rfind("#")) + 1
                p = by_ns.get(v[:cut])
                if p is not None:
                    used[p] = v[:cut]
    return used


def _solutions(result, offer, max_rows: int, max_bytes: int):
    # Oxigraph's serialisers take a whole result and cannot be told to stop at a row, so the
    # rows are first written as TSV (one solution per line, every term in full N-Triples
    # syntax, lossless), stopping after max_rows + 1; the kept lines are parsed back by
    # Oxigraph and written in the requested format. Everything stays in Oxigraph terms.
    capped = _CappedBuffer(max_lines=max_rows + 1, max_bytes=max(2 * max_bytes, 1 << 20))
    try:
        result.serialize(capped, format=ox.QueryResultsFormat.TSV)
    except Exception:
        if not capped.stopped:
            raise
    data = bytes(capped.buf)
    lines = data.split(b"\n")
    header = lines[0]
    # Every TSV line ends in a newline, so the last piece is empty, or cut short when stopped.
    rows = lines[1:-1]
    truncated = None
    if capped.stopped:
        if len(rows) > max_rows:
            rows, truncated = rows[:max_rows], f"max-rows={max_rows}"
        else:
            truncated = f"max-response-bytes={max_bytes}"

    def render(k: int) -> bytes:
        tsv = header + b"\n" + b"".join(r + b"\n" for r in rows[:k])
        if offer.name == "tsv":
            return tsv
        return ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=offer.ox_format)

    return _within_bytes(render, len(rows), max_bytes, truncated)


def _graph(result, offer, max_rows: int, max_bytes: int):
    triples = []
    truncated = None
    for t in result:
        if len(triples) == max_rows:
            truncated = f"max-rows={max_rows}"
            break
        triples.append(t)
    prefixes = _used_prefixes(triples) if offer.takes_prefixes else None

    def render(k: int) -> bytes:
        return ox.serialize(triples[:k], format=offer.ox_format, prefixes=prefixes)

    return _within_bytes(render, len(triples), max_bytes, truncated)


def worker_store(kg):
    """The store a worker queries: the forked in-memory store itself; for an on-disk store a
    handle opened after the fork (RocksDB's locks and threads do not survive a fork, and the
    operating system's page cache is shared anyway); None for a remote endpoint."""
    if getattr(kg, "is_remote", False):
        return None
    location = getattr(kg, "location", None)
    if location is not None:
        return ox.Store.read_only(str(location))
    return kg.store


def execute_in_worker(kg, req: dict, store=None) -> dict:
    """Run one request; the result is plain data (bytes and strings) for the server."""
    t0 = time.perf_counter()
    if req.get("export"):
        from ..export import all_quads, export_quads

        quads = all_quads(kg) if store is None else store.quads_for_pattern(None, None, None)
        return {"body": export_quads(quads, req["export"]), "elapsed": time.perf_counter() - t0}
    if store is None:
        if getattr(kg, "is_remote", False):
            # The remote endpoint applies its own dataset rules; it raises IttifoqErrors.
            result = kg.query(req["sparql"], default_graphs=req.get("default_graphs"),
                              named_graphs=req.get("named_graphs"))
            return _serialise(result, req, t0)
        store = kg.store
    kwargs: dict = {"prefixes": PREFIXES}
    if req.get("base_iri"):
        kwargs["base_iri"] = req["base_iri"]
    if req.get("internal"):
        # The server's own queries, with KnowledgeGraph.query's dataset rules: graphs named
        # replace only their own part of the dataset.
        if req.get("default_graphs"):
            kwargs["default_graph"] = [ox.NamedNode(g) for g in req["default_graphs"]]
        elif not req.get("has_dataset_clause"):
            kwargs["use_default_graph_as_union"] = True
        if req.get("named_graphs"):
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in req["named_graphs"]]
    elif req.get("default_graphs") is not None or req.get("named_graphs") is not None:
        # SPARQL 1.1 Protocol §2.1.4: the protocol's dataset replaces the query's FROM clauses.
        kwargs["default_graph"] = [ox.NamedNode(g) for g in req.get("default_graphs") or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req.get("named_graphs") or []]
    elif not req.get("has_dataset_clause"):
        # A query without FROM sees all graphs; with FROM it gets exactly the dataset it names
        # (Oxigraph's union flag would override the FROM clauses).
        kwargs["use_default_graph_as_union"] = True
    try:
        result = store.query(req["sparql"], **kwargs)
    except SyntaxError as e:
        return {"error": "syntax", "message": f"SPARQL syntax error: {e}"}
    return _serialise(result, req, t0)


def _serialise(result, req: dict, t0: float) -> dict:
    max_rows, max_bytes = req["max_rows"], req["max_bytes"]
    try:
        if isinstance(result, ox.QueryBoolean):
            offer = _OFFERS.get(req["results_format"] or "")
            kind, rows, truncated = "boolean", None, None
            if offer is None:
                return {"error": "not-acceptable", "message": req["not_acceptable"]["results"]}
            body = result.serialize(format=offer.ox_format)
        elif isinstance(result, ox.QueryTriples):
            offer = _OFFERS.get(req["graph_format"] or "")
            kind = "graph"
            if offer is None:
                return {"error": "not-acceptable", "message": req["not_acceptable"]["graph"]}
            body, rows, truncated = _graph(result, offer, max_rows, max_bytes)
        else:
            offer = _OFFERS.get(req["results_format"] or "")
            kind = "solutions"
            if offer is None:
                return {"error": "not-acceptable", "message": req["not_acceptable"]["results"]}
            body, rows, truncated = _solutions(result, offer, max_rows, max_bytes)
    except SyntaxError as e:  # some checks (e.g. unbound variables in GROUP BY) happen lazily
        return {"error": "syntax", "message": f"SPARQL syntax error: {e}"}
    return {
        "body": body,
        "format": offer.name,
        "kind": kind,
        "rows": rows,
        "truncated": truncated,
        "elapsed": time.perf_counter() - t0,
    }


def _rss_kib() -> int:
    return _proc_rss_kib(os.getpid())


def _proc_rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except OSError:
        return 0


def _vm_size_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


MAX_THREADS = 64
# Channels beyond the user limit, kept for the server's own queries (pages, search), so pages
# keep answering while users' queries occupy every thread they may use.
RESERVED = 2


_TRIM_AFTER_BYTES = 1 << 20
_TRIM_AFTER_SECONDS = 0.02
_RSS_EVERY = 64


def _malloc_trim() -> None:
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _worker_main(lifeline: socket.socket, channels: list[socket.socket], kg, memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    loader = getattr(kg, "loader", None)
    try:
        if loader is not None:
            # The only copy of the store: loaded here, held by no other process.
            kg = loader()
        store = worker_store(kg)
    except IttifoqError as e:
        _send(channels[0], {"error": "ittifoq", "status": e.http_status, "message": e.message})
        os._exit(1)
    except Exception as e:
        _send(channels[0], {"error": "engine", "message": f"loading the data failed: {type(e).__name__}: {e}"})
        os._exit(1)
    # A query over the memory cap aborts this worker on purpose (Rust aborts on a failed
    # allocation); an inherited faulthandler would print that as if the server had crashed.
    faulthandler.disable()
    threads = [threading.Thread(target=_serve_channel, args=(ch, kg, store), daemon=True) for ch in channels]
    for t in threads:
        t.start()
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if memory_mb > 0:
            # Measured after the load and the threads, so neither is charged to the queries.
            limit = _vm_size_bytes() + memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
    _send(channels[0], {"ready": True})
    # The server never writes to the lifeline: it closes it to retire this worker, and the
    # kernel closes it if the server dies. Either way the process ends here, and with it any
    # query still running in a thread: the only way to stop a query in Oxigraph.
    try:
        while lifeline.recv(1):
            pass
    except OSError:
        pass
    os._exit(0)


def _serve_channel(sock: socket.socket, kg, store) -> None:
    served = 0
    while True:
        try:
            req = _recv(sock)
        except (EOFError, OSError):
            return
        try:
            resp = execute_in_worker(kg, req, store)
        except IttifoqError as e:
            resp = {"error": "ittifoq", "status": e.http_status, "message": e.message}
        except MemoryError:
            resp = {"error": "memory", "message": "the query needed more memory than a query may use"}
        except _Enough:
            resp = {"error": "engine", "message": "the result could not be cut to the limits"}
        except Exception as e:  # an engine error is the query's fault (e.g. SERVICE failing)
            resp = {"error": "engine", "message": f"{type(e).__name__}: {e}"}
        # A large answer, or a long evaluation (sorts, groups, joins), leaves buffers freed
        # but held by the allocator in this long-lived process: give them back after it.
        big = len(resp.get("body") or b"") > _TRIM_AFTER_BYTES or resp.get("elapsed", 0.0) > _TRIM_AFTER_SECONDS
        served += 1
        if big or served % _RSS_EVERY == 0:
            # Reading /proc costs a third of a cheap query; only big requests grow the
            # process much, and the others are sampled now and then.
            resp["rss_kib"] = _rss_kib()
        try:
            _send(sock, resp)
        except OSError:
            return
        finally:
            del resp
        if big:
            _malloc_trim()


def _close_inherited_sockets(keep: int) -> None:
    # A forked child inherits every descriptor of the server; a copy of another pool's socket
    # would keep that pool's processes from ever seeing end-of-file. Each is pointed at
    # /dev/null rather than closed, so that its number stays taken: a library's at-fork
    # handler in the server (an event loop's wake-up pipe, as in granian) may close and
    # recreate "its" descriptor in every forked child, which must not be a channel's.
    try:
        fds = [int(n) for n in os.listdir("/proc/self/fd")]
    except OSError:
        return
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in fds:
            if fd <= 2 or fd in (keep, null):
                continue
            try:
                mode = os.fstat(fd).st_mode
            except OSError:
                continue
            if stat.S_ISSOCK(mode) or stat.S_ISFIFO(mode):
                try:
                    os.dup2(null, fd)
                except OSError:
                    pass
    finally:
        os.close(null)


def _zygote_main(ctrl: socket.socket, kg, memory_mb: int) -> None:
    try:
        _zygote_loop(ctrl, kg, memory_mb)
    finally:
        # Outlive the workers: orphans would be reparented to PID 1, which in a container
        # may never reap them. With SIGCHLD ignored, wait() returns once all have exited.
        ctrl.close()
        while True:
            try:
                os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue


def _zygote_loop(ctrl: socket.socket, kg, memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
    _close_inherited_sockets(ctrl.fileno())
    gc.collect()
    gc.freeze()  # keeps the collector from writing to (and so copying) the shared pages
    while True:
        try:
            msg, fds, _flags, _addr = socket.recv_fds(ctrl, 16, MAX_THREADS + 1)
        except OSError:
            return
        if not msg or len(fds) < 2:
            for fd in fds:
                os.close(fd)
            return
        pid = os.fork()
        if pid == 0:
            try:
                ctrl.close()
                socks = [socket.socket(fileno=fd) for fd in fds]
                _worker_main(socks[0], socks[1:], kg, memory_mb)
            finally:
                os._exit(0)
        for fd in fds:
            os.close(fd)
        try:
            ctrl.sendall(struct.pack("!i", pid))
        except OSError:
            return


# --------------------------------------------------------------------------- server side


class _Worker:
    """The query process: one, with a thread per channel. A channel is a socket pair the
    server sends one request at a time over."""

    def __init__(self, pid: int, lifeline: socket.socket, socks: list[socket.socket], generation: int):
        self.pid = pid
        self.lifeline = lifeline
        self.generation = generation
        self.channels = [_Channel(s, self) for s in socks]
        self.open_channels = len(socks)
        self.retired = False
        self.killed_by_us = False
        self.ended = False
        try:
            self.pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self.pidfd = None

    def alive(self) -> bool:
        # The worker never writes to the lifeline, so a readable lifeline means it has exited.
        try:
            return not select.select([self.lifeline], [], [], 0)[0]
        except (OSError, ValueError):
            return False

    def kill(self) -> None:
        if self.ended:
            return  # its pid may belong to another process by now
        self.killed_by_us = True
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            else:
                os.kill(self.pid, signal.SIGKILL)
        except (ProcessLookupError, OSError):
            pass

    def close_channel(self, channel: _Channel) -> None:
        """Close one channel; the last one closed also ends the worker (which is idle by then:
        every channel has come back)."""
        if channel.sock is None:
            return
        channel.sock.close()
        channel.sock = None
        self.open_channels -= 1
        if self.open_channels == 0:
            self.end()

    def end(self) -> None:
        """Close the lifeline: the worker exits, whatever it is running."""
        if self.ended:
            return
        self.ended = True
        try:
            self.lifeline.close()
        finally:
            if self.pidfd is not None:
                os.close(self.pidfd)
                self.pidfd = None


class _Channel:
    def __init__(self, sock: socket.socket, worker: _Worker):
        self.sock: socket.socket | None = sock
        self.worker = worker


class _Zygote:
    def __init__(self, kg, memory_mb: int):
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:
            try:
                parent.close()
                _zygote_main(child, kg, memory_mb)
            finally:
                os._exit(0)
        child.close()
        self.pid = pid
        self.ctrl = parent
        self.lock = threading.Lock()
        self.rss_kib = _proc_rss_kib(pid)

    def spawn(self, generation: int, threads: int) -> _Worker:
        pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM) for _ in range(1 + threads)]
        try:
            with self.lock:
                socket.send_fds(self.ctrl, [b"spawn"], [theirs.fileno() for _, theirs in pairs])
                self.ctrl.settimeout(10)
                data = b""
                while len(data) < 4:
                    chunk = self.ctrl.recv(4 - len(data))
                    if not chunk:
                        raise EOFError("the zygote process is gone")
                    data += chunk
        except BaseException:
            for ours, _ in pairs:
                ours.close()
            raise
        finally:
            for _, theirs in pairs:
                theirs.close()
        (pid,) = struct.unpack("!i", data)
        ours = [o for o, _ in pairs]
        return _Worker(pid, ours[0], ours[1:], generation)

    def close(self) -> None:
        """Tell the zygote to stop; it exits once its workers have."""
        try:
            self.ctrl.close()
        except OSError:
            pass

    def reap(self, block: bool, within: float = 5.0) -> bool:
        """Collect the exited zygote; True once it has been. Blocking waits ``within`` seconds
        for it (and its workers) to exit, then kills it."""
        deadline = time.monotonic() + (within if block else 0)
        while True:
            try:
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return True
            if pid:
                return True
            if time.monotonic() >= deadline:
                if not block:
                    return False
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                return True
            time.sleep(0.01)


class WorkerPool:
    """Runs requests in the query process, ``threads`` at a time, each within its deadline.

    There is one query process, not one per concurrent query: its memory beyond the store
    shared with the server (the pages Oxigraph's reads write to) is paid once. The price is
    that stopping one query kills the others running beside it; they are read-only, so they
    are sent again, to the replacement, within their own deadlines.
    """

    def __init__(self, kg, threads: int = 4, memory_mb: int = 2048, recycle_rss_mb: int = 1024,
                 load_timeout: float = 3600.0):
        self.kg = kg
        self.load_timeout = load_timeout
        self.size = min(max(1, threads), MAX_THREADS - RESERVED)
        self.memory_mb = memory_mb
        self.recycle_rss_kib = recycle_rss_mb * 1024
        self.generation = 0
        self._cond = threading.Condition()
        self._spawn_lock = threading.Lock()
        self._worker: _Worker | None = None
        self._idle: list[_Channel] = []
        self._user_busy: set[_Channel] = set()  # channels running users' queries
        self._retiring: set[_Worker] = set()  # retired, still answering requests sent before
        self._closed = False
        self._retired_zygotes: list[_Zygote] = []
        self._zygote = _Zygote(kg, memory_mb)
        self.detached = False
        self.kills = 0  # query processes killed at a time limit (for tests and logs)
        self.resent = 0  # requests sent again after the process running them was killed

    # -- life cycle

    def prestart(self) -> None:
        self._ensure_worker()

    def worker_pids(self) -> list[int]:
        """The pid of the current query process (a list: empty while none is running)."""
        with self._cond:
            return [self._worker.pid] if self._worker is not None else []

    @property
    def zygote_pid(self) -> int:
        return self._zygote.pid

    def refresh(self) -> None:
        """Serve the store as it is now: a new zygote, and the query process of the old data
        retired. Call with no other thread touching the store (the application's write lock)."""
        new = _Zygote(self.kg, self.memory_mb)
        with self._cond:
            # Zygote and generation change together, so no worker of the old data can be
            # labelled with the new generation.
            old_zygote, self._zygote = self._zygote, new
            self.generation += 1
            old = self._worker
        if old is not None:
            self._retire(old, kill=False)
        # The old zygote exits once its worker has, and is collected here later.
        old_zygote.close()
        self._retired_zygotes = [z for z in [*self._retired_zygotes, old_zygote] if not z.reap(block=False)]
        self._ensure_worker()

    def detach(self) -> None:
        """Let go of the pool without stopping anything, in a process that has forked the one
        that uses it (the HTTP server's supervisor, see ``ittifoq.web.http_server``): the
        query process ends when the user's copies of its sockets close, not when this
        process exits. Only the zygote is kept, to be collected by :meth:`close`."""
        with self._cond:
            self.detached = True
            workers = [w for w in (self._worker, *self._retiring) if w is not None]
            self._worker, self._idle, self._retiring = None, [], set()
        for w in workers:
            for ch in w.channels:
                if ch.sock is not None:
                    ch.sock.close()
                    ch.sock = None
            w.end()  # closes this process's lifeline and pidfd; the worker is not signalled
        for z in (*self._retired_zygotes, self._zygote):
            z.close()

    def close(self) -> None:
        with self._cond:
            if self._closed:
                return
            self._closed = True
            workers = [w for w in (self._worker, *self._retiring) if w is not None]
            self._worker, self._idle, self._retiring = None, [], set()
            self._cond.notify_all()
        for w in workers:
            w.kill()
            w.end()
        for z in (*self._retired_zygotes, self._zygote):
            z.close()
        for z in (*self._retired_zygotes, self._zygote):
            z.reap(block=True)
        self._retired_zygotes = []

    # -- the query process

    def _ensure_worker(self, deadline: float | None = None) -> None:
        """Start a query process unless a live one is there (one thread starts it; the others
        wait, up to their deadline)."""
        wait = -1 if deadline is None else max(0.0, deadline - time.monotonic())
        if not self._spawn_lock.acquire(timeout=wait):
            raise ServiceUnavailable("the query process is starting; try again shortly")
        try:
            with self._cond:
                if self._closed or (self._worker is not None and self._worker.alive()):
                    return
                dead = self._worker
            if dead is not None:
                self._retire(dead, kill=True)
            worker = self._spawn()
            with self._cond:
                if self._closed or worker.generation != self.generation:
                    stale = True
                else:
                    stale = False
                    self._worker = worker
                    self._idle = list(worker.channels)
                    self._cond.notify_all()
            if stale:
                worker.kill()
                worker.end()
        finally:
            self._spawn_lock.release()

    def _restart_soon(self) -> None:
        """Start the replacement in the background: the request that caused the restart is
        answered now, not after the replacement (which may load the data) is up."""

        def start():
            try:
                self._ensure_worker()
            except Exception as e:  # the next request will try again, and report it
                log.error("could not restart the query process: %s", e)

        threading.Thread(target=start, name="ittifoq-restart", daemon=True).start()

    def _spawn(self) -> _Worker:
        for _attempt in range(2):
            with self._cond:
                zygote, generation = self._zygote, self.generation
            try:
                worker = zygote.spawn(generation, self.size + RESERVED)
            except (OSError, EOFError) as e:
                with self._cond:
                    if self._zygote is not zygote:
                        continue  # replaced meanwhile (refresh): use the new one
                log.error("could not start the query process (%s); starting a new zygote", e)
                new = _Zygote(self.kg, self.memory_mb)
                with self._cond:
                    old, self._zygote = self._zygote, new
                old.close()
                self._retired_zygotes.append(old)
                continue
            self._await_ready(worker)
            return worker
        raise ServiceUnavailable("the server could not start its query process")

    def _await_ready(self, worker: _Worker) -> None:
        # The process says it is ready once it holds the store (after loading it, when the
        # graph is loaded there: see KnowledgeGraph.deferred), or why it could not.
        try:
            msg = _recv(worker.channels[0].sock, time.monotonic() + self.load_timeout)
        except (TimeoutError, EOFError, OSError):
            msg = {"error": "engine", "message": "the query process did not start"}
        if msg.get("ready"):
            return
        worker.kill()
        with self._cond:
            for ch in worker.channels:
                worker.close_channel(ch)
            worker.end()
        raise_for(msg)

    def _retire(self, worker: _Worker, kill: bool) -> None:
        """Stop giving ``worker`` new requests. Killed, it ends now (requests it was running
        see end-of-file); otherwise it ends when its last running request has come back."""
        with self._cond:
            if self._worker is worker:
                self._worker = None
                idle, self._idle = self._idle, []
            else:
                idle = []
            first = not worker.retired
            worker.retired = True
            for ch in idle:
                worker.close_channel(ch)
            if kill:
                worker.kill()
                worker.end()
            if worker.ended:
                self._retiring.discard(worker)
            elif first:
                self._retiring.add(worker)
            self._cond.notify_all()

    def _acquire(self, deadline: float, internal: bool) -> _Channel:
        while True:
            with self._cond:
                while True:
                    if self._closed:
                        raise ServiceUnavailable("the server is shutting down")
                    worker = self._worker
                    if worker is None:
                        break  # start one, outside the lock
                    # A worker that died on its own is not looked for here (a system call under
                    # this lock, on every request): the request sent to it meets end-of-file
                    # and run() retires it and sends the request again.
                    if self._idle and (internal or len(self._user_busy) < self.size):
                        channel = self._idle.pop()
                        if not internal:
                            self._user_busy.add(channel)
                        return channel
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or not self._cond.wait(remaining):
                        raise ServiceUnavailable(
                            f"all {self.size} query threads stayed busy until this query's time limit; "
                            "try again shortly"
                        )
            if time.monotonic() >= deadline:
                raise ServiceUnavailable("the query process could not be started within this query's time limit")
            self._ensure_worker(deadline)

    def _drop(self, channel: _Channel, kill: bool) -> None:
        self._retire(channel.worker, kill=kill)
        with self._cond:
            self._user_busy.discard(channel)
            channel.worker.close_channel(channel)
            self._cond.notify_all()

    def _release(self, channel: _Channel, rss_kib: int) -> None:
        worker = channel.worker
        # A query process that grew far beyond the zygote (big sorts, large results) is
        # replaced by a fresh copy rather than kept holding that memory.
        grown = self.recycle_rss_kib and rss_kib > self._zygote.rss_kib + self.recycle_rss_kib
        if grown and not worker.retired:
            self._retire(worker, kill=False)
            self._restart_soon()
        with self._cond:
            self._user_busy.discard(channel)
            if worker.retired or worker.generation != self.generation or self._closed:
                worker.close_channel(channel)
                if worker.open_channels == 0:
                    self._retiring.discard(worker)
                return
            self._idle.append(channel)
            self._cond.notify_all()

    def run(self, req: dict, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        resends = 0
        while True:
            channel = self._acquire(deadline, internal=bool(req.get("internal")))
            worker = channel.worker
            try:
                _send(channel.sock, req)
                resp = _recv(channel.sock, deadline)
            except TimeoutError:
                self.kills += 1
                self._drop(channel, kill=True)
                self._restart_soon()
                raise QueryTimeout(
                    f"the query ran longer than the {timeout:g} s limit and was stopped; "
                    "narrow the pattern or add a LIMIT"
                ) from None
            except (EOFError, OSError):
                killed_by_us = worker.killed_by_us
                self._drop(channel, kill=True)
                self._restart_soon()
                # Killed because another query ran out of time: this one was innocent, send
                # it again. Died on its own (a query over the memory cap aborts the process):
                # any query running then may have been the cause, so each gets one more try.
                if time.monotonic() >= deadline:
                    raise QueryTimeout(
                        f"the query ran longer than the {timeout:g} s limit and was stopped; "
                        "narrow the pattern or add a LIMIT"
                    ) from None
                if (killed_by_us and resends < 3) or resends < 1:
                    resends += 1
                    self.resent += 1
                    continue
                raise ServiceUnavailable(
                    f"the query was stopped: it needed more than the {self.memory_mb} MiB of memory "
                    "a query may use, or crashed the query engine"
                ) from None
            self._release(channel, resp.get("rss_kib", 0))
            return resp


def raise_for(resp: dict) -> None:
    err = resp.get("error")
    if err is None:
        return
    if err == "syntax":
        raise QuerySyntaxError(resp["message"])
    if err == "not-acceptable":
        raise NotAcceptable(resp["message"])
    if err == "memory":
        raise ServiceUnavailable(resp["message"])
    if err == "ittifoq":
        e = IttifoqError(resp["message"])
        e.http_status = resp["status"]
        raise e
    raise QueryFailed(f"the query failed: {resp['message']}")
