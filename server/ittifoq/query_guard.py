"""Static checks on a user's SPARQL text before it reaches the engine.

The checks are lexical, on purpose. Measured on this machine (see the report of issue 5):

* rdflib's ``parseQuery`` (pyparsing) takes ~18 ms for a 12-line query after a 200 ms
  import, and raises RecursionError at 32 nested parentheses and 64 nested braces, so it
  would reject ordinary queries and still recurse on hostile ones. Its grammar also differs
  from Oxigraph's (SPARQL 1.2 syntax, error positions), so a query could pass one and not
  the other.
* This scanner is one compiled regular expression (well under a millisecond for typical
  queries, ~30 ms for 100,000 characters), never recurses, and is exact for what it decides:
  SPARQL has no bare identifiers besides keywords and built-in function names, so a bare
  word ``SERVICE`` or ``LOAD`` outside strings, IRIs and comments is always the keyword.

Nesting is measured here before any parser sees the text: Oxigraph's recursive-descent
parser crashes the whole process (SIGSEGV) near 2,500 nested ``{`` and 5,000 nested ``(``,
and nested blank-node lists ``[ … ]`` cost it superlinear time (0.6 s at 200 levels, 49 s
at 1,000). Syntax errors are left to Oxigraph's own parser, which runs in a worker process
(see ``executor``) and reports ``error at LINE:COLUMN``; codepoint escapes (``\\u0053``)
are not expanded outside strings and IRIs by Oxigraph, so they cannot hide a keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from .errors import QueryRejected
from .namespaces import PREFIXES

_PN_CHARS = (
    r"A-Za-z0-9_\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D"
    r"\u203F-\u2040\u2070-\uFFFF"
)
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
              |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'
              |"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][%s]+)
  | (?P<name>(?:[%s](?:[%s.]*[%s])?)?:(?:[%s:%%\\.]*[%s:])?|[A-Za-z_][A-Za-z0-9_]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<other>.)
    """
    % ((_PN_CHARS,) + (_PN_CHARS,) * 3 + (_PN_CHARS,) * 2),
    re.VERBOSE | re.DOTALL,
)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = {
    "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH",
}


@dataclass
class Checked:
    """What the scanner learnt about an accepted request."""

    text: str
    kind: str  # "query" or "update"
    form: str | None  # SELECT / ASK / CONSTRUCT / DESCRIBE; None when not recognisable
    depth: int
    has_dataset_clause: bool = False  # FROM / FROM NAMED in a query
    has_using: bool = False  # USING / WITH in an update
    outbound: list[str] = field(default_factory=list)  # SERVICE / LOAD IRIs, all allow-listed
    # Character offsets of each top-level WHERE of a DELETE/INSERT operation (updates only).
    modify_where: list[int] = field(default_factory=list)


def _unescape_iri(raw: str) -> str:
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), raw[1:-1])


