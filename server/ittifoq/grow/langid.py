"""Language and script of a paragraph, from the letters and function words of each language.

Rules from the alphabets, not from a trained model:
- Kazakh Cyrillic has ұ, і and һ, which Karakalpak lacks; Karakalpak has ў (w) and ҳ, which
  Kazakh lacks; both share ә ө ү ң ғ қ.
- Uzbek Cyrillic has ў қ ғ ҳ but none of ә ө ү ұ і ң, and (outside loanwords) no ы or щ.
- Russian has none of those extra letters.
- Uzbek Latin writes oʻ/gʻ with an apostrophe and uses q and x; Karakalpak Latin has á ó ú ı ń ǵ.
Function words ("ва"/"va", "ҳәм", "және", "и", "the") settle what letters leave open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalize import APOSTROPHES

_WORD_RE = re.compile(r"\w+", re.UNICODE)

# Function words that are frequent in each language and rare in the others.
_WORDS = {
    "ru": {"и", "в", "на", "что", "не", "с", "по", "для", "это", "как", "года", "между", "также", "был", "была"},
    "uz-Cyrl": {"ва", "билан", "учун", "бу", "ҳам", "бўйича", "ўртасидаги", "йил", "йилда", "эса", "қилди", "этди"},
    "kaa": {"ҳәм", "менен", "ушын", "бул", "жыл", "жылы", "арасындағы", "бойынша", "етти", "деп", "болды"},
    "kk": {"және", "мен", "үшін", "бұл", "жылы", "арасындағы", "бойынша", "етті", "деп", "болды", "сондай"},
    "uz-Latn": {"va", "bilan", "uchun", "bu", "ham", "bo", "yil", "yilda", "esa", "qildi", "etdi", "o", "rtasidagi"},
    "kaa-Latn": {"hám", "menen", "ushın", "bul", "jıl", "arasındaǵı"},
    "en": {"the", "and", "of", "to", "in", "is", "that", "with", "for", "between", "was", "were"},
}
_LETTERS = {
    "kk": set("ұіһ"),
    "kaa": set("ўҳ"),
    "kk+kaa": set("әөүң"),
    "uz-Cyrl": set("ўҳқғ"),
    "ru-only": set("щ"),
    "kaa-Latn": set("áóúıńǵ"),
}


@dataclass(frozen=True)
class Guess:
    tag: str | None  # BCP 47 tag, None when the paragraph has too few letters to tell
    script: str | None  # Cyrl | Latn
    score: float  # margin of the winning language over the next (0…1)


def script_of(text: str) -> str | None:
    cyr = sum(1 for c in text if "\u0400" <= c <= "\u04ff")
    lat = sum(1 for c in text if c.isalpha() and c.isascii() or c in "áóúıńǵ")
    if cyr + lat < 3:
        return None
    return "Cyrl" if cyr >= lat else "Latn"


def detect(text: str) -> Guess:
    """The most likely language of one paragraph (or None when it is too short to tell)."""
    script = script_of(text)
    if script is None:
        return Guess(None, None, 0.0)
    lower = text.lower()
    letters = {c for c in lower if c.isalpha()}
    words = [w for w in _WORD_RE.findall(re.sub(f"[{re.escape(APOSTROPHES)}]", " ", lower))]
    scores: dict[str, float] = {}
    candidates = ("ru", "uz-Cyrl", "kaa", "kk") if script == "Cyrl" else ("uz-Latn", "kaa-Latn", "en")
    for tag in candidates:
        vocab = _WORDS[tag]
        scores[tag] = sum(1 for w in words if w in vocab) / max(1, len(words)) * 10
    if script == "Cyrl":
        shared = len(letters & _LETTERS["kk+kaa"])
        scores["kk"] += 2 * len(letters & _LETTERS["kk"]) + shared
        scores["kaa"] += 2 * len(letters & _LETTERS["kaa"]) + shared
        if shared or letters & _LETTERS["kk"]:
            scores["uz-Cyrl"] -= 3  # Uzbek has none of ә ө ү ң ұ і
            scores["ru"] -= 3
        elif letters & _LETTERS["uz-Cyrl"]:
            scores["uz-Cyrl"] += 2 * len(letters & _LETTERS["uz-Cyrl"])
            scores["ru"] -= 3
        if letters & _LETTERS["kk"]:
            scores["kaa"] -= 2  # Karakalpak writes neither ұ nor і
        if "ы" in letters and not letters & (_LETTERS["kk+kaa"] | _LETTERS["kk"]):
            scores["uz-Cyrl"] -= 1  # Uzbek Cyrillic has no ы
        if letters & _LETTERS["ru-only"]:
            scores["ru"] += 1
    else:
        scores["kaa-Latn"] += 2 * len(letters & _LETTERS["kaa-Latn"])
        if re.search(f"[og][{re.escape(APOSTROPHES)}]", lower):
            scores["uz-Latn"] += 2
        if {"q", "x"} & letters:
            scores["uz-Latn"] += 0.5
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, second = ranked[0], ranked[1]
    margin = best[1] - second[1]
    return Guess(best[0], script, round(min(1.0, margin / max(1e-9, abs(best[1]) + 1e-9)), 3))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs (blocks separated by blank lines, or single lines
    when the text has no blank lines)."""
    spans: list[tuple[int, int]] = []
    sep = re.compile(r"\n[ \t]*\n") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n")
    pos = 0
    for m in sep.finditer(text):
        if text[pos : m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def languages(text: str, min_letters: int = 40) -> list[tuple[str, int]]:
    """Languages of the text with the number of letters written in each, most first;
    paragraphs under ``min_letters`` letters (headings, figures) are not counted."""
    counts: dict[str, int] = {}
    for start, end in paragraphs(text):
        para = text[start:end]
        n = sum(1 for c in para if c.isalpha())
        if n < min_letters:
            continue
        tag = detect(para).tag
        if tag:
            counts[tag] = counts.get(tag, 0) + n
    return sorted(counts.items(), key=lambda kv: -kv[1])
