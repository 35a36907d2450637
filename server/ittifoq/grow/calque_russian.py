"""Russian in :mod:`.calque`: names of institutions made from the lexicon's Russian words, and
Russian names read back into the lexicon's words (so a Russian label is calqued like an English one).

Russian puts the head first, its adjectives agreeing with it, and what it is "of" after it in the
genitive: "Организация исламского сотрудничества", "Шанхайская организация сотрудничества".
Adjectives follow the regular declension from their masculine form (-ый, -ий, -ой; и after к, г,
х and the hushing consonants, е in the soft and hushing endings).
"""

from __future__ import annotations

from functools import cache

from .calque_english import PARTS, NoCalque, Phrase, entry
from .calque_lexicon import WORDS


def _ru_adjective(masc: str, gender: str, case: str) -> str:
    stem, ending = masc[:-2], masc[-2:]
    last = stem[-1:]
    soft = ending == "ий" and last not in "кгхжшчщ"
    hushing = last in "жшчщ"
    i = "и" if (soft or hushing or last in "кгх") else "ы"
    o = "е" if (soft or (hushing and ending != "ой")) else "о"
    if case == "nom":
        return {"m": masc, "f": stem + ("яя" if soft else "ая"), "n": stem + o + "е",
                "pl": stem + i + "е"}[gender]
    return {"m": stem + o + "го", "n": stem + o + "го", "f": stem + o + "й", "pl": stem + i + "х"}[gender]


def render(p: Phrase) -> str:
    if p.parties or p.on is not None or p.with_ is not None or p.head is None:
        raise NoCalque("ru: parties or complement")
    if p.purpose is not None or p.for_ is not None or (p.of is not None and p.of.proper):
        raise NoCalque("ru: a purpose, a place or an owner")  # their prepositions and cases vary (по, для, ООН)
    nom, _gen, gender = _ru_noun(p.head)
    # A noun before the head ("Cooperation" in "Economic Cooperation Organization") follows it in
    # the genitive, with the plain adjectives before it ("Организация экономического
    # сотрудничества"); an adjective made from a proper name (a noun in Uzbek: Shanghai, Islamic)
    # names the whole body and agrees with the head ("Шанхайская организация сотрудничества").
    nouns = [i for i, m in enumerate(p.mods) if entry(m, "ru")[0] == "n"]
    if len(nouns) > 1 or (nouns and (nouns[0] != len(p.mods) - 1 or p.of is not None)):
        raise NoCalque("ru: word order")
    mods = p.mods[:-1] if nouns else p.mods
    proper = [m for m in mods if nouns and entry(m, "uz-latn")[0] == "n"] if nouns else mods
    words_ = [_ru_adjective(_ru_adj(m), gender, "nom") for m in proper] + [nom]
    genitive = p.of
    if nouns:
        genitive = Phrase(head=p.mods[-1], mods=[m for m in mods if m not in proper])
    if genitive is not None:
        if genitive.head is None or genitive.parties or genitive.of is not None or genitive.on is not None:
            raise NoCalque("ru: of")
        _n, gen, g2 = _ru_noun(genitive.head)
        words_ += [_ru_adjective(_ru_adj(m), g2, "gen") for m in genitive.mods] + [gen]
    text = " ".join(words_)
    return text[:1].upper() + text[1:]


def _ru_noun(word: str) -> tuple[str, str, str]:
    pos, variants = entry(word, "ru")
    if pos != "n" or len(variants[0]) != 3:
        raise NoCalque(f"{word}: no Russian noun")
    return tuple(variants[0])  # type: ignore[return-value]


def _ru_adj(word: str) -> str:
    pos, variants = entry(word, "ru")
    if pos != "a":
        raise NoCalque(f"{word}: a noun modifier in Russian")  # its place and case are not certain
    return variants[0][0]


@cache
def _russian_words() -> dict[str, tuple[str, str, str]]:
    """A Russian form → (lexicon word, part of speech, case), the first lexicon word giving it."""
    out: dict[str, tuple[str, str, str]] = {}
    for word, spec in WORDS.items():
        if "ru" not in spec:
            continue
        pos, variants = entry(word, "ru")
        variants = [[f.replace(PARTS, "") for f in v] for v in variants]
        if pos == "n" and len(variants[0]) == 3:
            nom, gen, _gender = variants[0]
            out.setdefault(nom, (word, "n", "nom"))
            out.setdefault(gen, (word, "n", "gen"))
        elif pos == "a":
            for gender in ("m", "f", "n", "pl"):
                for case in ("nom", "gen"):
                    out.setdefault(_ru_adjective(variants[0][0], gender, case), (word, "a", case))
    return out


def parse(russian: str) -> Phrase:
    """The lexicon's words of a Russian name: adjectives, the head in the nominative, then one
    genitive group; anything else (a preposition, an unknown word) is no calque."""
    tokens = russian.lower().replace("ё", "е").split()
    known = _russian_words()
    found: list[tuple[str, str, str]] = []
    i = 0
    while i < len(tokens):
        two = " ".join(tokens[i : i + 2])
        if two in known and i + 1 < len(tokens):
            found.append(known[two])
            i += 2
        elif tokens[i] in known:
            found.append(known[tokens[i]])
            i += 1
        else:
            raise NoCalque(tokens[i])
    heads = [k for k, (_w, pos, case) in enumerate(found) if pos == "n" and case == "nom"]
    if len(heads) != 1:
        raise NoCalque("ru: no single head")
    h = heads[0]
    before, after = found[:h], found[h + 1 :]
    if any(pos != "a" or case != "nom" for _w, pos, case in before):
        raise NoCalque("ru: before the head")
    if after and (any(case != "gen" for _w, _pos, case in after) or after[-1][1] != "n"
                  or any(pos != "a" for _w, pos, _c in after[:-1])):
        raise NoCalque("ru: after the head")
    # The Turkic order is flat: the head's own adjectives, then the genitive group's words.
    return Phrase(head=found[h][0], mods=[w for w, _p, _c in before + after])
