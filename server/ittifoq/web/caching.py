"""Conditional requests: an ``ETag`` on every successful read, and 304 for ``If-None-Match``.

The served data has a version, computed once at start (:func:`data_version`): the files it
was loaded from or the on-disk store's files (name, size, modification time), and the
server's own code and templates. With ``--allow-update`` the data generation, increased by
every write, is part of it. A remote ``--backend`` can change behind the server's back, so
its answers carry no ETag.

An answer is a function of that version and of the request: its URL (path, query string,
host and scheme) and the headers that choose its representation (``Accept``,
``Accept-Language``, ``Accept-Encoding``). The ETag is a hash of both, so it is known before
the answer is made: a matching ``If-None-Match`` on a GET or HEAD is answered 304 without
running the query or rendering the page. The tag is weak (``W/``): the same data and request
give an equivalent answer, not promised byte for byte. ``Cache-Control: public, no-cache``
lets browsers and proxies keep answers and revalidate them each time (a 304 costs no query);
``Vary`` names the headers hashed. Answers that set their own ETag (the dumps, tagged by
their bytes) keep it and their ``Vary``; answers that set ``Cache-Control`` (errors:
``no-store``) are left as they are.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from werkzeug.http import parse_etags

import ittifoq

_VARIANT_KEYS = ("wsgi.url_scheme", "HTTP_HOST", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING",
                 "HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE", "HTTP_ACCEPT_ENCODING", "HTTP_X_FORWARDED_HOST",
                 "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_PREFIX")
VARY = ("Accept", "Accept-Language", "Accept-Encoding")
_VARY = ", ".join(VARY)
CACHE_CONTROL = "public, no-cache"


def _stamp(paths, suffixes: tuple[str, ...] | None = None) -> list[str]:
    out = []
    for p in paths:
        p = Path(p)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        if suffixes:
            files = [f for f in files if f.suffix in suffixes]
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            out.append(f"{f}\0{st.st_size}\0{st.st_mtime_ns}")
    return out


def data_version(source) -> str | None:
    """The version of what ``source`` serves, or None when it can change unseen (a remote endpoint)."""
    from ..store import Files, OnDisk, Remote, ScratchStore

    if isinstance(source, Remote):
        return None
    # The code and templates that make the answers (not __pycache__, written as modules load).
    parts = [ittifoq.__version__, *_stamp([Path(ittifoq.__file__).parent], (".py", ".html", ".css", ".js"))]
    if isinstance(source, (Files, ScratchStore)):
        parts += _stamp((source.data if isinstance(source, ScratchStore) else source).paths)
    elif isinstance(source, OnDisk):
        parts += _stamp([source.path])
    else:
        # Data handed over in memory: nothing outside this process identifies it.
        parts.append(uuid.uuid4().hex)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class ConditionalRequests:
    """WSGI middleware; ``state`` is the application's :class:`ittifoq.web.app.Ittifoq`."""

    def __init__(self, wrapped, state):
        self.wrapped = wrapped
        self.state = state
        self.version = data_version(state.source)

    def etag(self, environ, generation: int) -> str:
        h = hashlib.sha256(f"{self.version}\0{generation}\0".encode())
        h.update("\0".join([environ.get(key, "") for key in _VARIANT_KEYS]).encode("latin-1", "replace"))
        return h.hexdigest()[:32]

    def __call__(self, environ, start_response):
        if self.version is None or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.wrapped(environ, start_response)
        # Read before the answer is made: a write meanwhile leaves an older tag, never a newer
        # tag on older data.
        tag = self.etag(environ, self.state.generation)
        etag = f'W/"{tag}"'
        cached = environ.get("HTTP_IF_NONE_MATCH") and parse_etags(environ["HTTP_IF_NONE_MATCH"])
        if cached and not cached.star_tag and cached.contains_weak(tag):
            start_response("304 Not Modified", [("ETag", etag), ("Cache-Control", CACHE_CONTROL),
                                                ("Vary", _VARY)])
            return []

        def start(status, headers, exc_info=None):
            if status.startswith("200"):
                headers = _tagged(headers, etag)
            return start_response(status, headers, exc_info)

        return self.wrapped(environ, start)


def _tagged(headers: list, etag: str) -> list:
    """A 200's headers with the ETag, Vary and Cache-Control of a cacheable answer."""
    names = {k.lower() for k, _ in headers}
    if names & {"cache-control", "set-cookie"}:
        return headers
    if "etag" not in names:
        if "vary" in names:
            vary = [v.strip() for k, val in headers if k.lower() == "vary" for v in val.split(",") if v.strip()]
            vary += [v for v in VARY if v.lower() not in {x.lower() for x in vary}]
            headers = [(k, v) for k, v in headers if k.lower() != "vary"]
            headers.append(("Vary", ", ".join(vary)))
        else:
            headers.append(("Vary", _VARY))
        headers.append(("ETag", etag))
    headers.append(("Cache-Control", CACHE_CONTROL))
    return headers


def install(app) -> None:
    app.wsgi_app = ConditionalRequests(app.wsgi_app, app.extensions["ittifoq"])
