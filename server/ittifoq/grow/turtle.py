"""Writing Turtle terms by hand, in the house style (the files are read and diffed by people)."""

from __future__ import annotations

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def string(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'


def lang_literal(text: str, tag: str) -> str:
    return f"{string(text)}@{tag}"


def typed(lexical: str, datatype: str) -> str:
    """``datatype`` is an XML Schema local name (date, gYearMonth, gYear, language…)."""
    return f"{string(lexical)}^^xsd:{datatype}"


def iri(value: str) -> str:
    if any(c in value for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"
