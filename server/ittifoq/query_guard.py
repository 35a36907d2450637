"""Checks on a user's SPARQL text before it reaches the engine: no outbound request (SERVICE,
LOAD) unless its IRI is on the allow-list, no nesting deep enough to crash the parser, no
text longer than the limit.

The text is read as Oxigraph's parser reads it, in every way it may read it
(``sparql_lexer``): a query is refused when any reading holds a SERVICE or LOAD that is not
allowed, or nests too deep. A lexer, not a parser, on purpose: it never recurses (the
engine's recursive parser is what crashes), takes about a millisecond for a typical query,
and rdflib's parser, the only other one in reach, follows another grammar (no SPARQL 1.2,
other errors) and itself recurses (RecursionError at 64 nested braces). Oxigraph's parser
crashes the process (SIGSEGV) near 2,500 nested ``{`` or 5,000 nested ``(`` and takes
superlinear time on nested ``[ … ]`` and ``<< … >>``, hence the depth limit on all of them.
Chains of operators crash it too (``!!!…`` or ``{} UNION {} UNION …`` 10,000 long), hence a
limit on their number. Syntax errors are left to the engine, which names their line and column, except text that
no reading can tokenize (an unclosed string, say), which is refused here with its position.

Defence in depth: the engine's process also cannot connect anywhere (``ittifoq.sandbox``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import iri as iris
from . import sparql_lexer as lexer
from .errors import QueryRejected, QuerySyntaxError
from .namespaces import PREFIXES

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = {
    "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH",
}
_MAX_BASES = 64  # BASE declarations in every order: more than this is refused, not explored


@dataclass
class Checked:
    """What the check learnt about an accepted request."""

    text: str
    kind: str  # "query" or "update"
    form: str | None  # SELECT / ASK / CONSTRUCT / DESCRIBE; None when not recognisable
    depth: int
    has_dataset_clause: bool = False  # FROM / FROM NAMED in a query
    has_using: bool = False  # USING / WITH in an update
    outbound: list[str] = field(default_factory=list)  # SERVICE / LOAD IRIs, all allow-listed
    # Character offsets of each top-level WHERE of a DELETE/INSERT operation (updates only).
    modify_where: list[int] = field(default_factory=list)


def check(
    text: str,
    *,
    kind: str = "query",
    max_length: int = 100_000,
    max_depth: int = 64,
    allowlist: tuple[str, ...] | list[str] = (),
    base_iri: str | None = None,
    max_operators: int = 1000,
) -> Checked:
    """Raise :class:`QueryRejected` if ``text`` breaks a rule (or :class:`QuerySyntaxError`
    if it cannot be read at all); otherwise return what was learnt. ``kind`` is "query" or
    "update"; ``base_iri`` is the base the engine is given, if any."""
    if len(text) > max_length:
        raise QueryRejected(
            f"the {kind} is {len(text):,} characters long; this endpoint accepts at most {max_length:,}"
        )
    scan = lexer.scan(text, max_depth=max_depth, max_chain=max_operators)
    if scan.too_deep_at is not None:
        raise QueryRejected(
            f"the {kind} nests brackets more than {max_depth} deep (at {_where(text, scan.too_deep_at)}); "
            "flatten the pattern"
        )
    if scan.too_long_chain_at is not None:
        raise QueryRejected(
            f"the {kind} has more than {max_operators:,} operators (UNION, OPTIONAL, FILTER, &&, ! …; "
            f"the one at {_where(text, scan.too_long_chain_at)}); split it"
        )
    outbound = _allowed_targets(text, scan, tuple(allowlist), base_iri)
    if scan.unreadable is not None:
        pos, why = scan.unreadable
        raise QuerySyntaxError(f"SPARQL syntax error at {_where(text, pos)}: cannot read {why}")
    learnt = _learn(text, kind)
    return Checked(text=text, kind=kind, depth=scan.depth, outbound=outbound, **learnt)


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    return f"{line}:{pos - (text.rfind(chr(10), 0, pos) + 1) + 1}"


def _allowed_targets(text: str, scan: lexer.Scan, allowlist: tuple[str, ...], base_iri: str | None) -> list[str]:
    """The IRIs of every SERVICE and LOAD in any reading, each on the allow-list, or raise."""
    if not scan.outbound:
        return []
    first = scan.outbound[0]
    if not allowlist:
        raise QueryRejected(
            f"{first.keyword} is not allowed on this endpoint (at {_where(text, first.pos)}): "
            "it never makes outbound requests"
        )
    bases = _bases(scan, base_iri)
    targets: list[str] = []
    for call in scan.outbound:
        candidates = _targets(call.operand, scan, bases)
        shown = _shown(call.operand)
        if not candidates:
            raise QueryRejected(
                f"{call.keyword} {shown} is not allowed (at {_where(text, call.pos)}): "
                "name a fixed IRI from the allow-list"
            )
        for target in sorted(candidates):
            if target not in allowlist:
                raise QueryRejected(
                    f"{call.keyword} <{target}> is not allowed (at {_where(text, call.pos)}): "
                    "it is not on this server's allow-list"
                )
            if target not in targets:
                targets.append(target)
    return targets


def _bases(scan: lexer.Scan, base_iri: str | None) -> set[str | None]:
    """Every base IRI a reading may be using: the engine's, then each BASE resolved against
    any earlier one (readings may see the declarations in any subset, so all are kept)."""
    bases: set[str | None] = {base_iri}
    for raw in scan.bases:
        ref = lexer.decode_uchars(raw)
        if ref is None:
            continue
        bases |= {iris.resolve(b, ref) for b in bases} - {None}
        if len(bases) > _MAX_BASES:
            raise QueryRejected("the request declares too many BASE IRIs to check its SERVICE/LOAD IRIs")
    return bases


def _targets(operand: lexer.Operand, scan: lexer.Scan, bases: set[str | None]) -> set[str]:
    """The absolute IRIs the engine may call for ``operand`` (empty when it names none)."""
    if operand.kind == "iri":
        ref = lexer.decode_uchars(operand.value)
        if ref is None:
            return set()
        return {t for t in (iris.resolve(b, ref) for b in bases) if t is not None}
    if operand.kind == "pname":
        namespaces = set()
        if operand.value in PREFIXES:
            namespaces.add(PREFIXES[operand.value])
        for raw in scan.prefixes.get(operand.value, ()):
            ref = lexer.decode_uchars(raw)
            if ref is not None:
                namespaces |= {t for t in (iris.resolve(b, ref) for b in bases) if t is not None}
        local = "".join(operand.local.split("\\"))  # PN_LOCAL_ESC: the engine drops the backslash
        return {ns + local for ns in namespaces}
    return set()


def _shown(operand: lexer.Operand) -> str:
    if operand.kind == "iri":
        return f"<{operand.value}>"
    if operand.kind == "pname":
        return f"{operand.value}:{operand.local}"
    return operand.value


def _learn(text: str, kind: str) -> dict:
    """Form, dataset clauses and WHERE positions, from the usual reading of the text."""
    depth = 0
    form: str | None = None
    has_dataset = has_using = False
    modify_where: list[int] = []
    op_first: str | None = None  # first keyword of the current update operation
    prev_word: str | None = None
    for tok in lexer.tokens(text):
        if tok.kind == "open":
            depth += 1
        elif tok.kind == "close":
            depth = max(0, depth - 1)
        if tok.kind != "word":
            if kind == "update" and depth == 0 and tok.text == ";":
                op_first = None
            prev_word = None
            continue
        word = lexer.ascii_lower(tok.text).upper()
        if word in QUERY_FORMS and form is None and depth == 0:
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
                    modify_where.append(tok.start)
        prev_word = word
    return {
        "form": form if kind == "query" else None,
        "has_dataset_clause": has_dataset,
        "has_using": has_using,
        "modify_where": modify_where,
    }


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
