"""IRI references resolved the way Oxigraph (oxiri) resolves them, so that the query guard
compares with its allow-list the IRI the engine will really call.

RFC 3986 §5.2, with what oxiri does differently (checked against the engine in
``tests/test_iri.py``): a reference with a scheme is taken as written, even when its scheme is
the base's (``<http:allowed>`` stays ``http:allowed``, where Python's ``urljoin`` gives
``http://host/allowed``), and so is the path of a reference with an authority; dot segments
are removed only from paths that are merged with the base's or that start with ``/``.
"""

from __future__ import annotations

import re

# RFC 3986 appendix B, with oxiri's rule for a scheme: the first of ':', '/', '?', '#'.
_PARTS = re.compile(r"(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.DOTALL)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")


def split(iri: str) -> tuple[str | None, str | None, str, str | None, str | None]:
    """(scheme, authority, path, query, fragment); absent parts are None."""
    return _PARTS.fullmatch(iri).groups()  # type: ignore[union-attr]


def is_absolute(iri: str) -> bool:
    scheme = split(iri)[0]
    return scheme is not None and _SCHEME.fullmatch(scheme) is not None


def resolve(base: str | None, ref: str) -> str | None:
    """``ref`` resolved against ``base``; None when the engine would reject it (a relative
    reference with no base)."""
    scheme, authority, path, query, fragment = split(ref)
    if scheme is not None:
        return ref if is_absolute(ref) else None
    if base is None or not is_absolute(base):
        return None
    b_scheme, b_authority, b_path, b_query, _ = split(base)
    if authority is not None:
        return _join(b_scheme, authority, path, query, fragment)
    if path == "":
        return _join(b_scheme, b_authority, b_path, b_query if query is None else query, fragment)
    rooted = b_authority is not None
    if path.startswith("/"):
        return _join(b_scheme, b_authority, _remove_dot_segments(path, rooted), query, fragment)
    # oxiri takes the base's directory as it is (dot segments in it stay) and removes the dot
    # segments of the reference only, against it: http://h/./a + ./ is http://h/./
    cut = b_path.rfind("/")
    if cut == -1 and not (b_authority is not None and b_path == ""):
        return _join(b_scheme, b_authority, _remove_dot_segments(path, rooted), query, fragment)
    directory = _segments(b_path[:cut]) if cut > 0 else []
    return _join(b_scheme, b_authority, _remove_dot_segments("/" + path, rooted, directory), query, fragment)


def _join(scheme, authority, path, query, fragment) -> str:
    out = scheme + ":"
    if authority is not None:
        out += "//" + authority
    out += path
    if query is not None:
        out += "?" + query
    if fragment is not None:
        out += "#" + fragment
    return out


def _segments(path: str) -> list[str]:
    """``/a/b`` as ``["/a", "/b"]``, ``x/y`` as ``["x", "/y"]``."""
    out, start = [], 0
    while start < len(path):
        end = path.find("/", start + 1)
        end = len(path) if end == -1 else end
        out.append(path[start:end])
        start = end
    return out


def _remove_dot_segments(path: str, rooted: bool, out: list[str] | None = None) -> str:
    """RFC 3986 §5.2.4, and oxiri's way without an authority (``rooted`` false): a ``/..``
    that finds no ``/segment`` to remove also removes its own ``/``
    (``tag:/x`` + ``../z`` = ``tag:z``)."""
    out = [] if out is None else out
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith("./"):
            path = path[2:]
        elif path.startswith("/./"):
            path = path[2:]
        elif path == "/.":
            path = "/"
        elif path.startswith("/../") or path == "/..":
            rest = path[3:] or "/"
            if out and (rooted or out[-1].startswith("/")):
                out.pop()
            else:
                if out:
                    out.pop()
                if not rooted:
                    rest = rest[1:]
            path = rest
        elif path in (".", ".."):
            path = ""
        else:
            start = 1 if path.startswith("/") else 0
            end = path.find("/", start)
            end = len(path) if end == -1 else end
            out.append(path[:end])
            path = path[end:]
    return "".join(out)
