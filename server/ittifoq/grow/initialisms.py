"""Initialisms of organisation names: "Birlashgan Millatlar Tashkiloti" → BMT, "Организация
Объединенных Наций" → ООН, "Бирлескен Миллетлер Шөлкеми" → БМШ.

Organisations are written by the first letters of their name's words in every language of the
corpus (conjunctions and prepositions left out; Uzbek Latin keeps its digraphs: Shanxay → Sh,
so ShHT like Cyrillic ШҲТ, Yevropa → Ye, so YeI like ЕИ). An initialism is added as a label of
kind ``acronym`` (so a text must write it in capitals to match) only when it names one entity and
no other label of the gazetteer has its form: short forms collide easily. Two-letter initialisms come only from the
labels of named public references (CLDR's "Европа Аўқамы" → ЕА).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .. import namespaces as ns
from ..text.normalize import APOSTROPHES
from .gazetteer import Gazetteer, Label, words

RULE_SOURCE = "rule/initialisms"
# Words an initialism skips: conjunctions, prepositions, articles (en, uz, kk, kaa, ru).
_SKIP = {"of", "the", "and", "for", "on", "in", "va", "ва", "ҳәм", "хәм", "және", "и", "по", "для", "при", "в",
         "boʻyicha", "бўйича", "бойынша", "uchun", "учун", "үшін", "ушын"}
_DIGRAPHS = ("sh", "ch", "ng", "ye")  # ye: Cyrillic Е at a word's start (Yevropa Ittifoqi → YeI)
_PARENS = re.compile(r"\([^)]*\)|[“”\"«»]")


def initialism(text: str, lang: str) -> str | None:
    parts = [w for w in re.split(r"[\s\-–]+", _PARENS.sub(" ", text)) if w]
    parts = [w for w in parts if w.lower().strip(APOSTROPHES) not in _SKIP]
    if len(parts) < 2 or len(parts) > 6 or not all(p[0].isalpha() for p in parts):
        return None
    out = []
    for p in parts:
        low = p.lower()
        if lang.lower() == "uz-latn" and low[:2] in _DIGRAPHS:
            out.append(p[0].upper() + p[1].lower())
        else:
            out.append(p[0].upper())
    return "".join(out)


def add_initialisms(g: Gazetteer, extra: list[Label] = ()) -> int:
    """Add the initialisms of organisation labels that are unambiguous; returns how many.
    ``extra`` are initialisms made elsewhere (of calques: :mod:`.calque`), under the same rule."""
    made: dict[tuple[str, ...], list[Label]] = defaultdict(list)
    for lab in extra:
        made[tuple(w for _, _, w in words(lab.text))].append(lab)
    for lab in list(g.labels):
        if not lab.iri.startswith(ns.ID + "organization/") or lab.kind not in ("pref", "alt"):
            continue
        short = initialism(lab.text, lab.lang)
        # Two capitals are too common to guess (IT, AI, PI): only a named public reference's name gives them.
        if short and (len(short) >= 3 or lab.public):
            key = tuple(w for _, _, w in words(short))
            made[key].append(Label(lab.iri, short, lab.lang, "acronym", RULE_SOURCE, lab.public))
    added = 0
    for key, labels in made.items():
        owners = {lab.iri for lab in labels}
        taken = {lab.iri for lab in g.by_fold.get(key, [])}
        if len(owners) != 1 or not taken <= owners:
            continue
        seen = set()
        for lab in labels:
            if (lab.text, lab.lang) not in seen:
                seen.add((lab.text, lab.lang))
                g.add(lab)
                added += 1
    return added
