"""The HTTP server of ``ittifoq serve``: granian (HTTP in Rust) with one worker process that
runs the WSGI application.

Why granian: the HTTP layer of a pure-Python server holds the GIL for every request. Measured
on the same application (point lookups at 100 k triples, 2 cores): waitress 1,300 req/s with
one client and 1,450 with eight; granian 1,600 and 2,500.

The process model, and why it looks the way it does:

* The application (and its query process, see ``ittifoq.web.executor``) is built before this
  module is called, in the main process, so that a start that cannot load the data fails with
  the file's message and exit status 2 before anything listens.
* Granian's main process then forks one worker, which inherits the application and serves it;
  the main process only supervises. Right after that fork it lets go of its copies of the
  query process's sockets and of the data (:meth:`Ittifoq.detach`): a query process the
  worker retires must see its lifeline close when the worker closes it, not when the server
  exits, and a store loaded for writes must not stay here as a stale copy.
* One worker, not several: each would need a query process of its own, that is a copy of the
  data of its own.
* The worker ends with its supervisor, even a killed one (``PR_SET_PDEATHSIG``), and stops on
  the first SIGINT/SIGTERM it gets: a second one, as when every process of the server is
  signalled, could otherwise deadlock granian's worker in its own signal handler.
* On Linux granian's worker binds its own listening socket (``SO_REUSEPORT``), so for
  ``--port 0`` the port is chosen here and held by a bound, not listening, socket until the
  worker listens; "ready" is reported once the port accepts connections.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable

from ..errors import UsageError

READY_WITHIN = 60.0
_PR_SET_PDEATHSIG = 1


def _reserve(host: str, port: int) -> tuple[socket.socket | None, int]:
    """(a socket holding the port, the port) for port 0; (None, port) otherwise."""
    if port != 0:
        return None, port
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if hasattr(socket, "SO_REUSEPORT"):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, 0))
    return sock, sock.getsockname()[1]


def _accepts(host: str, port: int) -> bool:
    target = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
    try:
        with socket.create_connection((target, port), timeout=0.5):
            return True
    except OSError:
        return False


def check_free(host: str, port: int) -> None:
    """UsageError if ``port`` cannot be listened on: granian's worker would report it only in
    its log, after everything else had started."""
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            raise UsageError(f"cannot listen on {host}:{port}: {e.strerror}") from None


class _DrainedInput:
    """``wsgi.input`` counting what the application read."""

    def __init__(self, stream, length: int):
        self.stream, self.left = stream, length

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(self.left if size is None or size < 0 else min(size, self.left))
        self.left -= len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.stream.readline(self.left if size is None or size < 0 else min(size, self.left))
        self.left -= len(data)
        return data

    def __iter__(self):
        return iter(self.readline, b"")


class DrainBodies:
    """Reads what the application left of a request body (up to ``cap`` bytes) before its
    answer is sent. Granian hands the body over as it arrives; a client that sends its whole
    body before reading the answer (most do) would otherwise wait forever for an error
    answered without reading it (413, 415, 403…)."""

    def __init__(self, app, cap: int):
        self.app, self.cap = app, cap

    def __call__(self, environ, start_response):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= 0:
            return self.app(environ, start_response)
        body = _DrainedInput(environ["wsgi.input"], length)
        environ["wsgi.input"] = body
        result = self.app(environ, start_response)
        if 0 < body.left <= self.cap:
            while body.left and body.read(1 << 16):
                pass
        return result


def _in_worker(supervisor: int, wsgi):
    """Run in granian's worker as it starts, before granian sets its signal handlers."""
    _stop_on_the_first_signal()
    # The worker must end with its supervisor, even a killed one (its query process and the
    # zygote then end too: their sockets to the worker close).
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != supervisor:  # it died before the line above
        os._exit(1)
    return wsgi


def _stop_on_the_first_signal() -> None:
    # Granian's worker stops on SIGINT/SIGTERM by setting an event whose callbacks run Python;
    # a second signal arriving meanwhile runs the handler again, inside the first, and the
    # worker deadlocks for good (seen here: stopping a server by signalling all its processes,
    # as a terminal's Ctrl-C or a process manager does, then the supervisor signalling its
    # worker too). Granian installs its handlers after this runs, so its installer is wrapped
    # to make every signal after the first a no-op.
    try:
        import granian._signals as signals
    except ImportError:
        return
    install = signals.set_sync_signals

    def set_sync_signals_once():
        event = install()
        stopping = []

        def handler(signum, frame):
            if not stopping:
                stopping.append(signum)
                event.set()

        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, handler)
        return event

    signals.set_sync_signals = set_sync_signals_once


def serve(app, host: str, port: int, threads: int, on_ready: Callable[[int], None]) -> int:
    """Serve ``app`` until SIGINT or SIGTERM; the exit status."""
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces
    from granian.log import LogLevels

    state = app.extensions["ittifoq"]
    reservation, port = _reserve(host, port)
    main_pid = os.getpid()

    def after_forking_the_worker() -> None:
        if os.getpid() == main_pid and not state.pool.detached:
            state.detach()
            # Only now: a thread running while the worker is forked could hold a lock (an
            # import's, say) that the worker would inherit held, and wait on for ever.
            threading.Thread(target=report_when_listening, name="ittifoq-ready", daemon=True).start()

    os.register_at_fork(after_in_parent=after_forking_the_worker)

    def report_when_listening() -> None:
        deadline = time.monotonic() + READY_WITHIN
        while time.monotonic() < deadline:
            if _accepts(host, port):
                if reservation is not None:
                    reservation.close()
                on_ready(port)
                return
            time.sleep(0.01)
        print(f"ittifoq: the server did not start listening on {host}:{port} within {READY_WITHIN:g} s",
              file=sys.stderr, flush=True)

    server = Granian(
        "ittifoq.web:create_app",  # a label only: the worker is given the application below
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=1,
        blocking_threads=threads,
        http=HTTPModes.http1,
        log_level=LogLevels.error,
        respawn_failed_workers=False,
    )
    try:
        wsgi = DrainBodies(app, 2 * app.config["MAX_CONTENT_LENGTH"])
        server.serve(target_loader=lambda *_: _in_worker(main_pid, wsgi), wrap_loader=False)
    except SystemExit as e:  # granian exits 1 when its worker died
        if getattr(server, "interrupt_signal", False):
            # Told to stop, and the worker, signalled too (Ctrl-C, a process manager), stopped
            # first: not a failure.
            return 0
        return int(e.code or 0)
    finally:
        if reservation is not None:
            reservation.close()
    return 0
