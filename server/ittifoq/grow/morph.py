"""Case endings, scoped to the language of the label they may follow.

A suffix rule of language X applies only to labels written in X: an English label takes no
endings at all, so "China" can never match the Uzbek word "чинакам". Endings are written in
each language's own script from its grammar (nominal case, possessive and plural endings,
with the vowel- and consonant-harmony variants), then compared in the project's folded form
(:func:`ittifoq.text.normalize.fold`), so the Latin and Cyrillic spellings of Uzbek share one
list. Russian labels may also be reduced to their dictionary form by pymorphy3 when it is
installed (the ``grow`` extra); the suffix list is the fallback.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..text.normalize import fold

_UZBEK = [
    # case: genitive, accusative, dative, locative, ablative; -ki/-dagi (relative); plural; possessive
    "нинг", "ни", "га", "ка", "қа", "да", "дан", "даги", "дагы", "ки", "гача", "дек", "дай",
    "лар", "ларнинг", "ларни", "ларга", "ларда", "лардан", "ларнинг",
    "и", "си", "ининг", "сининг", "ини", "сини", "ига", "сига", "ида", "сида", "идан", "сидан", "идаги", "сидаги",
    "имиз", "имизнинг", "имизга", "имиздаги", "миз", "мизнинг",
    "ning", "ni", "ga", "ka", "qa", "da", "dan", "dagi", "ki", "gacha", "lar", "larning", "larga", "larda",
    "i", "si", "ining", "sining", "ini", "sini", "iga", "siga", "ida", "sida", "idan", "sidan", "idagi", "sidagi",
    "imiz", "imizning", "imizga", "miz", "mizning", "ning", "dek",
]
# Kazakh and Karakalpak: the back/front and voiced/voiceless variants of each case.
_KAZAKH = [
    "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "а", "е",
    "ны", "ні", "ды", "ді", "ты", "ті", "н", "да", "де", "та", "те", "нда", "нде",
    "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен", "менен", "бенен", "пенен",
    "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі", "лар", "лер", "дар", "дер", "тар", "тер",
    "ы", "і", "сы", "сі", "ның", "ының", "інің", "сының", "сінің",
]
_KARAKALPAK = [
    "ның", "ниң", "дың", "диң", "тың", "тиң", "ға", "ге", "қа", "ке", "на", "не", "а", "е",
    "ны", "ни", "ды", "ди", "ты", "ти", "н", "да", "де", "та", "те", "нда", "нде",
    "дан", "ден", "тан", "тен", "нан", "нен", "менен", "бенен", "пенен", "дағы", "деги", "тағы", "теги",
    "лар", "лер", "дар", "дер", "тар", "тер", "ы", "и", "сы", "си", "ының", "иниң", "сының", "синиң",
    "тиң", "ның", "ға", "қа",
]
_RUSSIAN = [
    "а", "я", "у", "ю", "ом", "ем", "ём", "е", "ы", "и", "ой", "ей", "ою", "ею", "ого", "его", "ому", "ему",
    "ым", "им", "ом", "ах", "ях", "ам", "ям", "ами", "ями", "ов", "ев", "ии", "ию", "ией", "ия",
]
_ENDINGS = {"uz": _UZBEK, "kk": _KAZAKH, "kaa": _KARAKALPAK, "ru": _RUSSIAN, "en": []}


# The Turkic languages of the texts (families, as :func:`family` gives them).
TURKIC = ("uz", "kk", "kaa")
# The genitive endings of Uzbek, Kazakh and Karakalpak, as written in either script.
_GENITIVES = ("нинг", "ning", "ның", "нің", "ниң", "дың", "дің", "диң", "тың", "тің", "тиң")


def is_genitive(word: str) -> bool:
    """Whether a Turkic word, as written or folded, ends in the genitive ("BMTning", "басшыларының")."""
    return fold(word).endswith(_FOLDED_GENITIVES)


def family(tag: str) -> str:
    """The language of a BCP 47 tag, without its script: uz-Cyrl and uz-Latn are both uz."""
    return tag.lower().split("-")[0]


_FOLDED_GENITIVES = tuple(dict.fromkeys(fold(e) for e in _GENITIVES))


def _fold_ending(ending: str) -> str:
    """An ending folded as it is inside a word: folded alone, a word-initial Cyrillic "е" would
    become "ye" ("Астане" ends in "e", not "ye")."""
    lead = "б" if any("\u0400" <= c <= "\u04ff" for c in ending) else "b"
    return fold(lead + ending).replace(" ", "")[1:]


@cache
def folded_endings(tag: str) -> frozenset[str]:
    """The case endings a label in language ``tag`` may take, folded (script-free)."""
    return frozenset(f for f in (_fold_ending(e) for e in _ENDINGS.get(family(tag), [])) if f)


@cache
def all_folded_endings() -> tuple[str, ...]:
    out: set[str] = set()
    for tag in _ENDINGS:
        out |= folded_endings(tag)
    return tuple(sorted(out, key=len, reverse=True))


def stems(word: str, min_stem: int = 3) -> list[tuple[str, str]]:
    """(stem, ending) pairs a folded word may be cut into, the whole word first (ending "")."""
    out = [(word, "")]
    for ending in all_folded_endings():
        if word.endswith(ending) and len(word) - len(ending) >= min_stem:
            out.append((word[: -len(ending)], ending))
    return out


try:  # Russian dictionary forms, when the grow extra is installed
    import pymorphy3

    _MORPH = pymorphy3.MorphAnalyzer()
except Exception:  # noqa: BLE001 - any failure to load means: use the suffix rules
    _MORPH = None


@lru_cache(maxsize=65536)
def russian_lemma(word: str) -> str | None:
    """The dictionary form of a Russian word (lower case), or None without pymorphy3."""
    if _MORPH is None or not any("\u0400" <= c <= "\u04ff" for c in word):
        return None
    return _MORPH.parse(word.lower())[0].normal_form


# Every word of a Russian name declines ("Президентом Республики Казахстан", "Высшего
# межгосударственного совета"), not only the last: a Russian label is also indexed by the stems
# of all its words. The adjective endings join the noun endings above for that.
_RUSSIAN_STEM_ENDINGS = [*_RUSSIAN, "ый", "ий", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ую", "юю",
                         "ыми", "ими", "ой", "ою"]


@cache
def _russian_stem_endings() -> tuple[str, ...]:
    folded = {_fold_ending(e) for e in _RUSSIAN_STEM_ENDINGS}
    return tuple(sorted((e for e in folded if e), key=len, reverse=True))


@lru_cache(maxsize=65536)
def russian_stem(folded_word: str, min_stem: int = 4) -> str:
    """A folded Russian word without its case or adjective ending (at least ``min_stem`` letters
    are kept, so short words stay whole)."""
    for ending in _russian_stem_endings():
        if folded_word.endswith(ending) and len(folded_word) - len(ending) >= min_stem:
            return folded_word[: -len(ending)]
    return folded_word

