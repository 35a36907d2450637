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
    # Bodies of a state, named the same way (the name of the state, then the body's name).
    "Parliament": {"uz": ["{s} Парламенти", "{s} Parlamenti", "{s} Республикаси Парламенти",
                          "{s} Respublikasi Parlamenti"],
                   "kk": ["{s} Парламенті", "{s} Республикасының Парламенті"],
                   "kaa": ["{s} Парламенти", "{s} Республикасының Парламенти"],
                   "ru": ["Парламент {s}", "Парламент Республики {s}"]},
    "Mazhilis of the Parliament": {"uz": ["{s} Парламенти Мажлиси", "{s} Parlamenti Majlisi",
                                          "{s} Парламенти Мажилиси", "{s} Parlamenti Majilisi"],
                                   "kk": ["{s} Парламентінің Мәжілісі", "{s} Республикасы Парламентінің Мәжілісі"],
                                   "kaa": ["{s} Парламенти Мәжилиси", "{s} Парламентиниң Мәжилиси"],
                                   "ru": ["Мажилис Парламента {s}"]},
    "Senate of the Parliament": {"uz": ["{s} Парламенти Сенати", "{s} Parlamenti Senati"],
                                 "kk": ["{s} Парламентінің Сенаты", "{s} Республикасы Парламентінің Сенаты"],
                                 "kaa": ["{s} Парламенти Сенаты", "{s} Парламентиниң Сенаты"],
                                 "ru": ["Сенат Парламента {s}"]},
    "Ministry of Foreign Affairs": {"uz": ["{s} Ташқи ишлар вазирлиги", "{s} Tashqi ishlar vazirligi",
                                           "{s} Республикаси Ташқи ишлар вазирлиги",
                                           "{s} Respublikasi Tashqi ishlar vazirligi"],
                                    "kk": ["{s} Сыртқы істер министрлігі", "{s} Республикасы Сыртқы істер министрлігі"],
                                    "kaa": ["{s} Сыртқы ислер министрлиги",
                                            "{s} Республикасы Сыртқы ислер министрлиги"],
                                    "ru": ["Министерство иностранных дел {s}", "МИД {s}"]},
# Organs of an international organisation, named after it ("United Nations General Assembly").
    "General Assembly": {"uz": ["{s} Bosh Assambleyasi", "{s} Бош Ассамблеяси"], "kk": ["{s} Бас Ассамблеясы"],
                         "ru": ["Генеральная Ассамблея {s}"]},
    "Security Council": {"uz": ["{s} Xavfsizlik Kengashi", "{s} Хавфсизлик Кенгаши"],
                         "kk": ["{s} Қауіпсіздік Кеңесі"], "ru": ["Совет Безопасности {s}"]},
    "Secretary-General": {"uz": ["{s} Bosh kotibi", "{s} Бош котиби"], "kk": ["{s} Бас хатшысы"],
                          "ru": ["Генеральный секретарь {s}"]},
    "Deputy Prime Minister": {"uz": ["{s} Бош вазири ўринбосари", "{s} Bosh vaziri oʻrinbosari"],
                              "kk": ["{s} Премьер-Министрінің орынбасары"],
                              "kaa": ["{s} Премьер-министриниң орынбасары"],
                              "ru": ["Заместитель Премьер-министра {s}", "Вице-премьер {s}"]},
}
_SCRIPT_OF = {"uz-Cyrl": "Cyrl", "uz-Latn": "Latn"}


def _script(text: str) -> str:
    return "Cyrl" if any("\u0400" <= c <= "\u04ff" for c in text) else "Latn"


def _title_and_state(english: str, states: dict[str, str]) -> tuple[str, str] | None:
    """("Ministry of Foreign Affairs", state IRI) of "Ministry of Foreign Affairs of Kazakhstan"."""
    for m in re.finditer(" of (the )?", english):
        title, state = english[: m.start()], english[m.end() :]
        if title in TITLES and state in states:
            return title, states[state]
    for title in TITLES:  # "United Nations General Assembly": the owner first
        if english.endswith(" " + title) and english[: -len(title) - 1] in states:
            return title, states[english[: -len(title) - 1]]
    return None


def add_office_names(g: Gazetteer) -> int:
    """Add composed labels of offices and state bodies (kind ``composed``); returns how many."""
    states: dict[str, list[Label]] = {}
    for lab in g.labels:
        # States by their names; organisations (owners of organs) by their names and acronyms (BMT).
        if (lab.iri.startswith(ns.ID + "state/") and lab.kind != "acronym") or (
                lab.iri.startswith(ns.ID + "organization/") and lab.kind in ("pref", "alt", "acronym")):
            states.setdefault(lab.iri, []).append(lab)
    english = {lab.text: lab.iri for labs in states.values() for lab in labs if lab.lang == "en"}
    added = 0
    for lab in list(g.labels):
        if not (lab.iri.startswith((ns.ID + "office/", ns.ID + "organization/")) and lab.lang == "en"
                and lab.kind == "pref"):
            continue
        found = _title_and_state(lab.text, english)
        if not found:
            continue
        title, state = found
        for state_label in states[state]:
            fam = family(state_label.lang) if state_label.lang else ""
            for pattern in TITLES[title].get(fam, []):
                # Uzbek patterns exist in both scripts: keep the one in the state name's script.
                if fam == "uz" and _script(pattern.replace("{s}", "")) != _script(state_label.text):
                    continue
                g.add(Label(lab.iri, pattern.format(s=state_label.text), state_label.lang, "composed",
                            "rule/office-titles"))
                added += 1
    return added
