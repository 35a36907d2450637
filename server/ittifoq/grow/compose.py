"""Names of offices composed from a state's name and a title, in each language's word order.

"President of Kazakhstan" is written "Қозоғистон Президенти" (uz-Cyrl), "Qozogʻiston
Prezidenti" (uz-Latn), "Қазақстан Президенті" (kk), "Қазақстан Президенти" (kaa),
"Президент Казахстана" (ru): the state's name in the language, then (or after) the title.
The titles are the general vocabulary of each language; the states' names are whatever
labels the gazetteer holds in that language.
"""

from __future__ import annotations

import re

from .. import namespaces as ns
from .gazetteer import Gazetteer, Label
from .morph import family

# English title → {language family: pattern with {s} for the state's name}
TITLES = {
    "President": {"uz": ["{s} Президенти", "{s} Prezidenti", "{s} Республикаси Президенти",
                         "{s} Respublikasi Prezidenti"],
                  "kk": ["{s} Президенті", "{s} Республикасының Президенті"],
                  "kaa": ["{s} Президенти", "{s} Республикасының Президенти"],
                  "ru": ["Президент {s}", "Президент Республики {s}"]},
    "First President": {"uz": ["{s} Биринчи Президенти", "{s} Birinchi Prezidenti"],
                        "kk": ["{s} Тұңғыш Президенті"], "kaa": ["{s} Биринши Президенти"],
                        "ru": ["Первый Президент {s}"]},
    "Prime Minister": {"uz": ["{s} Бош вазири", "{s} Bosh vaziri"], "kk": ["{s} Премьер-Министрі"],
                       "kaa": ["{s} Премьер-министри"], "ru": ["Премьер-министр {s}"]},
    "Deputy Prime Minister": {"uz": ["{s} Бош вазири ўринбосари", "{s} Bosh vaziri oʻrinbosari"],
                              "kk": ["{s} Премьер-Министрінің орынбасары"],
                              "kaa": ["{s} Премьер-министриниң орынбасары"],
                              "ru": ["Заместитель Премьер-министра {s}", "Вице-премьер {s}"]},
}
_OFFICE_RE = re.compile(r"^(?P<title>.+?) of (?P<state>.+)$")
_SCRIPT_OF = {"uz-Cyrl": "Cyrl", "uz-Latn": "Latn"}


def _script(text: str) -> str:
    return "Cyrl" if any("\u0400" <= c <= "\u04ff" for c in text) else "Latn"


def add_office_names(g: Gazetteer) -> int:
    """Add composed office labels (kind ``composed``); returns how many."""
    states: dict[str, list[Label]] = {}
    for lab in g.labels:
        if lab.iri.startswith(ns.ID + "state/") and lab.kind != "acronym":
            states.setdefault(lab.iri, []).append(lab)
    english = {lab.text: lab.iri for labs in states.values() for lab in labs if lab.lang == "en"}
    added = 0
    for lab in list(g.labels):
        if not (lab.iri.startswith(ns.ID + "office/") and lab.lang == "en" and lab.kind == "pref"):
            continue
        m = _OFFICE_RE.match(lab.text)
        if not m or m.group("title") not in TITLES or m.group("state") not in english:
            continue
        for state_label in states[english[m.group("state")]]:
            fam = family(state_label.lang) if state_label.lang else ""
            for pattern in TITLES[m.group("title")].get(fam, []):
                # Uzbek patterns exist in both scripts: keep the one in the state name's script.
                if fam == "uz" and _script(pattern.replace("{s}", "")) != _script(state_label.text):
                    continue
                g.add(Label(lab.iri, pattern.format(s=state_label.text), state_label.lang, "composed",
                            "rule/office-titles"))
                added += 1
    return added
