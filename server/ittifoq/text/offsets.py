"""The folds of :mod:`ittifoq.text.normalize`, remembering where each character came from.

Full-text search matches a query against a document in the folded (script-, case- and
apostrophe-blind) form, but must mark the hit in the original text. :func:`fold_mapped` and
:func:`skeleton_mapped` give the same strings as :func:`~ittifoq.text.normalize.fold` and
:func:`~ittifoq.text.normalize.skeleton` (tested on the documents), each character with the
span of the original it was made from: ``Қозоғистон`` folds to ``qozogiston``, and the ``g``
spans ``ғ``; ``ш`` gives two characters, ``sh``, both spanning it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .normalize import _APOSTROPHE_RE, _INVISIBLE_RE, _latin_of, _strip_marks


@dataclass(frozen=True)
class Mapped:
    """A string and, for each of its characters, the span [start, end) of the original it
    was made from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Mapped:
        return cls(text, tuple(range(len(text))), tuple(range(1, len(text) + 1)))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original that ``text[start:end]`` (not empty) was made from."""
        return self.starts[start], self.ends[end - 1]

    def map_chars(self, fn) -> Mapped:
        """Each character ``text[i]`` replaced by ``fn(i)``, which may be longer or empty."""
        out, starts, ends = [], [], []
        for i in range(len(self.text)):
            for c in fn(i):
                out.append(c)
                starts.append(self.starts[i])
                ends.append(self.ends[i])
        return Mapped("".join(out), tuple(starts), tuple(ends))

    def sub(self, pattern: re.Pattern | str, repl: str, first_only: bool = False) -> Mapped:
        """``re.sub`` where each character of a replacement spans the whole match, or only its
        first character with ``first_only`` (``repl`` may name group 1 as ``\\1``)."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        out, starts, ends = [], [], []
        pos = 0
        for m in regex.finditer(self.text):
            a, b = m.span()
            out.append(self.text[pos:a])
            starts.extend(self.starts[pos:a])
            ends.extend(self.ends[pos:a])
            if b > a:
                r = m.expand(repl)
                out.append(r)
                starts.extend([self.starts[a]] * len(r))
                ends.extend([self.ends[a if first_only else b - 1]] * len(r))
            pos = b
        out.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return Mapped("".join(out), tuple(starts), tuple(ends))

    def strip(self) -> Mapped:
        a = len(self.text) - len(self.text.lstrip(" "))
        b = len(self.text.rstrip(" "))
        return Mapped(self.text[a:b], self.starts[a:b], self.ends[a:b])


def _nfkc_units(text: str) -> Mapped:
    """NFKC, one base character with its combining marks at a time (so that a decomposed
    ``й`` composes as it does in the whole string), each unit spanning its original."""
    out, starts, ends = [], [], []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        for c in unicodedata.normalize("NFKC", text[i:j]):
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    return Mapped("".join(out), tuple(starts), tuple(ends))


def fold_mapped(text: str) -> Mapped:
    """:func:`ittifoq.text.normalize.fold` of ``text``, with offsets."""
    m = _nfkc_units(text).sub(_INVISIBLE_RE, "").sub(_APOSTROPHE_RE, "")
    m = m.map_chars(lambda i: m.text[i].casefold())
    lower = m.text
    m = m.map_chars(lambda i: _latin_of(lower, i) if _latin_of(lower, i) is not None else lower[i])
    m = m.sub(_APOSTROPHE_RE, "")
    m = m.map_chars(lambda i: _strip_marks(m.text[i]).casefold())
    m = m.map_chars(lambda i: m.text[i] if m.text[i].isalnum() else " ")
    return m.sub(" +", " ").strip()


# The steps of normalize._skeleton_word, as substitutions over the whole folded text (none
# crosses a space, so word by word and all at once agree).
_SKELETON_STEPS = [(re.escape(a), b) for a, b in (
    ("shch", "š"), ("sh", "š"), ("ch", "č"), ("kh", "x"), ("zh", "j"), ("gh", "g"), ("ts", "s"),
    ("c", "k"), ("q", "k"), ("w", "v"), ("x", "h"),
)] + [(r"[iy]+(?=[aeiou])", ""), ("y", "i")]
# A doubled letter merged into one stands for the first of them: a hit that ends on it ends
# there (Qozogʻiston in Qozogʻistonning), not after the second.
_DOUBLE = r"(.)\1+"


def skeleton_mapped(text: str) -> Mapped:
    """:func:`ittifoq.text.normalize.skeleton` of ``text``, with offsets."""
    m = fold_mapped(text)
    for pattern, repl in _SKELETON_STEPS:
        m = m.sub(pattern, repl)
    return m.sub(_DOUBLE, r"\1", first_only=True)
