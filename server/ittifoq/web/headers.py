"""Security headers on every answer of the server: pages, query results, dumps, errors, 304s.

The policy allows what the pages use and nothing else: scripts and style sheets from
``/static`` only (the templates hold no inline script, style or event handler; keep it so
rather than adding ``'unsafe-inline'``), the empty ``data:`` favicon, ``fetch()`` to the
endpoint, forms sent to this server. Nothing may frame a page (clickjacking), no answer may be
sniffed into another type (an RDF literal holding HTML served as ``text/plain`` stays text),
and a link followed from a page tells another site only this server's origin.

Installed as WSGI middleware around the whole application, so that it also covers answers
made outside Flask's views (the error handlers, plain-WSGI fast paths).
"""

from __future__ import annotations

from urllib.parse import urlsplit


def content_security_policy(base_url: str | None = None) -> str:
    # With --base-url on another origin (behind a proxy) the query page's form and fetch()
    # go to that address.
    extra = ""
    if base_url:
        parts = urlsplit(base_url)
        if parts.scheme and parts.netloc:
            extra = f" {parts.scheme}://{parts.netloc}"
    return "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        f"connect-src 'self'{extra}",
        f"form-action 'self'{extra}",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ])


def security_headers(base_url: str | None = None) -> list[tuple[str, str]]:
    return [
        ("Content-Security-Policy", content_security_policy(base_url)),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),  # frame-ancestors' older form, for older browsers
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ]


class SecurityHeaders:
    """WSGI middleware adding :func:`security_headers` to every answer (replacing any the
    application set, so there is one policy)."""

    def __init__(self, wrapped, base_url: str | None = None):
        self.wrapped = wrapped
        self.headers = security_headers(base_url)
        self.names = {name.lower() for name, _ in self.headers}

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers if k.lower() not in self.names] + self.headers
            return start_response(status, headers, exc_info)

        return self.wrapped(environ, start)


def install(app) -> None:
    app.wsgi_app = SecurityHeaders(app.wsgi_app, app.extensions["ittifoq"].settings.base_url)
