"""Making names comparable across the scripts and spellings of the corpus.

The documents write the same name in Uzbek Latin (with four different apostrophes for oʻ, gʻ
and the tutuq belgisi), Uzbek Cyrillic, Karakalpak and Kazakh Cyrillic, Russian and English:
``Mirziyoyev``, ``Мирзиёев``, ``Mirziyoev``; ``Oʻzbekiston``, ``O‘zbekiston``, ``Ўзбекистон``;
``Tokayev``, ``Тоқаев``, ``Toqayev``, ``Токаев``. Two keys make them meet:

- :func:`fold` is a faithful Latin rendering: apostrophes dropped, case folded, Cyrillic
  transliterated the Uzbek way (Karakalpak/Kazakh letters included), diacritics stripped,
  punctuation turned into spaces. Two strings with the same fold differ only in script, case,
  apostrophes or punctuation.
- :func:`skeleton` further merges the spellings transliteration systems disagree on
  (q/k, x/kh/h, ts/s, zh/j, w/v, c/k, doubled letters, and the glides ``y``/``i`` before a
  vowel, so that ``iyo``, ``io``, ``yo`` and ``o`` meet). It is lossy on purpose: a search key,
  never shown to anyone.

No Flask here: the CLI and the build can use it too.
"""

from __future__ import annotations

import re
import unicodedata

# Every character the documents (and keyboards) use for the Uzbek oʻ/gʻ sign and the tutuq
# belgisi: ' ` ´ ʹ ʻ ʼ ʽ ʾ ʿ ˈ ‘ ’ ‚ ‛ ′ ＇
APOSTROPHES = "'`\u00b4\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u2018\u2019\u201a\u201b\u2032\uff07"
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

# Uzbek Latin (1995 alphabet, with ʻ for oʻ/gʻ and ’ for the tutuq belgisi as the project's
# labels write them); letters Uzbek lacks follow the Kazakh Latin alphabet of 2021.
_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "j", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "x", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "\u2019",
    "ы": "y", "ь": "", "э": "e", "ё": "yo", "ю": "yu", "я": "ya",
    # Uzbek
    "қ": "q", "ғ": "g\u02bb", "ҳ": "h",
    # Kazakh and Karakalpak
    "ә": "ä", "ө": "ö", "ү": "ü", "ұ": "ū", "і": "i", "ң": "ñ", "һ": "h",
    # Ukrainian and others that turn up in names
    "є": "ye", "ї": "yi", "ґ": "g", "ј": "j", "ѓ": "g", "ќ": "k",
}
_CYR_VOWELS = set("аеёиоуыэюяәөүұіє")
# Letters Uzbek does not have: a word holding one is Karakalpak or Kazakh, where ў is /w/.
_NON_UZBEK = set("әөүұіңһы")

# Latin letters with no decomposition (or whose decomposition loses a sound).
_LATIN_SPECIAL = {
    "ı": "i", "ñ": "ng", "ş": "sh", "ç": "ch", "ž": "zh", "č": "ch", "š": "sh", "ß": "ss",
    "ø": "o", "æ": "ae", "œ": "oe", "ə": "a", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
}


def fold_apostrophes(text: str, to: str = "\u02bc") -> str:
    """Every apostrophe variant (ʻ ‘ ' ’ ʼ ` …) replaced by one character."""
    return _APOSTROPHE_RE.sub(to, text)


def _word_bounds(text: str, i: int) -> tuple[int, int]:
    start = i
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    end = i
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


def _latin_of(text: str, i: int) -> str | None:
    """The Latin rendering of the lower-case Cyrillic letter ``text[i]`` in its context."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch == "е":
        # ye at the start of a word and after a vowel or a hard/soft sign (Yerlan, Tokayev).
        return "ye" if (not prev.isalpha() or prev in _CYR_VOWELS or prev in "ъь") else "e"
    if ch == "ў":
        # Uzbek ў is the vowel oʻ; Karakalpak ў is the consonant w, and stands next to vowels.
        start, end = _word_bounds(text, i)
        if prev in _CYR_VOWELS or nxt in _CYR_VOWELS or _NON_UZBEK & set(text[start:end]):
            return "w"
        return "o\u02bb"
    return _CYR.get(ch)


def cyrillic_to_latin(text: str) -> str:
    """Transliterate Cyrillic to Latin the way Uzbek Latin writes it (ў→oʻ, ғ→gʻ, қ→q, ҳ→h,
    ш→sh, ч→ch, ё→yo, ю→yu, я→ya, е→e/ye, ц→ts, х→x, ж→j, й→y, ъ→’), with Karakalpak and
    Kazakh letters (ә ө ү ұ і ң) as in Kazakh Latin and Karakalpak ў as w. Case is kept; other
    characters pass through."""
    lower = text.lower()
    out: list[str] = []
    for i, ch in enumerate(text):
        latin = _latin_of(lower, i)
        if latin is None:
            out.append(ch)
            continue
        if ch != lower[i] and latin:
            nxt = text[i + 1] if i + 1 < len(text) else ""
            prev = text[i - 1] if i > 0 else ""
            all_caps = nxt.isupper() or (not nxt.isalpha() and prev.isupper())
            latin = latin.upper() if all_caps else latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def _strip_marks(text: str) -> str:
    text = "".join(_LATIN_SPECIAL.get(c, c) for c in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Script-, case-, apostrophe- and punctuation-insensitive Latin form of ``text``, words
    separated by single spaces: ``O‘zbekiston`` and ``ЎЗБЕКИСТОН`` both give ``ozbekiston``."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _APOSTROPHE_RE.sub("", text).casefold()
    text = _APOSTROPHE_RE.sub("", cyrillic_to_latin(text))
    text = _strip_marks(text).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


_GLIDE_RE = re.compile(r"[iy]+(?=[aeiou])")
_DOUBLE_RE = re.compile(r"(.)\1+")


def _skeleton_word(w: str) -> str:
    # Protect the digraphs that stand for one sound before single letters are merged.
    w = w.replace("shch", "š").replace("sh", "š").replace("ch", "č")
    w = w.replace("kh", "x").replace("zh", "j").replace("gh", "g").replace("ts", "s")
    w = w.replace("c", "k").replace("q", "k").replace("w", "v").replace("x", "h")
    w = _GLIDE_RE.sub("", w)
    w = w.replace("y", "i")
    return _DOUBLE_RE.sub(r"\1", w)


def skeleton(text: str) -> str:
    """A coarser key than :func:`fold` that also merges transliteration variants:
    ``Мирзиёев``, ``Mirziyoyev``, ``Mirziyoev`` and ``Mirzioyev`` all give ``mirzoev``;
    ``Тоқаев``, ``Toqayev`` and ``Tokayev`` give ``tokaev``."""
    return " ".join(_skeleton_word(w) for w in fold(text).split())
