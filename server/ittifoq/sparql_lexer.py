"""Reads SPARQL text the way Oxigraph's parser reads it, for the query guard.

Oxigraph (spargebra) parses with a backtracking PEG grammar, so one text can be read in more
than one way, and which way depends on the context the parser is in, on which prefixes are
declared and on whether an IRI or a string is valid. A lexer that follows the W3C terminals
alone is fooled by each of these (every case is in ``tests/query_guard_corpus/``):

* ``<`` after an operand is first the less-than operator, and only otherwise an IRI:
  in ``FILTER(?x <1#>`` the ``#`` starts a comment, which hides whatever the rest of the
  line opens (a long string, say) from the engine but not from a W3C lexer.
* A long string whose escapes are invalid (``\\uD800``) is read again as an empty short
  string followed by another short string: three quotes then open no long string.
* ``PN_LOCAL`` takes one group of dots only: ``x:a.b.SERVICE`` is ``x:a.b`` ``.`` ``SERVICE``.
* Keywords are matched by their letters, without word boundaries (``SERVICESILENT<…>``),
  and a prefixed name whose prefix is not declared is read again as words:
  ``trueSERVICE:x`` is ``true`` ``SERVICE`` ``:x``; ``SERVICE:x`` is a SERVICE call.
* A prefixed name whose IRI is invalid is read again as its namespace followed by the
  local part as code (``PREFIX ex: <http://[::1]>`` makes ``ex:SERVICE`` a keyword).

So the scanner follows every reading at once: a set of states (position, whether the last
token was an operand, what a SERVICE/LOAD/PREFIX/BASE is waiting for) processed in order of
position and merged when two readings meet, keeping the deepest nesting. It never recurses
and is linear in practice (readings rejoin within a token or a line). It reports what any
reading contains; the guard refuses what any reading would let the engine do. Terminals
follow spargebra's grammar (pyoxigraph 0.5), which follows SPARQL 1.1/1.2 except where noted; they are
in ``ittifoq.sparql_terminals``, the scan here.
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, field

from .sparql_terminals import (  # noqa: F401  (ascii_lower, decode_uchars, keyword_splits: the guard's too)
    BLANK,
    BLANK_OR_HASH,
    NOT_IN_IRI,
    OPERAND_KINDS,
    Token,
    ascii_lower,
    decode_uchars,
    keyword_splits,
    readings,
)

# -- what the scan reports


@dataclass(frozen=True)
class Operand:
    kind: str  # "iri" (raw text between < >), "pname" (prefix, local), "var"
    value: str
    local: str = ""


@dataclass
class Outbound:
    keyword: str  # SERVICE or LOAD
    operand: Operand
    pos: int
    glued: bool  # written without a word boundary (SERVICESILENT, trueSERVICE:x, SERVICE:x)


@dataclass
class Scan:
    outbound: list[Outbound] = field(default_factory=list)
    prefixes: dict[str, set[str]] = field(default_factory=dict)  # declared in any reading
    bases: list[str] = field(default_factory=list)
    depth: int = 0
    too_deep_at: int | None = None
    too_long_chain_at: int | None = None
    unreadable: tuple[int, str] | None = None  # (position, why) when no reading gets to the end


# -- the scan

_IDLE = ()


def _step(tok: Token, mode: tuple, scan: Scan) -> list[tuple]:
    """The modes after ``tok`` in one reading; records SERVICE/LOAD calls and declarations.
    A pending SERVICE/LOAD mode carries where its keyword stands."""
    kind = tok.kind
    if mode and mode[0] in ("SERVICE", "LOAD"):
        what, silent, at = mode
        if kind == "word" and not silent and ascii_lower(tok.text) == "silent":
            return [(what, True, at)]
        operand = _operand(tok)
        if operand is not None:
            if what == "SERVICE":
                return [("SERVICE_OP", operand, False, at)]
            if operand.kind != "var":
                scan.outbound.append(Outbound("LOAD", operand, at, False))
                return [_IDLE]
    elif mode and mode[0] == "SERVICE_OP":
        if kind == "open" and tok.text == "{":
            scan.outbound.append(Outbound("SERVICE", mode[1], mode[3], mode[2]))
            return [_IDLE]
    elif mode and mode[0] == "PREFIX":
        if kind == "pname_ns":
            return [("PREFIX_NS", tok.text[:-1])]
    elif mode and mode[0] == "PREFIX_NS":
        if kind == "iri":
            scan.prefixes.setdefault(mode[1], set()).add(tok.text[1:-1])
            return [_IDLE]
    elif mode and mode[0] == "BASE":
        if kind == "iri":
            scan.bases.append(tok.text[1:-1])
            return [_IDLE]
    return _start(tok, scan)


def _start(tok: Token, scan: Scan) -> list[tuple]:
    """Modes a token starts when nothing is pending (several when it can be read several ways)."""
    out: list[tuple] = []
    if tok.kind == "word":
        low = ascii_lower(tok.text)
        if low == "prefix":
            out.append(("PREFIX",))
        elif low == "base":
            out.append(("BASE",))
        for kw, rest in keyword_splits(tok.text):
            r = ascii_lower(rest)
            if r in ("", "silent"):
                out.append((kw, r == "silent", tok.start))
    elif tok.kind in ("pname", "pname_ns"):
        prefix, _, local = tok.text.partition(":")
        low = ascii_lower(prefix)
        if low.startswith("prefix") and tok.kind == "pname_ns":
            out.append(("PREFIX_NS", prefix[6:]))
        for kw, rest in keyword_splits(prefix):
            # SERVICE then [SILENT] then the prefixed name that follows in the same letters.
            names = [rest] + ([rest[6:]] if ascii_lower(rest).startswith("silent") else [])
            for name in names:
                operand = Operand("pname", name, local)
                if kw == "LOAD":
                    scan.outbound.append(Outbound("LOAD", operand, tok.start, True))
                else:
                    out.append(("SERVICE_OP", operand, True, tok.start))
    return out or [_IDLE]


def _operand(tok: Token) -> Operand | None:
    if tok.kind == "iri":
        return Operand("iri", tok.text[1:-1])
    if tok.kind in ("pname", "pname_ns"):
        prefix, _, local = tok.text.partition(":")
        return Operand("pname", prefix, local)
    if tok.kind == "var":
        return Operand("var", tok.text)
    return None


class _Skipper:
    """Skips blanks and comments; a comment's end is looked up, not scanned for, so that the
    many readings that turn the rest of a long line into a comment cost no time each."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [m.start() for m in re.finditer(r"[\r\n]", text)]

    def __call__(self, pos: int) -> int:
        text = self.text
        if text[pos:pos + 1] not in BLANK_OR_HASH:
            return pos
        while True:
            pos = BLANK.match(text, pos).end()
            if not text.startswith("#", pos):
                return pos
            i = bisect.bisect_left(self.breaks, pos)
            pos = self.breaks[i] if i < len(self.breaks) else len(text)


