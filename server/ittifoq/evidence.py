"""Finding a quote in a document's exact text.

Authors write quotes as they read them; line breaks and runs of spaces in the source
(PDF extractions break lines mid-sentence) are matched by any whitespace in the quote.
Everything else, apostrophe characters included, must be verbatim. The selected span is
recorded exactly as it stands in the text, so ``oa:exact`` is always a true substring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT = 32  # characters of prefix/suffix kept in the TextQuoteSelector


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def _pattern(quote: str) -> re.Pattern[str]:
    words = quote.split()
    if not words:
        raise ValueError("the quote is empty")
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def find_all(text: str, quote: str) -> list[tuple[int, int]]:
    pattern = _pattern(quote)
    spans = []
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if not m:
            return spans
        spans.append((m.start(), m.end()))
        pos = m.start() + 1


def _matches_context(text: str, start: int, end: int, prefix: str | None, suffix: str | None) -> bool:
    if prefix:
        before = " ".join(text[max(0, start - len(prefix) * 3 - 8) : start].split())
        if not before.endswith(" ".join(prefix.split())):
            return False
    if suffix:
        after = " ".join(text[end : end + len(suffix) * 3 + 8].split())
        if not after.startswith(" ".join(suffix.split())):
            return False
    return True


class QuoteNotFound(ValueError):
    pass


class QuoteAmbiguous(ValueError):
    def __init__(self, message: str, count: int):
        super().__init__(message)
        self.count = count


def locate(text: str, quote: str, prefix: str | None = None, suffix: str | None = None) -> Span:
    """The one place ``quote`` stands in ``text``; prefix/suffix (whitespace-insensitive)
    choose among several occurrences."""
    spans = find_all(text, quote)
    if not spans:
        raise QuoteNotFound("quote not found")
    if prefix or suffix:
        spans = [s for s in spans if _matches_context(text, s[0], s[1], prefix, suffix)]
        if not spans:
            raise QuoteNotFound("quote found, but never with the given prefix/suffix")
    if len(spans) > 1:
        raise QuoteAmbiguous(
            f"quote found {len(spans)} times; add oa:prefix or oa:suffix to choose one", len(spans)
        )
    start, end = spans[0]
    return Span(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )
