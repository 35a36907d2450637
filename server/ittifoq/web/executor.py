"""User queries run in worker processes that can be killed: a hard time limit without
cancellation support in the engine.

pyoxigraph cannot interrupt a running query, and a thread cannot be stopped, so every user
query runs in a separate process that the server kills when the time limit passes:

* After the store is loaded, the server forks one *zygote* process before it starts any
  request threads. The zygote is single-threaded and does nothing but fork workers on
  request; a worker is thus always a copy of the freshly loaded store, forked from a process
  where no other thread can hold a lock. Forked memory is copy-on-write: the store's pages
  are shared by the server, the zygote and every worker, not copied per worker. Measured
  (tests/web/test_timeout.py) on a 115–230 MiB in-memory store: a worker that has scanned
  the whole store holds about a third of it privately, because Oxigraph's reads write to part
  of its in-memory index (reference counts), and those pages are then copied; the rest stays
  shared. An on-disk store (``kg.location``) is reopened read-only in each worker and shared
  through the operating system's page cache.
* The server talks to each worker over a Unix socket pair (the zygote receives the worker's
  end with SCM_RIGHTS). A worker runs the query in Oxigraph, serialises the result to bytes
  in Oxigraph's own serialisers, caps rows and bytes, and sends the bytes back.
* If the answer is not back by the deadline the server SIGKILLs the worker (through a pidfd,
  so a recycled pid can never be hit), asks the zygote for a replacement, and answers 503.
  Other requests use the other workers meanwhile. Each worker also arms a real-time alarm
  a little past the deadline, so a query stops even if the server itself died; its address
  space is capped (``worker_memory_mb`` beyond the shared store), so a runaway query fails
  its allocation and dies instead of swapping the machine.
* Writes (``--allow-update``) happen in the server process; the pool then forks a new zygote
  under the application's write lock and retires the workers holding the old data.
* The zygote reaps its workers (SIGCHLD ignored) and, told to stop, waits for them before it
  exits, so no orphan is left to a PID 1 that may not reap (containers).
"""

from __future__ import annotations

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
        h = {"Content-Type": self.content_type, "X-Ittifoq-Query-Time": f"{self.elapsed:.3f}"}
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


