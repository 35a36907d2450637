"""The terminals of SPARQL as Oxigraph's parser (spargebra, pyoxigraph 0.5) reads them, for
the lexer (``ittifoq.sparql_lexer``): every token the engine may read at a position (one text
can be read in more than one way: see the lexer's notes), keywords found the way the engine
matches them (by their letters, without word boundaries), and ``\\u`` escapes decoded as it
decodes them. Terminals follow SPARQL 1.1 §19.8 and 1.2; spargebra's deviations are noted.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

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
BLANK = re.compile(r"[ \t\r\n]*")
BLANK_OR_HASH = frozenset(" \t\r\n#")
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
NOT_IN_IRI = re.compile(r'[\x00-\x20<"{}|^`]|\\(?!u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})')
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


class Token(NamedTuple):
    kind: str  # open close iri pname pname_ns var string number langtag bnode word punct
    start: int
    end: int
    text: str


OPERAND_KINDS = {"iri", "pname", "pname_ns", "var", "string", "number", "langtag", "bnode", "word", "close"}


def readings(text: str, pos: int, after_operand: bool, next_gt: list[int]) -> tuple[list[Token], str]:
    """Every token the engine may read at ``pos`` (which is not blank), the usual reading
    first; and, when there is none, why."""
    c = text[pos]
    if c == "<":
        out = []
        i = bisect.bisect_left(next_gt, pos)
        if i < len(next_gt) and not NOT_IN_IRI.search(text, pos + 1, next_gt[i]):
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
