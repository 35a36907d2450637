"""Settings of a server run, passed to the application factory as one object (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8080
    # Public address the server is reached at (e.g. behind a proxy); None: taken from each request.
    base_url: str | None = None
    # Seconds a query may run before the engine process is killed; a request may only lower it.
    timeout: float = 10.0
    max_rows: int = 10_000
    max_response_bytes: int = 10 * 1024 * 1024
    max_body_bytes: int = 1024 * 1024
    max_query_length: int = 100_000
    # Brackets ({, (, [) open at once. Oxigraph's recursive parser crashes the process near 2,500 `{`.
    max_depth: int = 64
    allow_update: bool = False
    token: str | None = None
    # SERVICE endpoints / LOAD sources a query may name; empty: no outbound request ever.
    service_allowlist: tuple[str, ...] = field(default_factory=tuple)
    # Users' queries run at once, as threads of the engine process.
    query_threads: int = 4
    # Request-handling threads of the WSGI server; more than query threads so pages keep answering.
    threads: int = 8
    # Address space the engine process may add on top of the loaded data before its allocation fails.
    worker_memory_mb: int = 2048
    # The engine process is replaced once it holds this much more than after loading the data.
    recycle_rss_mb: int = 1024
    # A request must arrive whole (headers and body) within this; a silent connection is closed.
    request_read_seconds: float = 30.0
    debug: bool = False
