"""The server's side of the engine process (``ittifoq.web.engine``): starting it, sending it
requests within their deadlines, killing and replacing it.

* One engine process at a time, started with ``multiprocessing``'s spawn method by the
  process that serves HTTP. It gets a fixed set of connections, one per query thread plus
  ``RESERVED`` kept for the server's own queries (pages keep answering while users' queries
  take every thread they may use), and a lifeline it dies by.
* A request takes an idle connection, sends, and waits for the answer with ``poll`` up to
  its deadline. Past the deadline the process is killed (``Process.kill``), a replacement is
  started in the background, and the request gets 503. The queries that were running beside
  it were read-only and innocent: they meet end-of-file and are sent again, to the
  replacement, within their own deadlines. Writes are never sent twice.
* Every end of an engine process is logged with its cause (signal or exit code) by a thread
  that joins it, so none is left a zombie.
* An engine process that has grown far beyond its size after loading (big sorts, large
  results) is retired once its running requests are answered, and replaced.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
import time

from ..errors import EngineFailure, QueryCancelled, QueryTimeout, ServiceUnavailable
from . import engine as engine_module
from .messages import Answer, Ready

log = logging.getLogger("ittifoq.web")

MAX_THREADS = 64
RESERVED = 2


def describe_exit(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


class _Channel:
    def __init__(self, conn, engine: EngineProcess):
        self.conn = conn
        self.engine = engine


class EngineProcess:
    """One engine process and the server's ends of its connections."""

    def __init__(self, ctx, source, settings, channels: int):
        lifeline, self.lifeline = ctx.Pipe(duplex=False)
        pairs = [ctx.Pipe() for _ in range(channels)]
        self.process = ctx.Process(target=engine_module.main, name="ittifoq-engine", daemon=True,
                                   args=(source, settings, lifeline, [theirs for _, theirs in pairs]))
        self.process.start()
        lifeline.close()
        for _, theirs in pairs:
            theirs.close()
        self.channels = [_Channel(ours, self) for ours, _ in pairs]
        self.open_channels = len(self.channels)
        self.retired = False
        self.killed: str | None = None  # why the server killed it
        self.ready: Ready | None = None
        self.ended = threading.Event()  # set once the process has been joined and its end logged

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float) -> Ready:
        conn = self.channels[0].conn
        try:
            if not conn.poll(timeout):
                self.kill("it did not open its data in time")
                raise ServiceUnavailable(f"the engine process did not open its data within {timeout:g} s")
            msg = conn.recv()
        except (EOFError, OSError):
            self.process.join(5)
            raise EngineFailure(f"the engine process ended while opening its data "
                                f"({describe_exit(self.process.exitcode)}); see the log") from None
        if isinstance(msg, BaseException):
            raise msg
        self.ready = msg
        return msg

    def kill(self, reason: str) -> None:
        if self.killed is None:
            self.killed = reason
        self.process.kill()

    def close_channel(self, channel: _Channel) -> None:
        """The last channel closed also closes the lifeline: the process ends."""
        if channel.conn is None:
            return
        channel.conn.close()
        channel.conn = None
        self.open_channels -= 1
        if self.open_channels == 0:
            self.lifeline.close()