def check(
    text: str,
    *,
    kind: str = "query",
    max_length: int = 100_000,
    max_depth: int = 64,
    allowlist: tuple[str, ...] | list[str] = (),
) -> Checked:
    """Scan ``text`` and raise :class:`QueryRejected` if it breaks a rule; otherwise return what
    was learnt. ``kind`` is "query" or "update"."""
    if len(text) > max_length:
        raise QueryRejected(
            f"the {kind} is {len(text):,} characters long; this endpoint accepts at most {max_length:,}"
        )
    prefixes = dict(PREFIXES)
    base: str | None = None
    depth = max_depth_seen = 0
    form: str | None = None
    has_dataset = has_using = False
    outbound: list[str] = []
    modify_where: list[int] = []
    # Per update operation: the first keyword and whether DELETE is directly followed by WHERE.
    op_first: str | None = None
    prev_word: str | None = None
    pending: str | None = None  # "SERVICE"/"LOAD" waiting for their IRI; "PREFIX"/"BASE" too
    pending_prefix: str | None = None

    for m in _TOKEN.finditer(text):
        group = m.lastgroup
        if group in ("ws", "comment"):
            continue
        value = m.group()
        if group == "open":
            depth += 1
            if depth > max_depth_seen:
                max_depth_seen = depth
                if depth > max_depth:
                    line = text.count("\n", 0, m.start()) + 1
                    col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                    raise QueryRejected(
                        f"the {kind} nests brackets more than {max_depth} deep (at {line}:{col}); "
                        "flatten the pattern"
                    )
            pending = None if pending not in ("SERVICE", "LOAD") else pending
            prev_word = None
            continue
        if group == "close":
            depth = max(0, depth - 1)
            prev_word = None
            continue

        if pending in ("SERVICE", "LOAD"):
            if group == "name" and value.upper() == "SILENT":
                continue
            what = pending
            pending = None
            target = _resolve(group, value, prefixes, base)
            if not allowlist:
                raise QueryRejected(f"{what} is not allowed on this endpoint: it never makes outbound requests")
            if target is None:
                raise QueryRejected(f"{what} {value} is not allowed: name a fixed IRI from the allow-list")
            if target not in allowlist:
                raise QueryRejected(f"{what} <{target}> is not allowed: it is not on this server's allow-list")
            outbound.append(target)
            prev_word = None
            continue
        if pending == "PREFIX":
            if group == "name" and value.endswith(":"):
                pending_prefix = value[:-1]
                pending = "PREFIX_IRI"
                continue
            pending = None
        elif pending == "PREFIX_IRI":
            if group == "iri":
                iri = _unescape_iri(value)
                prefixes[pending_prefix or ""] = urljoin(base, iri) if base else iri
            pending = None
            continue
        elif pending == "BASE":
            if group == "iri":
                iri = _unescape_iri(value)
                base = urljoin(base, iri) if base else iri
            pending = None
            continue

        if group == "name" and ":" not in value:
            word = value.upper()
            if word in ("SERVICE", "LOAD"):
                pending = word
            elif word in ("PREFIX", "BASE"):
                pending = word
            elif word in QUERY_FORMS and form is None and depth == 0:
                form = word
            if depth == 0:
                if word == "FROM":
                    has_dataset = True
                if kind == "update":
                    if word in ("USING", "WITH"):
                        has_using = True
                    if op_first is None and word in UPDATE_WORDS:
                        op_first = word
                    # DELETE WHERE {…} is the short form, which takes no USING.
                    if word == "WHERE" and op_first in ("DELETE", "INSERT", "WITH") and prev_word != "DELETE":
                        modify_where.append(m.start())
            prev_word = word
            continue
        if kind == "update" and depth == 0 and value == ";":
            op_first = None
        prev_word = None

    if pending in ("SERVICE", "LOAD"):
        raise QueryRejected(f"{pending} is not allowed on this endpoint: it never makes outbound requests")
    return Checked(
        text=text,
        kind=kind,
        form=form if kind == "query" else None,
        depth=max_depth_seen,
        has_dataset_clause=has_dataset,
        has_using=has_using,
        outbound=outbound,
        modify_where=modify_where,
    )


def _resolve(group: str, value: str, prefixes: dict[str, str], base: str | None) -> str | None:
    """The absolute IRI a SERVICE/LOAD operand names, or None when it is not a fixed IRI."""
    if group == "iri":
        iri = _unescape_iri(value)
        if base:
            iri = urljoin(base, iri)
        return iri if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri) else None
    if group == "name" and ":" in value:
        prefix, local = value.split(":", 1)
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def with_using(checked: Checked, default_graphs: list[str], named_graphs: list[str]) -> str:
    """The update with ``using-graph-uri``/``using-named-graph-uri`` written in as USING clauses
    before the WHERE of every DELETE/INSERT operation (SPARQL 1.1 Protocol §2.2.3); Oxigraph's
    update API has no dataset argument."""
    clause = "".join(f"USING <{g}> " for g in default_graphs) + "".join(
        f"USING NAMED <{g}> " for g in named_graphs
    )
    text = checked.text
    for pos in reversed(checked.modify_where):
        text = text[:pos] + clause + text[pos:]
    return text