def _recv_exact(sock: socket.socket, n: int, deadline: float | None) -> bytes:
    chunks = []
    while n:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([sock], [], [], remaining)[0]:
                raise TimeoutError
        chunk = sock.recv(min(n, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _recv(sock: socket.socket, deadline: float | None = None):
    (n,) = _LEN.unpack(_recv_exact(sock, _LEN.size, deadline))
    return pickle.loads(_recv_exact(sock, n, deadline))


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
    prefixes = _used_prefixes(triples) if offer.name in ("turtle", "trig", "rdfxml") else None

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
    if req.get("default_graphs") is not None or req.get("named_graphs") is not None:
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


def _worker_main(sock: socket.socket, kg, memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # default action: terminate
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    store = worker_store(kg)
    # A query over the memory cap aborts this worker on purpose (Rust aborts on a failed
    # allocation); an inherited faulthandler would print that as if the server had crashed.
    faulthandler.disable()
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if memory_mb > 0:
            limit = _vm_size_bytes() + memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
    while True:
        try:
            req = _recv(sock)
        except (EOFError, OSError):
            return
        signal.setitimer(signal.ITIMER_REAL, req["timeout"] + 2.0)
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
        signal.setitimer(signal.ITIMER_REAL, 0)
        resp["rss_kib"] = _rss_kib()
        try:
            _send(sock, resp)
        except OSError:
            return


def _close_inherited_sockets(keep: int) -> None:
    # A forked child inherits every descriptor of the server; a copy of another pool's socket
    # would keep that pool's processes from ever seeing end-of-file.
    try:
        fds = [int(n) for n in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for fd in fds:
        if fd <= 2 or fd == keep:
            continue
        try:
            mode = os.fstat(fd).st_mode
        except OSError:
            continue
        if stat.S_ISSOCK(mode) or stat.S_ISFIFO(mode):
            try:
                os.close(fd)
            except OSError:
                pass


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
            msg, fds, _flags, _addr = socket.recv_fds(ctrl, 16, 1)
        except OSError:
            return
        if not msg or not fds:
            return
        pid = os.fork()
        if pid == 0:
            try:
                ctrl.close()
                _worker_main(socket.socket(fileno=fds[0]), kg, memory_mb)
            finally:
                os._exit(0)
        os.close(fds[0])
        try:
            ctrl.sendall(struct.pack("!i", pid))
        except OSError:
            return


# --------------------------------------------------------------------------- server side


class _Worker:
    def __init__(self, pid: int, sock: socket.socket, generation: int):
        self.pid = pid
        self.sock = sock
        self.generation = generation
        self.queries = 0
        try:
            self.pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self.pidfd = None

    def alive(self) -> bool:
        # An idle worker never writes, so a readable socket means it has closed (exited).
        try:
            return not select.select([self.sock], [], [], 0)[0]
        except (OSError, ValueError):
            return False

    def kill(self) -> None:
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            else:
                os.kill(self.pid, signal.SIGKILL)
        except (ProcessLookupError, OSError):
            pass

    def close(self, kill: bool) -> None:
        if kill:
            self.kill()
        try:
            self.sock.close()
        finally:
            if self.pidfd is not None:
                os.close(self.pidfd)
                self.pidfd = None


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

    def spawn(self, generation: int) -> _Worker:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with self.lock:
                socket.send_fds(self.ctrl, [b"spawn"], [theirs.fileno()])
                self.ctrl.settimeout(10)
                data = b""
                while len(data) < 4:
                    chunk = self.ctrl.recv(4 - len(data))
                    if not chunk:
                        raise EOFError("the zygote process is gone")
                    data += chunk
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        (pid,) = struct.unpack("!i", data)
        return _Worker(pid, ours, generation)

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
    def __init__(self, kg, size: int = 2, memory_mb: int = 2048, recycle_rss_mb: int = 512):
        self.kg = kg
        self.size = max(1, size)
        self.memory_mb = memory_mb
        self.recycle_rss_kib = recycle_rss_mb * 1024
        self.generation = 0
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()  # idle and busy
        self._live = 0  # workers counted against size, including ones being started
        self._closed = False
        self._retired: list[_Zygote] = []
        self._zygote = _Zygote(kg, memory_mb)
        self.kills = 0  # workers killed at the time limit (for tests and logs)

    # -- life cycle

    def prestart(self) -> None:
        workers = []
        for _ in range(self.size):
            with self._cond:
                if self._live >= self.size:
                    break
                self._live += 1
            workers.append(self._spawn())
        with self._cond:
            self._idle.extend(w for w in workers if w is not None)
            self._cond.notify_all()

    def worker_pids(self) -> list[int]:
        """Pids of the idle workers."""
        with self._cond:
            return [w.pid for w in self._idle]

    @property
    def zygote_pid(self) -> int:
        return self._zygote.pid

    def refresh(self) -> None:
        """Serve the store as it is now: a new zygote, and workers of the old data retired.
        Call with no other thread touching the store (the application's write lock)."""
        new = _Zygote(self.kg, self.memory_mb)
        with self._cond:
            # Zygote and generation change together, so no worker of the old data can be
            # labelled with the new generation.
            old_zygote, self._zygote = self._zygote, new
            self.generation += 1
            old = self._idle
            self._idle = []
            self._live -= len(old)
            self._all.difference_update(old)
            self._cond.notify_all()
        for w in old:
            w.close(kill=True)
        # Workers of the old data still busy are killed when they come back; the old zygote
        # exits after them and is collected here later.
        old_zygote.close()
        self._retired = [z for z in [*self._retired, old_zygote] if not z.reap(block=False)]

    def close(self) -> None:
        with self._cond:
            if self._closed:
                return
            self._closed = True
            everyone = list(self._all)
            self._idle, self._all = [], set()
            self._cond.notify_all()
        for w in everyone:
            w.close(kill=True)
        for z in (*self._retired, self._zygote):
            z.close()
        for z in (*self._retired, self._zygote):
            z.reap(block=True)
        self._retired = []

    # -- running

    def _spawn(self) -> _Worker | None:
        for _attempt in range(2):
            with self._cond:
                zygote, generation = self._zygote, self.generation
            try:
                worker = zygote.spawn(generation)
            except (OSError, EOFError) as e:
                with self._cond:
                    if self._zygote is not zygote:
                        continue  # replaced meanwhile (refresh): use the new one
                log.error("could not start a query worker (%s); starting a new zygote", e)
                new = _Zygote(self.kg, self.memory_mb)
                with self._cond:
                    old, self._zygote = self._zygote, new
                old.close()
                self._retired.append(old)
                continue
            with self._cond:
                self._all.add(worker)
            return worker
        with self._cond:
            self._live -= 1
            self._cond.notify_all()
        return None

    def _acquire(self, deadline: float) -> _Worker:
        with self._cond:
            while True:
                if self._closed:
                    raise ServiceUnavailable("the server is shutting down")
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        return worker
                    # Died while idle (killed from outside, out of memory): never hand it out.
                    worker.close(kill=True)
                    self._all.discard(worker)
                    self._live -= 1
                if self._live < self.size:
                    self._live += 1
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._cond.wait(remaining):
                    raise ServiceUnavailable(
                        f"all {self.size} query workers stayed busy until this query's time limit; "
                        "try again shortly"
                    )
        worker = self._spawn()
        if worker is None:
            raise ServiceUnavailable("the server could not start a query worker")
        return worker

    def _release(self, worker: _Worker, rss_kib: int) -> None:
        # A worker that grew far beyond the zygote (a big sort, a large result) is replaced by
        # a fresh copy rather than kept holding that memory.
        grown = self.recycle_rss_kib and rss_kib > self._zygote.rss_kib + self.recycle_rss_kib
        if worker.generation != self.generation or grown or self._closed:
            self._discard(worker, kill=True)
            return
        with self._cond:
            self._idle.append(worker)
            self._cond.notify()

    def _discard(self, worker: _Worker, kill: bool) -> None:
        worker.close(kill=kill)
        with self._cond:
            if worker in self._all:
                self._all.discard(worker)
                self._live -= 1
            self._cond.notify()

    def _replace(self) -> None:
        # Start the replacement now, so the next query does not wait for a fork.
        with self._cond:
            if self._closed or self._live >= self.size:
                return
            self._live += 1
        w = self._spawn()
        if w is not None:
            with self._cond:
                self._idle.append(w)
                self._cond.notify()

    def run(self, req: dict, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        req = dict(req, timeout=timeout)
        worker = self._acquire(deadline)
        worker.queries += 1
        try:
            _send(worker.sock, req)
            resp = _recv(worker.sock, deadline)
        except TimeoutError:
            self.kills += 1
            self._discard(worker, kill=True)
            self._replace()
            raise QueryTimeout(
                f"the query ran longer than the {timeout:g} s limit and was stopped; "
                "narrow the pattern or add a LIMIT"
            ) from None
        except (EOFError, OSError):
            self._discard(worker, kill=True)
            self._replace()
            raise ServiceUnavailable(
                f"the query was stopped: it needed more than the {self.memory_mb} MiB of memory "
                "a query may use, or crashed the query engine"
            ) from None
        self._release(worker, resp.get("rss_kib", 0))
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
