"""Uzbek Latin to Uzbek Cyrillic, by rule: how the ontology's uz-Cyrl labels are made from its
uz-Latn ones (``ontology/labels.ttl``), so the two never drift apart.

The rule is the official correspondence of the 1995 Latin alphabet to the Cyrillic one, read
left to right, longest first: oʻ → ў, gʻ → ғ (with any apostrophe), sh → ш, ch → ч, yo → ё,
yu → ю, ya → я, ye → е, ts → ц; e → э at the start of a word and after a vowel, е elsewhere;
q → қ, x → х, h → ҳ, j → ж, y → й; the tutuq belgisi (ʼ ’) → ъ; every other letter its
namesake. Names of vocabularies and acronyms stay in Latin letters (a word holding a dot, as
``schema.org``, or written in capitals, as ``PROV``). It cannot restore what Latin does not
write (the soft sign of Russian loans), and it reads "sh", "ch" and "ts" as the digraphs they
almost always are (``Mirziyoyev`` → ``Мирзиёев``, ``Oʻzbekiston`` → ``Ўзбекистон``,
``ratifikatsiya`` → ``ратификация``).
"""

from __future__ import annotations

import re

from .normalize import APOSTROPHES

_PAIRS = {
    "sh": "ш", "ch": "ч", "yo": "ё", "yu": "ю", "ya": "я", "ye": "е", "ts": "ц",
}
_SINGLE = {
    "a": "а", "b": "б", "d": "д", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т",
    "u": "у", "v": "в", "x": "х", "y": "й", "z": "з", "c": "ц", "w": "в",
}
_VOWELS = set("aeiouаеёиоуэюяў")
_APOS = set(APOSTROPHES)
# "yo" before an apostrophe is y + oʻ: "yoʻl" → "йўл", not "ёъл".
_TOKEN = re.compile(rf"[oOgG][{re.escape(APOSTROPHES)}]|sh|ch|yo(?![{re.escape(APOSTROPHES)}])|yu|ya|ye|ts"
                    rf"|[{re.escape(APOSTROPHES)}]|.",
                    re.IGNORECASE | re.DOTALL)


def _cased(cyr: str, latin: str, nxt: str) -> str:
    if not latin[0].isupper():
        return cyr
    # "SH" in a word in capitals is Ш; "Sh" at the start of a capitalised word is Ш too.
    return cyr.upper()


_WORD = re.compile(rf"[\w.{re.escape(APOSTROPHES)}]+")


def _kept(word: str) -> bool:
    core = word.strip(APOSTROPHES + ".")
    return "." in core or (len(core) >= 2 and core.isupper() and core.isalpha())


def latin_to_cyrillic(text: str) -> str:
    """``text`` in Uzbek Cyrillic letters, by the rule above; other characters unchanged."""
    return _WORD.sub(lambda m: m.group() if _kept(m.group()) else _word(m.group()), text)


def _word(text: str) -> str:
    out: list[str] = []
    prev = ""  # the previous Latin token, lower case ("" at the start of a word)
    for m in _TOKEN.finditer(text):
        tok = m.group()
        low = tok.lower()
        nxt = text[m.end():m.end() + 1]
        if len(low) == 2 and low[1] in _APOS:
            cyr = "ў" if low[0] == "o" else "ғ"
        elif low in _PAIRS:
            cyr = _PAIRS[low]
        elif low in _APOS:
            cyr = "ъ" if prev and prev[-1:].isalpha() else tok
        elif low == "e":
            cyr = "э" if (not prev or prev[-1] in _VOWELS) else "е"
        elif low in _SINGLE:
            cyr = _SINGLE[low]
        else:
            out.append(tok)
            prev = "" if not tok.isalpha() else low
            continue
        out.append(_cased(cyr, tok, nxt))
        prev = low if cyr != "ў" else "o"
    return "".join(out)
