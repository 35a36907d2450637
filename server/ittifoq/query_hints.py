"""Plain words for a SPARQL syntax error: what a person would say about the query the parser
refused, led by its line and column, with the parser's own detail kept for experts.

Oxigraph's parser reports the place where it could not go on and the set of things it
expected there (for an unknown prefix, a list of character classes). This module reads the
query again for the mistakes people make, and names them where they are:

- an unknown prefix: "unknown prefix `persn:` — did you mean `person:`?" (the nearest of the
  query's own ``PREFIX`` declarations and the predeclared ones), or how to declare it;
- a misspelt keyword: "`SELCT` is not a SPARQL keyword — did you mean `SELECT`?";
- an unbalanced bracket: "`{` at 1:16 is never closed", "`}` closes nothing".

It runs only on a query the parser has already refused (:func:`explain_syntax_errors` wraps
a function that raises :class:`ittifoq.errors.QuerySyntaxError`), and a finding counts only
at or before the place the parser stopped, so it can reword an error but never make one.
The same text reaches every client: the query page, SPARQLWrapper, rdflib, curl.
"""

from __future__ import annotations

import functools
import inspect
import re
from dataclasses import dataclass

from .errors import QuerySyntaxError
from .namespaces import PREFIXES

# Every word SPARQL 1.1 (and Oxigraph's extensions: LATERAL, ADJUST, RDF 1.2's triple terms)
# reads as a keyword or a built-in function, upper case.
KEYWORDS = (
    "SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "FROM", "NAMED", "PREFIX", "BASE", "DISTINCT",
    "REDUCED", "OPTIONAL", "FILTER", "UNION", "MINUS", "GRAPH", "SERVICE", "BIND", "VALUES", "AS",
    "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET", "NOT", "EXISTS", "IN", "UNDEF",
    "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR", "LANG", "LANGMATCHES",
    "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "STR", "STRLEN", "SUBSTR", "UCASE", "LCASE", "STRSTARTS",
    "STRENDS", "CONTAINS", "STRBEFORE", "STRAFTER", "CONCAT", "REPLACE", "REGEX", "YEAR", "MONTH", "DAY",
    "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ", "NOW", "UUID", "STRUUID", "MD5", "SHA1", "SHA256",
    "SHA384", "SHA512", "STRLANG", "STRDT", "IF", "COALESCE", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL",
    "ISNUMERIC", "SAMETERM", "ABS", "ROUND", "CEIL", "FLOOR", "RAND", "ENCODE_FOR_URI", "TRUE", "FALSE",
    "LOAD", "CLEAR", "DROP", "INSERT", "DELETE", "DATA", "WITH", "USING", "DEFAULT", "ALL", "SILENT",
    "INTO", "TO", "CREATE", "ADD", "MOVE", "COPY", "LATERAL", "ADJUST", "TRIPLE", "SUBJECT", "PREDICATE",
    "OBJECT", "ISTRIPLE", "LANGDIR", "HASLANG", "HASLANGDIR", "STRLANGDIR", "VERSION",
)
_KEYWORD_SET = frozenset(KEYWORDS)

# Strings, IRIs and comments: blanked out (same length, newlines kept) before the code is read.
_NOT_CODE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z\u00c0-\uffff][\w.\u00b7-]*)?:", re.IGNORECASE)
# A prefixed name: the prefix (or nothing) and a colon, after a character that can end a term.
_PREFIXED = re.compile(r"(?:^|(?<=[\s(){}\[\],;./|^!=<>*+?-]))([A-Za-z\u00c0-\uffff][\w.\u00b7-]*)?:"
                       r"(?=[\w%\\]|\s|$|[(){}\[\],;.])")
# A bare word: not a variable, a prefixed name, a language tag or part of a number.
_WORD = re.compile(r"(?:^|(?<=[\s{}()]))([A-Za-z_]{2,})(?=[\s{}(*]|$)")
_PARSER_AT = re.compile(r"(?:error )?at (\d+):(\d+)")
_BRACKETS = {"{": "}", "(": ")", "[": "]"}


@dataclass(frozen=True)
class Hint:
    """A mistake found in a query: where (1-based line and column, in characters), how long,
    and what to say."""

    line: int
    column: int
    length: int
    message: str


def code_only(query: str) -> str:
    """The query with strings, IRIs and comments replaced by spaces (offsets unchanged)."""
    return _NOT_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), query)


def position(query: str, offset: int) -> tuple[int, int]:
    """(line, column) of ``offset``, both from 1, columns in characters as the parser counts."""
    line = query.count("\n", 0, offset) + 1
    return line, offset - (query.rfind("\n", 0, offset) + 1) + 1


def distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (optimal string alignment): a swap of two neighbours is one edit."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def nearest(word: str, candidates) -> str | None:
    """The candidate closest to ``word`` (case ignored) if it is close enough to be a slip:
    one edit, or one in three letters for longer words; the first listed wins a tie."""
    best, best_d = None, None
    for c in candidates:
        d = distance(word.lower(), c.lower())
        if best_d is None or d < best_d:
            best, best_d = c, d
    return best if best_d is not None and best_d <= max(1, len(word) // 3) else None


def _unknown_prefixes(query: str, code: str) -> list[Hint]:
    declared = [m.group(1) or "" for m in _DECLARED.finditer(code)]
    known = set(declared) | set(PREFIXES)
    out = []
    for m in _PREFIXED.finditer(code):
        prefix = m.group(1) or ""
        if prefix in known or prefix == "_":
            continue
        if re.search(r"PREFIX\s*$", code[max(0, m.start() - 20):m.start()], re.IGNORECASE):
            continue  # a declaration, not a use
        guess = nearest(prefix, [p for p in declared if p] + sorted(PREFIXES)) if prefix else None
        advice = f" — did you mean `{guess}:`?" if guess else f" — declare it with PREFIX {prefix}: <…>"
        out.append(Hint(*position(query, m.start()), len(prefix) + 1, f"unknown prefix `{prefix}:`{advice}"))
    return out


def _misspelt_keywords(query: str, code: str) -> list[Hint]:
    out = []
    for m in _WORD.finditer(code):
        word = m.group(1)
        if word.upper() in _KEYWORD_SET or word == "a":
            continue
        guess = nearest(word.upper(), KEYWORDS)
        if guess:
            out.append(Hint(*position(query, m.start()), len(word),
                            f"`{word}` is not a SPARQL keyword — did you mean `{guess}`?"))
    return out


def _unbalanced(query: str, code: str) -> list[Hint]:
    stack: list[int] = []
    for i, ch in enumerate(code):
        if ch in _BRACKETS:
            stack.append(i)
        elif ch in _BRACKETS.values():
            if not stack:
                return [Hint(*position(query, i), 1, f"`{ch}` closes nothing")]
            if _BRACKETS[code[stack[-1]]] != ch:
                line, column = position(query, stack[-1])
                return [Hint(*position(query, i), 1, f"`{ch}` stands where `{code[stack[-1]]}` of {line}:{column} "
                             f"should be closed with `{_BRACKETS[code[stack[-1]]]}`")]
            stack.pop()
    if stack:
        i = stack[-1]
        return [Hint(*position(query, i), 1, f"`{code[i]}` is never closed: add `{_BRACKETS[code[i]]}`")]
    return []


def parser_position(message: str) -> tuple[int, int] | None:
    m = _PARSER_AT.search(message)
    return (int(m.group(1)), int(m.group(2))) if m else None


def find(query: str, parser_message: str = "") -> Hint | None:
    """The mistake to name in a query the parser refused with ``parser_message``: the first
    one found at or before where the parser stopped (an unknown prefix first when the parser
    says a prefix was not found), else None."""
    code = code_only(query)
    stop = parser_position(parser_message)
    prefixes = _unknown_prefixes(query, code)
    found = prefixes if "Prefix not found" in parser_message and prefixes else (
        prefixes + _misspelt_keywords(query, code) + _unbalanced(query, code))
    if stop is not None:
        found = [h for h in found if (h.line, h.column) <= stop]
    return min(found, key=lambda h: (h.line, h.column), default=None)


def _token_at(query: str, line: int, column: int) -> str:
    lines = query.split("\n")
    if line > len(lines):
        return ""
    rest = lines[line - 1][column - 1:]
    m = re.match(r"[^\s{}()\[\],;.]+|\S", rest)
    return m.group() if m else ""


def plain_message(query: str, parser_message: str) -> str:
    """The message of a 400 for ``query``: "SPARQL syntax error at L:C: <plain words>", then
    the parser's own message on the same line, in brackets."""
    detail = " ".join(parser_message.split())
    detail = re.sub(r"^SPARQL syntax error:\s*", "", detail)
    if detail.startswith("SPARQL"):  # the guard's own words ("cannot read …"), or already explained
        return detail
    hint = find(query, detail)
    if hint is not None:
        return f"SPARQL syntax error at {hint.line}:{hint.column}: {hint.message} (parser: {detail})"
    stop = parser_position(detail)
    if stop is None:
        return f"SPARQL syntax error: {detail}"
    # Some of the parser's checks come as a sentence among the things it expected.
    sentence = next((w for w in re.findall(r"[A-Z][a-z]+(?: [A-Za-z]+)+", detail) if w != "Prefix not found"), None)
    token = _token_at(query, *stop)
    words = (sentence[0].lower() + sentence[1:] if sentence else
             f"unexpected `{token}` here" if token else
             "the parser read to the end without making sense of the query (check the part before)")
    return f"SPARQL syntax error at {stop[0]}:{stop[1]}: {words} (parser: {detail})"


def explain_syntax_errors(func):
    """Decorate a function taking the query text as its ``sparql`` argument: a
    :class:`QuerySyntaxError` it raises is raised again in plain words (:func:`plain_message`)."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except QuerySyntaxError as e:
            sparql = signature.bind_partial(*args, **kwargs).arguments.get("sparql")
            if not isinstance(sparql, str):
                raise
            raise QuerySyntaxError(plain_message(sparql, e.message)) from None

    return wrapper