def _operator_reading_end(text: str, pos: int, next_gt: list[int]) -> int:
    """Where the reading of ``<`` at ``pos`` as less-than must end: at the ``>`` that would
    close the IRI (``a < b > c`` is a syntax error), unless what stands between may hide it (a
    comment, a string), put it in brackets (``?x <(1> 2)``) or end the comparison first
    (``?a<?b&&?c>?d``, ``(?a<?b)>?c``, ``f(?a<?b,?c>?d)``). -1 when it need not end there."""
    i = bisect.bisect_left(next_gt, pos)
    if i == len(next_gt):
        return -1
    content = text[pos + 1:next_gt[i]]
    if any(c in content for c in "#'\"()[],;&") or NOT_IN_IRI.search(content):
        return -1
    return next_gt[i]


def _chains(tok: Token) -> bool:
    """Whether the engine may stack ``tok`` on the one before, in a tree it walks
    recursively: operators (``!!!…``, ``1 - 1 - …``, ``a && b && …``) and group-level
    operations (``{} UNION {} UNION …``, ``OPTIONAL {} OPTIONAL {} …``, FILTER, BIND)."""
    if tok.kind == "punct":
        return tok.text in _CHAIN_PUNCT
    return tok.kind == "word" and ascii_lower(tok.text) in _CHAIN_WORDS


