"""The HTTP server of ``ittifoq serve``: waitress, in the process that runs the application
(and that starts the engine process, ``ittifoq.web.supervisor``).

Why waitress: it reads each request, body included, in its event loop before it gives the
request to a thread, so a client that sends slowly holds a socket, not one of the threads
that run the application; and it refuses a body over its limit with 413 whatever its framing
(Content-Length or chunked). Two more bounds make a slow client harmless:

* a request must arrive whole within ``request_read_seconds`` of its first byte (checked as
  each piece arrives: :class:`_Channel`), and
* a connection that sends nothing for that long is closed (waitress's ``channel_timeout``).

When the server closes a connection the client may still be sending: a body over the limit is
answered 413 as soon as the limit is passed. Closing a socket with unread data makes the
kernel send a reset, which can reach the client before it has read the answer. So the server
closes the way RFC 9112 §9.6 asks: it sends its answer, shuts its sending side, and reads and
drops what still comes, until the client closes or ``LINGER_SECONDS`` pass
(:class:`_Channel`); the client reads its 413. Like a slow request, a lingering
connection holds a socket, never a thread.
"""

from __future__ import annotations

import signal
import socket
import time
from collections.abc import Callable

from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import create_server

from ..errors import UsageError


def check_free(host: str, port: int) -> None:
    """UsageError if ``port`` cannot be listened on, before the data is loaded."""
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            raise UsageError(f"cannot listen on {host}:{port}: {e.strerror}") from None


LINGER_SECONDS = 5.0


class _Channel(HTTPChannel):
    """A connection whose requests must arrive whole within ``deadline`` seconds of their first
    byte (one that trickles is closed when its next piece comes late), and that lingers when
    the server closes it (see the module docstring)."""

    deadline = 30.0
    _started = 0.0
    _linger_until: float | None = None  # set while lingering: the answer is sent, input is dropped

    def received(self, data):
        now = time.monotonic()
        if self.request is None:
            self._started = now
        elif now - self._started > self.deadline:
            self.will_close = True
            return False
        return super().received(data)

    def handle_close(self):
        if self._linger_until is None and self.connected:
            try:
                # Everything written is sent before the FIN, the answer included.
                self.socket.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            else:
                self._linger_until = time.monotonic() + LINGER_SECONDS
                return
        super().handle_close()

    def readable(self):
        return True if self._linger_until is not None else super().readable()

    def writable(self):
        if self._linger_until is not None:
            # The event loop asks at least once a second: the end of the wait is noticed then.
            return time.monotonic() > self._linger_until
        return super().writable()

    def handle_read(self):
        if self._linger_until is None:
            return super().handle_read()
        try:
            data = self.recv(self.adj.recv_bytes)
        except OSError:
            data = b""
        if not data or time.monotonic() > self._linger_until:
            super().handle_close()

    def handle_write(self):
        if self._linger_until is None:
            return super().handle_write()
        super().handle_close()


def make_server(app, host: str, port: int, threads: int, max_body: int, read_seconds: float):
    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=max_body,
        channel_timeout=read_seconds,
        cleanup_interval=max(1, int(read_seconds // 3)),
        connection_limit=500,
        backlog=1024,
        ident="ittifoq",
        expose_tracebacks=False,
        asyncore_use_poll=True,
        # The thread that ran the request sends its answer at once, instead of handing answers
        # under 18 kB back to the event loop (one wake-up less per request: measured 0.5 ms of
        # 1.9 for a point lookup on a busy machine).
        send_bytes=1,
    )
    server.channel_class = type("Channel", (_Channel,), {"deadline": read_seconds})
    return server


class _StopSignal(wasyncore.dispatcher):
    """The reading end of the socket that SIGINT and SIGTERM are written to
    (``signal.set_wakeup_fd``): the event loop wakes at once, whichever thread the signal
    came to, and ends here, between two events. Raising from the signal handler instead
    would end it wherever the main thread was (in a lock, in the middle of a print)."""

    def writable(self):
        return False

    def handle_read(self):
        if self.recv(64):
            raise wasyncore.ExitNow


def serve(app, host: str, port: int, threads: int, on_ready: Callable[[int], None]) -> int:
    """Serve ``app`` until SIGINT or SIGTERM; the exit status."""
    settings = app.extensions["ittifoq"].settings
    server = make_server(app, host, port, threads, settings.max_body_bytes, settings.request_read_seconds)
    wake_read, wake_write = socket.socketpair()
    wake_write.setblocking(False)
    watch = _StopSignal(wake_read, server._map)
    # The handlers do nothing themselves: the signal's byte on the wake-up socket ends the
    # loop. More signals (a terminal signals every process of the group, a process manager
    # may repeat itself) change nothing.
    signal.set_wakeup_fd(wake_write.fileno(), warn_on_full_buffer=False)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _ignore)
    try:
        on_ready(server.effective_port)
        server.run()
    except wasyncore.ExitNow:
        pass
    finally:
        server.close()
        server.task_dispatcher.shutdown(timeout=5)
        signal.set_wakeup_fd(-1)
        watch.close()
        wake_write.close()
    return 0


def _ignore(signum, frame) -> None:
    pass
