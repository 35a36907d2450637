"""The HTTP server of ``ittifoq serve``: waitress, in the process that runs the application
(and that starts the engine process, ``ittifoq.web.supervisor``).

Why waitress: it reads each request, body included, in its event loop before it gives the
request to a thread, so a client that sends slowly holds a socket, not one of the threads
that run the application; and it refuses a body over its limit with 413 whatever its framing
(Content-Length or chunked). Two more bounds make a slow client harmless:

* a request must arrive whole within ``request_read_seconds`` of its first byte (checked as
  each piece arrives: :class:`_DeadlineChannel`), and
* a connection that sends nothing for that long is closed (waitress's ``channel_timeout``).
"""

from __future__ import annotations

import signal
import socket
import time
from collections.abc import Callable

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


class _DeadlineChannel(HTTPChannel):
    """A connection whose requests must arrive whole within ``deadline`` seconds of their first
    byte; one that trickles is closed when its next piece comes late."""

    deadline = 30.0
    _started = 0.0

    def received(self, data):
        now = time.monotonic()
        if self.request is None:
            self._started = now
        elif now - self._started > self.deadline:
            self.will_close = True
            return False
        return super().received(data)


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
    deadline_channel = type("DeadlineChannel", (_DeadlineChannel,), {"deadline": read_seconds})
    server.channel_class = deadline_channel
    return server


def serve(app, host: str, port: int, threads: int, on_ready: Callable[[int], None]) -> int:
    """Serve ``app`` until SIGINT or SIGTERM; the exit status."""
    settings = app.extensions["ittifoq"].settings
    server = make_server(app, host, port, threads, settings.max_body_bytes, settings.request_read_seconds)
    stopping = []

    def handler(signum, frame):
        # The first signal ends the event loop; more (a terminal signals every process of the
        # group, a process manager may repeat itself) change nothing.
        if not stopping:
            stopping.append(signum)
            raise _Stop

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, handler)
    on_ready(server.effective_port)
    try:
        server.run()
    except _Stop:
        pass
    finally:
        server.close()
        server.task_dispatcher.shutdown(timeout=5)
    return 0


class _Stop(BaseException):
    pass