class Supervisor:
    """Runs requests in the engine process, ``threads`` users' queries at a time."""

    def __init__(self, source, settings, load_timeout: float = 3600.0):
        self.source = source
        self.settings = settings
        self.load_timeout = load_timeout
        self.size = min(max(1, settings.query_threads), MAX_THREADS - RESERVED)
        self.recycle_rss_kib = settings.recycle_rss_mb * 1024
        self._ctx = multiprocessing.get_context("spawn")
        self._cond = threading.Condition()
        self._engine: EngineProcess | None = None
        self._idle: list[_Channel] = []
        self._user_busy: set[_Channel] = set()
        self._starting = False
        self._closed = False
        self._all: list[EngineProcess] = []
        self.kills = 0  # engine processes killed at a time limit
        self.resent = 0  # requests sent again after the process running them was killed
        self.start_seconds = 0.0  # how long the last start took (spawn and load)
        self.started_status: str | None = None

    # -- life cycle

    def start(self) -> None:
        self._start_engine()

    def engine_pid(self) -> int | None:
        with self._cond:
            return self._engine.pid if self._engine is not None else None

    def close(self, wait: float = 15.0) -> None:
        """Kill every engine process, the one being started too, and wait (up to ``wait``
        seconds) until each has been reaped: none outlives the server, and none is left for
        ``multiprocessing``'s exit handler, which would wait for it without a limit."""
        with self._cond:
            if self._closed:
                return
            self._closed = True
            engines, self._engine, self._idle = list(self._all), None, []
            self._cond.notify_all()
        for e in engines:
            e.kill("the server is stopping")
        # A start under way (a replacement for an engine that died as the stop began, say) kills
        # its engine itself once it sees ``_closed``; its watcher reaps it.
        with self._cond:
            self._cond.wait_for(lambda: not self._starting and not self._all, wait)

    def _start_engine(self) -> None:
        with self._cond:
            if self._starting or self._closed:
                return
            self._starting = True
            previous = list(self._all)
        try:
            if self.source.writable:
                # A store open for writing is locked by the process holding it.
                for e in previous:
                    e.ended.wait(30)
            t0 = time.monotonic()
            engine = EngineProcess(self._ctx, self.source, self.settings, self.size + RESERVED)
            with self._cond:
                self._all.append(engine)
                closed = self._closed
            threading.Thread(target=self._watch, args=(engine,), name="ittifoq-engine-watch", daemon=True).start()
            if closed:  # close() began while it was being started, and did not see it
                engine.kill("the server is stopping")
            ready = engine.wait_ready(self.load_timeout)
        except BaseException:
            with self._cond:
                self._starting = False
                self._cond.notify_all()
            raise
        with self._cond:
            self._starting = False
            self.start_seconds = time.monotonic() - t0
            self.started_status = ready.started
            if self._closed:
                engine.kill("the server is stopping")
            else:
                self._engine, self._idle = engine, list(engine.channels)
            self._cond.notify_all()
        log.info("engine process %d ready in %.2f s (%s)", engine.pid, self.start_seconds, self.source)

    def reload(self) -> None:
        """Serve the source anew, after its files were rebuilt: the engine process now serving
        is retired (the requests it is running are answered from the data it holds) and a new
        one loads the source; requests wait for it as after any replacement."""
        with self._cond:
            if self._closed:
                return
            if self._engine is not None:
                self._retire_locked(self._engine)
        self._start_soon()

    def _start_soon(self) -> None:
        def start():
            try:
                self._start_engine()
            except Exception as e:  # the next request tries again, and reports it
                if not self._closed:
                    log.error("could not start the engine process: %s", e)

        threading.Thread(target=start, name="ittifoq-engine-start", daemon=True).start()

    def _watch(self, engine: EngineProcess) -> None:
        engine.process.join()  # reaps it: no zombie
        cause = describe_exit(engine.process.exitcode)
        if engine.killed and self._closed:
            log.info("engine process %d stopped with the server", engine.pid)
        elif engine.killed:
            log.warning("engine process %d killed (%s): %s", engine.pid, cause, engine.killed)
        elif engine.retired and engine.process.exitcode == 0:
            log.info("engine process %d retired and ended", engine.pid)
        else:
            log.error("engine process %d died: %s", engine.pid, cause)
        with self._cond:
            self._all.remove(engine)
            self._cond.notify_all()  # close() waits for every engine to be reaped
            lost = self._engine is engine
            if lost:
                self._retire_locked(engine)
            closed = self._closed
        engine.ended.set()
        if lost and not closed:
            self._start_soon()

    def _retire_locked(self, engine: EngineProcess) -> None:
        engine.retired = True
        if self._engine is engine:
            self._engine = None
            for ch in self._idle:
                engine.close_channel(ch)
            self._idle = []
        self._cond.notify_all()

    # -- requests

    def _acquire(self, deadline: float, internal: bool) -> tuple[_Channel, float]:
        """An idle connection, and the request's deadline moved by the time spent waiting for
        the engine process to (re)start: a start is not the query's running time. That wait
        is bounded by ``start_allowance``."""
        start_deadline = None
        while True:
            with self._cond:
                if self._closed:
                    raise ServiceUnavailable("the server is shutting down")
                now = time.monotonic()
                if self._engine is None:
                    if start_deadline is None:
                        start_deadline, started_waiting = now + self.start_allowance(), now
                    elif now >= start_deadline:
                        raise ServiceUnavailable("the engine process is starting; try again shortly")
                    if not self._starting:
                        start = True
                    else:
                        self._cond.wait(start_deadline - now)
                        continue
                else:
                    if start_deadline is not None:
                        deadline += now - started_waiting
                        start_deadline = None
                    if self._idle and (internal or len(self._user_busy) < self.size):
                        channel = self._idle.pop()
                        if not internal:
                            self._user_busy.add(channel)
                        return channel, deadline
                    if now >= deadline:
                        raise ServiceUnavailable(
                            f"all {self.size} query threads stayed busy until this request's time limit; "
                            "try again shortly")
                    self._cond.wait(deadline - now)
                    continue
            if start:
                self._start_soon()
                with self._cond:
                    self._cond.wait_for(lambda: self._starting or self._engine is not None or self._closed, 1)

    def start_allowance(self) -> float:
        return max(60.0, 3 * self.start_seconds)

    def _done(self, channel: _Channel, resp) -> None:
        engine = channel.engine
        grown = (isinstance(resp, Answer) and resp.rss_kib and self.recycle_rss_kib and not self.source.writable
                 and engine.ready is not None and resp.rss_kib > engine.ready.rss_kib + self.recycle_rss_kib)
        with self._cond:
            self._user_busy.discard(channel)
            if grown and not engine.retired:
                log.info("engine process %d grew to %d MiB: replacing it", engine.pid, resp.rss_kib // 1024)
                self._retire_locked(engine)
                restart = True
            else:
                restart = False
            if engine.retired or self._closed:
                engine.close_channel(channel)
            else:
                self._idle.append(channel)
            self._cond.notify_all()
        if restart:
            self._start_soon()

    def _lost(self, channel: _Channel, kill: str | None = None) -> None:
        engine = channel.engine
        if kill:  # before its connections close, or it would end by itself first
            engine.kill(kill)
        with self._cond:
            self._user_busy.discard(channel)
            self._retire_locked(engine)
            engine.close_channel(channel)
        self._start_soon()

    def run(self, request, timeout: float, internal: bool = False, cancel=None):
        """The answer to ``request`` (a ``messages`` object), within ``timeout`` seconds; the
        engine's exception object is raised here. ``cancel``: a ``cancel.Ticket`` its client
        may stop it by (it kills the engine process the query was sent to)."""
        deadline = time.monotonic() + timeout
        resends = 0
        while True:
            channel, deadline = self._acquire(deadline, internal)
            engine = channel.engine
            if cancel is not None and not cancel.sending(engine):
                self._done(channel, None)
                raise QueryCancelled("the query was cancelled by its client")
            try:
                channel.conn.send(request)
                if not channel.conn.poll(max(0.0, deadline - time.monotonic())):
                    raise TimeoutError
                resp = channel.conn.recv()
            except TimeoutError:
                self.kills += 1
                self._lost(channel, kill=f"a request ran past its {timeout:g} s time limit")
                raise QueryTimeout(f"the query ran longer than the {timeout:g} s limit and was stopped; "
                                   "narrow the pattern or add a LIMIT") from None
            except (EOFError, OSError):
                self._lost(channel)
                if cancel is not None and cancel.cancelled:
                    raise QueryCancelled("the query was cancelled by its client and stopped") from None
                if request.writes:
                    raise ServiceUnavailable("the engine process stopped during this write; "
                                             "it may or may not have been applied") from None
                if time.monotonic() >= deadline:
                    raise QueryTimeout(f"the query ran longer than the {timeout:g} s limit and was stopped; "
                                       "narrow the pattern or add a LIMIT") from None
                # Killed because another request ran out of time: this one was innocent, send
                # it again. Died on its own (a query over the memory cap aborts the process):
                # any request running then may have been the cause, so each gets one more try.
                if (engine.killed and resends < 3) or resends < 1:
                    resends += 1
                    self.resent += 1
                    continue
                raise ServiceUnavailable(
                    f"the query was stopped: it needed more than the {self.settings.worker_memory_mb} MiB of "
                    "memory a query may use, or crashed the query engine") from None
            self._done(channel, resp)
            if isinstance(resp, BaseException):
                raise resp
            return resp
