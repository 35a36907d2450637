"""A parliament's chamber or chair written bare, tied to one state by its sentence.

"Qozogʻiston Parlamenti Senat va Majilisdan iborat", "Ўзбекистон Олий Мажлиси Сенати ва
Қонунчилик палатаси": after the parliament is named, its chambers and their chairs are written
without it ("Senat", "Қонунчилик палатаси", "Сенат баслығы", "Председатель Сената"). Such a bare
name is that state's body when its sentence names one state's parliament (or a body of it)
and no other state at all. A bare chamber's name is a proper noun: it must be written with a
capital (Karakalpak "мәжилис" is also any "session").

When its sentence names no parliament at all, the press of a country names its own chambers
bare and qualifies a foreign one ("Senat yalpi majlisida maʼqullangan … qonun" in an Uzbek paper
is the Uzbek Senate): a bare name is then the chamber of the state whose language the text is
written in (Uzbek and Karakalpak: Uzbekistan; Kazakh: Kazakhstan; Russian and English: none,
they are written everywhere), at a lower confidence, only when the document names no other
state's parliament or body of it anywhere and the sentence names no other state without that
one (a treaty of the two states, yes; "elections to the Senate in Kazakhstan", no).
"""

from __future__ import annotations

import re

from .. import namespaces as ns
from . import morph
from .compose import composed_entities
from .events import sentence_at
from .gazetteer import Gazetteer, Label, words
from .mentions import Mention, find_mentions

VERSION = "1"
RULE = "tied-body"
_CONCEPT = "urn:concept:"
# The bare names, by the concept compose's titles name (see _CONCEPT_OF).
BARE = {
    "Senate": {"uz-Latn": ["Senat"], "uz-Cyrl": ["Сенат"], "kk": ["Сенат"], "kaa": ["Сенат"], "ru": ["Сенат"]},
    "Mazhilis": {"uz-Latn": ["Majilis"], "uz-Cyrl": ["Мажилис"], "kk": ["Мәжіліс"], "kaa": ["Мәжилис"],
                 "ru": ["Мажилис"]},
    "Legislative Chamber": {"uz-Latn": ["Qonunchilik palatasi"], "uz-Cyrl": ["Қонунчилик палатаси"],
                            "kk": ["Заң шығару палатасы"], "kaa": ["Нызамшылық палатасы"],
                            "ru": ["Законодательная палата"]},
    "Chair of the Senate": {"uz-Latn": ["Senat raisi"], "uz-Cyrl": ["Сенат раиси"],
                            "kk": ["Сенат төрағасы", "Сенаттың төрағасы"],
                            "kaa": ["Сенат баслығы", "Сенатының баслығы"], "ru": ["Председатель Сената"]},
    "Chair of the Mazhilis": {"uz-Latn": ["Majilis raisi"], "uz-Cyrl": ["Мажилис раиси"],
                              "kk": ["Мәжіліс төрағасы", "Мәжілістің төрағасы"],
                              "kaa": ["Мәжилис баслығы", "Мәжилисиниң баслығы"], "ru": ["Председатель Мажилиса"]},
}
_CONCEPT_OF = {"Senate of the Parliament": "Senate", "Senate of the Oliy Majlis": "Senate",
               "Mazhilis of the Parliament": "Mazhilis",
               "Legislative Chamber of the Oliy Majlis": "Legislative Chamber",
               "Chair of the Senate of the Parliament": "Chair of the Senate",
               "Chair of the Senate of the Oliy Majlis": "Chair of the Senate",
               "Chair of the Mazhilis of the Parliament": "Chair of the Mazhilis"}
# Titles of compose's tables that name a parliament or a body or office of one.
_PARLIAMENTARY = re.compile(r"Parliament|Oliy Majlis|Senate|Mazhilis")
# The state whose press writes in a language (its family): the home of its bare chamber names.
HOME = {"uz": ns.ID + "state/UZ", "kaa": ns.ID + "state/UZ", "kk": ns.ID + "state/KZ"}
HOME_CONFIDENCE = 0.6


def _bare_gazetteer() -> Gazetteer:
    g = Gazetteer()
    for concept, by_lang in BARE.items():
        for lang, forms in by_lang.items():
            for form in forms:
                g.add(Label(_CONCEPT + concept, form, lang, "alt", f"rule/{RULE}"))
    return g


_BARE = _bare_gazetteer()


def drop_bare_chambers(g: Gazetteer) -> None:
    """Remove from ``g`` the labels that are a bare chamber's name ("Senat"@uz-Latn, a curator's
    label from a text that named it so): every state has a Senate, so only :func:`find`, which
    reads the sentence and the text's language, may tie one to a state."""
    g.keep_only(lambda lab: tuple(w for _, _, w in words(lab.text)) not in _BARE.by_fold)


def find(text: str, mentions: list[Mention], g: Gazetteer, lang_at=None) -> list[Mention]:
    """``lang_at(pos)``: the language of the text at ``pos`` (for the home state), if known."""
    composed = composed_entities(g)
    of = {(_CONCEPT_OF.get(t, t), s): iri for iri, (t, s) in composed.items()}
    taken = [(m.start, m.end) for m in mentions]
    # The states whose parliament (or a body of it) the document names anywhere.
    parliaments = {composed[m.iri][1] for m in mentions
                   if m.iri in composed and _PARLIAMENTARY.search(composed[m.iri][0])}
    out = []
    # exclude: look for the bare forms only (no inner names, no further rules on this gazetteer)
    for b in find_mentions(text, _BARE, exclude=_CONCEPT):
        if not b.text[:1].isupper() or any(s < b.end and b.start < e for s, e in taken):
            continue
        a, z = sentence_at(text, b.start)
        around = [m for m in mentions if a <= m.start < z]
        states = {m.iri for m in around if m.iri.startswith(ns.ID + "state/")}
        states |= {composed[m.iri][1] for m in around if m.iri in composed}
        ties = [m for m in around if m.iri in composed and _PARLIAMENTARY.search(composed[m.iri][0])]
        concept = b.iri[len(_CONCEPT) :]
        endings = tuple(f for f in b.features if f.startswith("ending:"))
        if len(states) == 1 and ties:
            iri = of.get((concept, next(iter(states))))
            if iri:
                features = (f"rule:{RULE}", f"concept:{concept}", f"tied-by:{ties[0].iri}", "state-from:sentence",
                            *endings)
                out.append(Mention(b.start, b.end, b.text, iri, 0.7, features, (), (), RULE, VERSION))
            continue
        lang = lang_at(b.start) if lang_at else None
        home = HOME.get(morph.family(lang)) if lang else None
        if ties or home is None or not parliaments <= {home} or (states and home not in states):
            continue
        iri = of.get((concept, home))
        if iri:
            features = (f"rule:{RULE}", f"concept:{concept}", f"state-from:language:{lang}", *endings)
            out.append(Mention(b.start, b.end, b.text, iri, HOME_CONFIDENCE, features, (), (), RULE, VERSION))
    return out