# Comparisons (= < > …) do not chain: SPARQL makes them non-associative.
_CHAIN_PUNCT = frozenset(["!", "-", "+", "*", "/", "|", "^", "&&", "||"])
_CHAIN_WORDS = frozenset("union optional minus filter bind as graph service exists not in lateral".split())


def scan(text: str, *, max_depth: int, max_chain: int = 1000) -> Scan:
    """Follow every reading of ``text``; stop at the first nesting deeper than ``max_depth``,
    or at the first reading with more than ``max_chain`` operators in all (Oxigraph crashes
    on chains of 10,000: it builds and walks its expression and algebra trees recursively;
    3,000 were fine, whatever the operator)."""
    result = Scan()
    skip = _Skipper(text)
    next_gt = [m.start() for m in re.finditer(">", text)]
    n = len(text)
    # state -> (deepest nesting, most operators) of the readings arriving in it. A state is
    # (position, after an operand, pending mode, where an operator reading of <…> must end,
    # last token a slash): readings that the grammar ends are ended, so that their counts do
    # not live on in the readings they would otherwise merge with.
    start = (0, False, _IDLE, -1, False)
    best: dict[tuple, tuple[int, int]] = {start: (0, 0)}
    todo: list[int] = [0]
    pending: dict[int, set[tuple]] = {0: {start}}
    finished = False
    furthest = (-1, "")
    while todo:
        pos = heapq.heappop(todo)
        for state in pending.pop(pos, ()):
            depth, chain = best.pop(state)
            _, after_operand, mode, stop, slash = state
            p = skip(pos)
            if p >= n:
                finished = True
                continue
            toks, why = readings(text, p, after_operand, next_gt)
            if not toks and p > furthest[0]:
                furthest = (p, why)
            for tok in toks:
                d = depth + 1 if tok.kind == "open" else max(0, depth - 1) if tok.kind == "close" else depth
                c = chain + 1 if _chains(tok) else chain
                if d > result.depth:
                    result.depth = d
                    if d > max_depth:
                        result.too_deep_at = tok.start
                        return result
                if c > max_chain:
                    result.too_long_chain_at = tok.start
                    return result
                is_slash = tok.kind == "punct" and tok.text == "/"
                if (0 <= stop <= tok.start) or (slash and is_slash):
                    # ``a < b >`` and ``//`` are syntax errors wherever they stand.
                    continue
                new_stop = stop
                if tok.kind == "punct" and tok.text == "<" and stop < 0:
                    new_stop = _operator_reading_end(text, tok.start, next_gt)
                for new_mode in _step(tok, mode, result):
                    key = (tok.end, tok.kind in OPERAND_KINDS, new_mode, new_stop, is_slash)
                    old = best.get(key)
                    new = (d, c) if old is None else (max(d, old[0]), max(c, old[1]))
                    if new == old:
                        continue
                    best[key] = new
                    if tok.end not in pending:
                        pending[tok.end] = set()
                        heapq.heappush(todo, tok.end)
                    pending[tok.end].add(key)
    if not finished:
        result.unreadable = furthest
    return result


def tokens(text: str) -> list[Token]:
    """The usual reading alone (IRIs as IRIs, prefixed names whole), for what the server learns
    about an accepted request (its form, FROM, USING, where WHERE stands); it stops where that
    reading cannot go on."""
    next_gt = [m.start() for m in re.finditer(">", text)]
    skip = _Skipper(text)
    out: list[Token] = []
    pos, after_operand, n = 0, False, len(text)
    while True:
        pos = skip(pos)
        if pos >= n:
            return out
        toks, _ = readings(text, pos, after_operand, next_gt)
        if not toks:
            return out
        tok = toks[0]
        out.append(tok)
        pos, after_operand = tok.end, tok.kind in OPERAND_KINDS
