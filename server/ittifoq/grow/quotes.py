"""Evidence for a candidate: the quote of a span, with the context the build needs to find it.

A quote that occurs more than once gets ``oa:prefix`` (and, if still ambiguous, ``oa:suffix``)
of whole words, exactly as a curator would write it; the result is checked with the build's
own :func:`ittifoq.evidence.locate`, so every candidate quote locates, at the same offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..evidence import QuoteAmbiguous, QuoteNotFound, find_all, locate


@dataclass(frozen=True)
class Quote:
    exact: str
    prefix: str | None
    suffix: str | None
    start: int
    end: int


def _words_before(text: str, start: int, n: int) -> str:
    return " ".join(text[:start].split()[-n:]) if n else ""


def _words_after(text: str, end: int, n: int) -> str:
    return " ".join(text[end:].split()[:n]) if n else ""


def quote(text: str, start: int, end: int) -> Quote:
    """The house-style quote of ``text[start:end]``; raises ValueError when none locates there."""
    exact = text[start:end]
    if len(find_all(text, exact)) == 1:
        return Quote(exact, None, None, start, end)
    # The build compares whitespace-normalised context, so a glued "«" or "(" is a word too.
    for n in range(1, 12):
        for prefix, suffix in ((_words_before(text, start, n), None),
                               (_words_before(text, start, n), _words_after(text, end, n))):
            if not prefix and not suffix:
                continue
            try:
                span = locate(text, exact, prefix, suffix)
            except (QuoteNotFound, QuoteAmbiguous):
                continue
            if span.start == start:
                return Quote(exact, prefix or None, suffix or None, start, end)
    raise ValueError(f"no unique quote for characters {start}–{end}")


def grow_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words (a mention inside a hyphenated word, "ШҲТ-га")."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    # trailing punctuation is not part of a quote
    while end > start and text[end - 1] in ".,;:!?»”\")":
        end -= 1
    while start < end and text[start] in "«“\"(":
        start += 1
    return start, end


def verify(text: str, q: Quote) -> bool:
    """Does the quote locate (as the build locates it) exactly at its offsets?"""
    try:
        span = locate(text, q.exact, q.prefix, q.suffix)
    except (QuoteNotFound, QuoteAmbiguous):
        return False
    return (span.start, span.end) == (q.start, q.end)
