"""HTTP for a remote endpoint: one exchange finished within a deadline in all (connect, send,
wait, read: not each socket read), on a kept-alive connection per thread, tried once more when
the server had closed a kept-alive connection meanwhile."""

from __future__ import annotations

import http.client
import os
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass

from ..errors import QueryTimeout
from .errors import BackendError

USER_AGENT = "ittifoq (SPARQL client)"


@dataclass
class Response:
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self, limit: int = 600) -> str:
        text = self.body[:limit].decode("utf-8", "replace").strip()
        return text + ("…" if len(self.body) > limit else "")


class HttpClient:
    def __init__(self, name: str, auth: str | None):
        self.name = name  # the endpoint, in messages
        self._auth = auth
        self._local = threading.local()

    def _connection(self, scheme: str, netloc: str, timeout: float) -> http.client.HTTPConnection:
        pool = getattr(self._local, "pool", None)
        if pool is None or self._local.pid != os.getpid():
            # A forked process (the server's query workers) must not share its parent's sockets.
            pool = self._local.pool = {}
            self._local.pid = os.getpid()
        conn = pool.get((scheme, netloc))
        if conn is None:
            if scheme == "https":
                conn = http.client.HTTPSConnection(netloc, timeout=timeout, context=ssl.create_default_context())
            else:
                conn = http.client.HTTPConnection(netloc, timeout=timeout)
            pool[(scheme, netloc)] = conn
        return conn

    def _drop(self, scheme: str, netloc: str) -> None:
        conn = self._local.pool.pop((scheme, netloc), None)
        if conn is not None:
            conn.close()

    def request(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
                timeout: float) -> Response:
        """One HTTP exchange, finished within ``timeout`` seconds in all (connect, send, wait,
        read), on a kept-alive connection of this thread. Raises QueryTimeout or BackendError."""
        deadline = time.monotonic() + timeout
        parts = urllib.parse.urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        headers = {"User-Agent": USER_AGENT, **headers}
        if self._auth:
            headers["Authorization"] = self._auth
        for attempt in (0, 1):
            conn = self._connection(parts.scheme, parts.netloc, timeout)
            reused = conn.sock is not None
            try:
                if conn.sock is not None:
                    conn.sock.settimeout(max(deadline - time.monotonic(), 0.001))
                else:
                    conn.timeout = max(deadline - time.monotonic(), 0.001)
                conn.request(method, target, body=body, headers=headers)
                sock = conn.sock  # the response keeps reading it even once conn lets it go
                resp = conn.getresponse()
                chunks = []
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError
                    try:
                        sock.settimeout(left)
                    except OSError:
                        pass
                    chunk = resp.read1(1 << 16) if hasattr(resp, "read1") else resp.read(1 << 16)
                    if not chunk:
                        break
                    chunks.append(chunk)
                resp.close()  # consumed to the end: the connection is free for the next request
                result = Response(resp.status, resp.reason, {k.lower(): v for k, v in resp.getheaders()},
                                   b"".join(chunks))
                if resp.will_close:
                    self._drop(parts.scheme, parts.netloc)
                return result
            except TimeoutError as e:
                self._drop(parts.scheme, parts.netloc)
                raise QueryTimeout(f"the SPARQL backend {self.name} did not answer within {timeout:g} s") from e
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self._drop(parts.scheme, parts.netloc)
                # A kept-alive connection the server closed meanwhile: one fresh try.
                if reused and attempt == 0:
                    continue
                raise BackendError(f"the SPARQL backend {parts.netloc} closed the connection: {e}") from e
            except (OSError, http.client.HTTPException) as e:
                self._drop(parts.scheme, parts.netloc)
                raise BackendError(f"cannot reach the SPARQL backend {parts.netloc}: {e}") from e
        raise AssertionError("unreachable")
