"""The endings :mod:`.calque` puts on Turkic words by rule: the plural, the genitive, the accusative.

Uzbek has one form of each ("-lar", "-ning"; Cyrillic "-лар", "-нинг"). Kazakh and Karakalpak
follow vowel harmony (back а о ұ ы, front ә ө ү е і, by the word's last vowel; Kazakh у and и
are glides that take the harmony of the vowel before them, Karakalpak у is back and и front), and Kazakh
also assimilates the ending's first consonant to the sound before it (мемлекет-тер, адам-дар,
ел-дер, басшы-лар); Karakalpak writes "-лар/-лер" after every sound (мәмлекетлер, адамлар).
The genitive: after vowels and м, н, ң "-ның/-нің" (Karakalpak "-ниң"), after р, й, у/ў, л, з, ж
"-дың/-дің", after the other consonants "-тың/-тің". An initialism harmonises with the names of
its letters: Kazakh and Karakalpak ones get no ending here (Uzbek's "-ning" needs none). The
accusative: after vowels "-ны/-ні" (Karakalpak "-ни"), after sonorants and м, н, ң "-ды/-ді", after
the other consonants "-ты/-ті" (Аралды, халықты).
"""

from __future__ import annotations

from ..text.uzbek_cyrillic import latin_to_cyrillic

_BACK, _FRONT = set("аоұуыяё"), set("әөүеіиэ")
_VOICED_PLURAL_KK = set("лмнңзж")  # Kazakh "-дар/-дер" after these
_SONORANT_GEN = set("рйуўлзж")  # "-дың/-дің" after these
_NASAL = set("мнң")


class NoEnding(Exception):
    """A word the rules cannot inflect (no vowel to harmonise with, an unknown script)."""


def _front(word: str, lang: str = "kaa") -> bool:
    for ch in reversed(word.lower()):
        if lang == "kk" and ch in "уи":
            continue  # Kazakh у and и are glides (кездесу, кездесулер): the vowel before them decides
        if ch in _BACK:
            return False
        if ch in _FRONT:
            return True
    raise NoEnding(word)


def plural(word: str, lang: str) -> str:
    """The plural of a noun in ``lang`` (uz-latn, uz-cyrl, kk, kaa)."""
    if lang == "uz-latn":
        return word + "lar"
    if lang == "uz-cyrl":
        return word + latin_to_cyrillic("lar")
    front = _front(word, lang)
    last = word[-1:].lower()
    if lang == "kk":
        if last in _VOICED_PLURAL_KK:
            first = "д"
        elif last in "аәоөұүыіеиэуюяйр":
            first = "л"
        else:
            first = "т"
        return word + first + ("ер" if front else "ар")
    if lang == "kaa":
        return word + ("лер" if front else "лар")
    raise NoEnding(lang)


def possessive_plural(word: str, lang: str) -> str:
    """The plural with the 3rd-person possessive ending: davlatlari, мемлекеттері, басшылары."""
    p = plural(word, lang)
    if lang == "uz-latn":
        return p + "i"
    if lang == "uz-cyrl":
        return p + "и"
    return p + ({"kk": "і", "kaa": "и"}[lang] if _front(p, lang) else "ы")


def accusative(word: str, lang: str) -> str:
    """``word`` (a definite object) with the accusative ending: Orolni, Аралды."""
    if lang == "uz-latn":
        return word + "ni"
    if lang == "uz-cyrl":
        return word + latin_to_cyrillic("ni")
    if lang not in ("kk", "kaa") or (word.isupper() and len(word) > 1):
        raise NoEnding(word)
    front = _front(word, lang)
    last = word[-1:].lower()
    if last in _BACK | _FRONT:
        first = "н"
    elif last in _SONORANT_GEN | _NASAL:
        first = "д"
    else:
        first = "т"
    return word + first + (("і" if lang == "kk" else "и") if front else "ы")


def genitive(word: str, lang: str) -> str:
    """``word`` (the last word of a possessor) with the genitive ending."""
    if lang == "uz-latn":
        return word + "ning"
    if lang == "uz-cyrl":
        return word + latin_to_cyrillic("ning")
    if lang not in ("kk", "kaa"):
        raise NoEnding(lang)
    if word.isupper() and len(word) > 1:
        raise NoEnding(word)  # an initialism harmonises with its letters' names, which we do not spell
    front = _front(word, lang)
    last = word[-1:].lower()
    if last in _BACK | _FRONT or last in _NASAL:
        first = "н"
    elif last in _SONORANT_GEN:
        first = "д"
    else:
        first = "т"
    vowel = ("і" if lang == "kk" else "и") if front else "ы"
    return word + first + vowel + "ң"
