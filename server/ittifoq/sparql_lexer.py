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
follow spargebra's grammar (pyoxigraph 0.5), which follows SPARQL 1.1/1.2 except where noted.
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, field
from typing import NamedTuple

# -- terminals (SPARQL 1.1 §19.8 and 1.2; deviations of spargebra noted)

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_HEX = "0-9A-Fa-f"
_PLX = rf"%[{_HEX}][{_HEX}]|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = rf"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}]|\.+(?=[{_PN_CHARS}]))*"
# spargebra: (PN_CHARS_U | ':' | [0-9] | PLX) (PN_CHARS | ':' | PLX)* ('.'+ (PN_CHARS | ':' | PLX)+)?
# -- one group of dots only, where the W3C grammar allows any number.
_PN_LOCAL = (
    rf"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:[{_PN_CHARS}:]|{_PLX})*+"
    rf"(?:\.++(?:[{_PN_CHARS}:]|{_PLX})++)?+"
)
_PNAME = re.compile(rf"({_PN_PREFIX})?:({_PN_LOCAL})?")
_VAR = re.compile(rf"[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*")
_BNODE = re.compile(rf"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}]|\.+(?=[{_PN_CHARS}]))*")
_NUMBER = re.compile(r"[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.?[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+")
_LANGTAG = re.compile(r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?")
_WORD = re.compile(r"\w+")
_BLANK = re.compile(r"[ \t\r\n]*")
_BLANK_OR_HASH = frozenset(" \t\r\n#")
_ECHAR_UCHAR = rf"\\[tbnrf\"'\\]|\\u[{_HEX}]{{4}}|\\U[{_HEX}]{{8}}"
# The PEG never gives back what a repetition took: possessive quantifiers do the same here.
_STRINGS = {
    "'''": re.compile(rf"'''(?:(?:''|')?+(?:[^'\\]|{_ECHAR_UCHAR}))*+'''"),
    '"""': re.compile(rf'"""(?:(?:""|")?+(?:[^"\\]|{_ECHAR_UCHAR}))*+"""'),
    "'": re.compile(rf"'(?:[^'\\\n\r]|{_ECHAR_UCHAR})*+'"),
    '"': re.compile(rf'"(?:[^"\\\n\r]|{_ECHAR_UCHAR})*+"'),
}
_ESCAPE = re.compile(rf"\\(?:u([{_HEX}]{{4}})|U([{_HEX}]{{8}})|.)", re.DOTALL)
# Characters that can never stand in an IRI, even before its escapes are decoded.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<"{}|^`]|\\(?!u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})')
_PUNCT = set("*/|^,;.!=&+-~>?")
_DIGITS = set("0123456789")

# Words that the engine can read as a whole token right before a keyword written without a
# space (``trueSERVICE``): keywords, built-in names and the ``a``/``true``/``false`` terms.
_GLUE_WORDS = """a true false undef silent select construct describe ask where from named prefix base
order by asc desc limit offset distinct reduced optional graph union filter minus bind values as
group having lateral version service load clear drop create add move copy to into insert delete
data with using default all in not exists separator str lang langmatches datatype bound iri uri
bnode rand abs ceil floor round concat strlen ucase lcase encode_for_uri contains strstarts
strends strbefore strafter year month day hours minutes seconds timezone tz now uuid struuid md5
sha1 sha256 sha384 sha512 coalesce if strlang strdt sameterm isiri isuri isblank isliteral
isnumeric regex substr replace count sum min max avg sample group_concat triple subject
predicate object istriple langdir haslang haslangdir strlangdir""".split()
_GLUE_SET = frozenset(_GLUE_WORDS)
_GLUE_MAX = max(map(len, _GLUE_WORDS))
_OUTBOUND = ("service", "load")


def ascii_lower(s: str) -> str:
    """Lower-case ASCII letters only, as the engine's case-insensitive keyword match does."""
    return s.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def keyword_splits(word: str) -> list[tuple[str, str]]:
    """Where ``word`` can hold SERVICE or LOAD as the engine reads keywords: after nothing or
    after whole words (``trueSERVICE``). Gives (keyword, rest after it) pairs."""
    low = ascii_lower(word)
    if "service" not in low and "load" not in low:
        return []
    # glued[i]: low[:i] is a sequence of whole words (dynamic programming, no backtracking).
    glued = [True] + [False] * len(low)
    for i in range(1, len(low) + 1):
        glued[i] = any(glued[j] and low[j:i] in _GLUE_SET for j in range(max(0, i - _GLUE_MAX), i))
    found = []
    for kw in _OUTBOUND:
        start = low.find(kw)
        while start != -1:
            if glued[start]:
                found.append((kw.upper(), word[start + len(kw):]))
            start = low.find(kw, start + 1)
    return found


def decode_uchars(s: str) -> str | None:
    """``\\uXXXX``/``\\UXXXXXXXX`` decoded as the engine does, or None when one names no
    Unicode scalar value (the engine then rejects the token)."""
    bad = False

    def one(m: re.Match) -> str:
        nonlocal bad
        if not (m.group(1) or m.group(2)):
            return m.group()  # another escape (ECHAR), left as written
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            bad = True
            return ""
        return chr(code)

    out = _ESCAPE.sub(one, s)
    return None if bad else out


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


class Token(NamedTuple):
    kind: str  # open close iri pname pname_ns var string number langtag bnode word punct
    start: int
    end: int
    text: str


_OPERAND_KINDS = {"iri", "pname", "pname_ns", "var", "string", "number", "langtag", "bnode", "word", "close"}


def readings(text: str, pos: int, after_operand: bool, next_gt: list[int]) -> tuple[list[Token], str]:
    """Every token the engine may read at ``pos`` (which is not blank), the usual reading
    first; and, when there is none, why."""
    c = text[pos]
    if c == "<":
        out = []
        i = bisect.bisect_left(next_gt, pos)
        if i < len(next_gt) and not _NOT_IN_IRI.search(text, pos + 1, next_gt[i]):
            out.append(Token("iri", pos, next_gt[i] + 1, text[pos:next_gt[i] + 1]))
        if text.startswith("<<", pos):
            out.append(Token("open", pos, pos + 2, "<<"))
        if after_operand:
            out.append(Token("punct", pos, pos + 1, "<"))
        return out, "an IRI that is not closed or holds a character IRIs cannot hold"
    if c in "'\"":
        if text.startswith(c * 3, pos):
            m = _STRINGS[c * 3].match(text, pos)
            if m and decode_uchars(m.group()) is not None:
                return [Token("string", pos, m.end(), m.group())], ""
        m = _STRINGS[c].match(text, pos)
        if m and decode_uchars(m.group()) is not None:
            return [Token("string", pos, m.end(), m.group())], ""
        return [], "a string that is not closed, or holds an invalid escape"
    if c in "?$":
        m = _VAR.match(text, pos)
        if m:
            return [Token("var", pos, m.end(), m.group())], ""
        return ([Token("punct", pos, pos + 1, c)], "") if c == "?" else ([], "a lone $")
    if c == "_" and text.startswith("_:", pos):
        m = _BNODE.match(text, pos)
        return ([Token("bnode", pos, m.end(), m.group())], "") if m else ([], "a blank node without a label")
    if c in "{([":
        return [Token("open", pos, pos + 1, c)], ""
    if c in "})]":
        return [Token("close", pos, pos + 1, c)], ""
    if c == ">" and text.startswith(">>", pos):
        return [Token("close", pos, pos + 2, ">>")], ""
    if c in _DIGITS or (c == "." and text[pos + 1:pos + 2] in _DIGITS and pos + 1 < len(text)):
        m = _NUMBER.match(text, pos)
        return [Token("number", pos, m.end(), m.group())], ""
    if c == "@":
        m = _LANGTAG.match(text, pos)
        return ([Token("langtag", pos, m.end(), m.group())], "") if m else ([], "an @ without a language tag")
    m = _PNAME.match(text, pos)
    if m:
        colon = m.start(2) if m.group(2) is not None else m.end()
        out = [Token("pname" if m.group(2) else "pname_ns", pos, m.end(), m.group())]
        if m.group(2):
            # Read again as the namespace alone, the local part then being code.
            out.append(Token("pname_ns", pos, colon, text[pos:colon]))
        return out, ""
    m = _WORD.match(text, pos)
    if m:
        return [Token("word", pos, m.end(), m.group())], ""
    if c in "&|" and text.startswith(c, pos + 1):
        return [Token("punct", pos, pos + 2, c * 2)], ""
    if c in _PUNCT:
        return [Token("punct", pos, pos + 1, c)], ""
    return [], f"the character {c!r}"


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
        if text[pos:pos + 1] not in _BLANK_OR_HASH:
            return pos
        while True:
            pos = _BLANK.match(text, pos).end()
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
    if any(c in content for c in "#'\"()[],;&") or _NOT_IN_IRI.search(content):
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
                    key = (tok.end, tok.kind in _OPERAND_KINDS, new_mode, new_stop, is_slash)
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
        pos, after_operand = tok.end, tok.kind in _OPERAND_KINDS
