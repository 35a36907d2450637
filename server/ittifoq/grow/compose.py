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
from ..text.normalize import fold
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
    # Karakalpak writes the Prime Minister "Бас министр" as often as "Премьер-министр".
    "Prime Minister": {"uz": ["{s} Бош вазири", "{s} Bosh vaziri"], "kk": ["{s} Премьер-Министрі"],
                       "kaa": ["{s} Премьер-министри", "{s} Бас министри", "{s} Республикасының Бас министри"],
                       "ru": ["Премьер-министр {s}"]},
    # Bodies of a state, named the same way (the name of the state, then the body's name).
    "Parliament": {"uz": ["{s} Парламенти", "{s} Parlamenti", "{s} Республикаси Парламенти",
                          "{s} Respublikasi Parlamenti"],
                   "kk": ["{s} Парламенті", "{s} Республикасының Парламенті"],
                   "kaa": ["{s} Парламенти", "{s} Республикасының Парламенти"],
                   "ru": ["Парламент {s}", "Парламент Республики {s}"]},
    "Mazhilis of the Parliament": {"uz": ["{s} Парламенти Мажлиси", "{s} Parlamenti Majlisi",
                                          "{s} Парламенти Мажилиси", "{s} Parlamenti Majilisi",
                                          "{s} Мажилиси", "{s} Majilisi"],
                                   "kk": ["{s} Парламентінің Мәжілісі", "{s} Республикасы Парламентінің Мәжілісі",
                                          "{s} Мәжілісі"],
                                   "kaa": ["{s} Парламенти Мәжилиси", "{s} Парламентиниң Мәжилиси", "{s} Мәжилиси"],
                                   "ru": ["Мажилис Парламента {s}", "Мажилис {s}"]},
    # The chambers are named with the state alone too ("Қазақстан Сенаты", "Сенат Казахстана").
    "Senate of the Parliament": {"uz": ["{s} Парламенти Сенати", "{s} Parlamenti Senati", "{s} Сенати", "{s} Senati"],
                                 "kk": ["{s} Парламентінің Сенаты", "{s} Республикасы Парламентінің Сенаты",
                                        "{s} Сенаты"],
                                 "kaa": ["{s} Парламенти Сенаты", "{s} Парламентиниң Сенаты", "{s} Сенаты"],
                                 "ru": ["Сенат Парламента {s}", "Сенат {s}"]},
    "Ministry of Foreign Affairs": {"uz": ["{s} Ташқи ишлар вазирлиги", "{s} Tashqi ishlar vazirligi",
                                           "{s} Республикаси Ташқи ишлар вазирлиги",
                                           "{s} Respublikasi Tashqi ishlar vazirligi"],
                                    "kk": ["{s} Сыртқы істер министрлігі", "{s} Республикасы Сыртқы істер министрлігі"],
                                    "kaa": ["{s} Сыртқы ислер министрлиги",
                                            "{s} Республикасы Сыртқы ислер министрлиги"],
                                    "ru": ["Министерство иностранных дел {s}", "МИД {s}"]},
    # The chairs of a parliament's chambers: Uzbek "raisi", Kazakh "төрағасы", Karakalpak
    # "баслығы" after the chamber (bare or in the genitive), Russian "Председатель" before it.
    "Chair of the Mazhilis of the Parliament": {
        "uz": ["{s} Парламенти Мажлиси раиси", "{s} Парламенти Мажилиси раиси", "{s} Parlamenti Majlisi raisi",
               "{s} Parlamenti Majilisi raisi", "{s} Парламенти Мажлиси Раиси"],
        "kk": ["{s} Парламенті Мәжілісінің Төрағасы", "{s} Парламентінің Мәжілісінің Төрағасы",
               "{s} Республикасы Парламенті Мәжілісінің Төрағасы"],
        "kaa": ["{s} Парламенти Мәжилисиниң Баслығы", "{s} Парламентиниң Мәжилисиниң Баслығы",
                "{s} Парламенти Мәжилиси Баслығы"],
        "ru": ["Председатель Мажилиса Парламента {s}", "Председатель Мажилиса Парламента Республики {s}"]},
    "Chair of the Senate of the Parliament": {
        "uz": ["{s} Парламенти Сенати раиси", "{s} Parlamenti Senati raisi", "{s} Сенати раиси", "{s} Senati raisi"],
        "kk": ["{s} Парламенті Сенатының Төрағасы", "{s} Республикасы Парламенті Сенатының Төрағасы"],
        "kaa": ["{s} Парламенти Сенатының Баслығы", "{s} Парламентиниң Сенатының Баслығы", "{s} Сенатының Баслығы"],
        "ru": ["Председатель Сената Парламента {s}", "Председатель Сената Парламента Республики {s}"]},
# Organs of an international organisation, named after it ("United Nations General Assembly").
    "General Assembly": {"uz": ["{s} Bosh Assambleyasi", "{s} Бош Ассамблеяси"], "kk": ["{s} Бас Ассамблеясы"],
                         "ru": ["Генеральная Ассамблея {s}"]},
    "Security Council": {"uz": ["{s} Xavfsizlik Kengashi", "{s} Хавфсизлик Кенгаши"],
                         "kk": ["{s} Қауіпсіздік Кеңесі"], "ru": ["Совет Безопасности {s}"]},
    "Secretary-General": {"uz": ["{s} Bosh kotibi", "{s} Бош котиби"], "kk": ["{s} Бас хатшысы"],
                          "ru": ["Генеральный секретарь {s}"]},
    "Deputy Prime Minister": {"uz": ["{s} Бош вазири ўринбосари", "{s} Bosh vaziri oʻrinbosari",
                                     "{s} Бош вазир ўринбосари", "{s} Bosh vazir oʻrinbosari"],
                              "kk": ["{s} Премьер-Министрінің орынбасары",
                                     "{s} Республикасы Премьер-Министрінің орынбасары"],
                              "kaa": ["{s} Премьер-министриниң орынбасары", "{s} Бас министриниң орынбасары"],
                              "ru": ["Заместитель Премьер-министра {s}", "Вице-премьер {s}",
                                     "Вице-премьер-министр {s}"]},
}
_SCRIPT_OF = {"uz-Cyrl": "Cyrl", "uz-Latn": "Latn"}

# A parliament known by its own name rather than "Parliament": the Oliy Majlis ("Supreme
# Assembly") of Uzbekistan. Its bodies and offices are named after it, with the state's name
# before it ("Ўзбекистон Олий Мажлиси Сенати") or, where the gazetteer already holds the name
# (a surviving label of it or of one of its chambers), without ("Олий Мажлис Сенати").
# Keys: what the English preferred label writes before " of the Oliy Majlis" ("" is the
# parliament itself); patterns as in TITLES, with {s} for the state's name.
NAMED_PARLIAMENTS = {"Oliy Majlis": "Uzbekistan"}
_OM = {"uz-Cyrl": "Олий Мажлис", "uz-Latn": "Oliy Majlis", "kk": "Олий Мәжіліс", "kaa": "Олий Мажлис",
       "ru": "Олий Мажлис"}
OLIY_MAJLIS = {
    "": {"uz": ["{s} Олий Мажлиси", "{s} Oliy Majlisi", "{s} Республикаси Олий Мажлиси",
                "{s} Respublikasi Oliy Majlisi"],
         "kk": ["{s} Олий Мәжілісі", "{s} Республикасының Олий Мәжілісі"],
         "kaa": ["{s} Олий Мажлиси", "{s} Республикасының Олий Мажлиси"],
         "ru": ["Олий Мажлис {s}", "Олий Мажлис Республики {s}"]},
    "Senate": {"uz": ["{s} Олий Мажлиси Сенати", "{s} Oliy Majlisi Senati", "{s} Сенати", "{s} Senati"],
               "kk": ["{s} Олий Мәжілісінің Сенаты", "{s} Олий Мәжілісі Сенаты", "{s} Сенаты"],
               "kaa": ["{s} Олий Мажлиси Сенаты", "{s} Олий Мажлисиниң Сенаты", "{s} Сенаты"],
               "ru": ["Сенат Олий Мажлиса {s}", "Сенат Олий Мажлиса Республики {s}", "Сенат {s}"]},
    "Legislative Chamber": {"uz": ["{s} Олий Мажлиси Қонунчилик палатаси", "{s} Oliy Majlisi Qonunchilik palatasi"],
                            "kk": ["{s} Олий Мәжілісінің Заң шығару палатасы"],
                            "kaa": ["{s} Олий Мажлиси Нызамшылық палатасы", "{s} Олий Мажлисиниң Нызамшылық палатасы"],
                            "ru": ["Законодательная палата Олий Мажлиса {s}",
                                   "Законодательная палата Олий Мажлиса Республики {s}"]},
    "Chair of the Senate": {"uz": ["{s} Олий Мажлиси Сенати раиси", "{s} Oliy Majlisi Senati raisi", "{s} Сенати раиси",
                                   "{s} Senati raisi"],
                            "kk": ["{s} Олий Мәжілісі Сенатының төрағасы", "{s} Олий Мәжілісінің Сенатының төрағасы"],
                            "kaa": ["{s} Олий Мажлиси Сенатының баслығы", "{s} Олий Мажлиси Сенаты баслығы",
                                    "{s} Сенатының баслығы"],
                            "ru": ["Председатель Сената Олий Мажлиса {s}",
                                   "Председатель Сената Олий Мажлиса Республики {s}"]},
    "Speaker": {"uz": ["{s} Олий Мажлиси спикери", "{s} Oliy Majlisi spikeri"], "kk": ["{s} Олий Мәжілісінің спикері"],
                "kaa": ["{s} Олий Мажлиси спикери", "{s} Олий Мажлисиниң спикери"], "ru": ["Спикер Олий Мажлиса {s}"]},
}
# The same without the state: the name alone stands first (Turkic: the name is not possessed,
# so it takes no ending: "Олий Мажлис Сенати"), or after the title in the genitive (Russian).
OLIY_MAJLIS_BARE = {
    "": {"uz": ["Олий Мажлис", "Oliy Majlis"], "kk": ["Олий Мәжіліс"], "kaa": ["Олий Мажлис"], "ru": ["Олий Мажлис"]},
    "Senate": {"uz": ["Олий Мажлис Сенати", "Oliy Majlis Senati"], "kk": ["Олий Мәжіліс Сенаты"],
               "kaa": ["Олий Мажлис Сенаты"], "ru": ["Сенат Олий Мажлиса"]},
    "Legislative Chamber": {"uz": ["Олий Мажлис Қонунчилик палатаси", "Oliy Majlis Qonunchilik palatasi"],
                            "kk": ["Олий Мәжілістің Заң шығару палатасы"], "kaa": ["Олий Мажлис Нызамшылық палатасы"],
                            "ru": ["Законодательная палата Олий Мажлиса"]},
    "Chair of the Senate": {"uz": ["Олий Мажлис Сенати раиси", "Oliy Majlis Senati raisi"],
                            "kk": ["Олий Мәжіліс Сенатының төрағасы"],
                            "kaa": ["Олий Мажлис Сенатының баслығы", "Олий Мажлис Сенаты баслығы"],
                            "ru": ["Председатель Сената Олий Мажлиса"]},
    "Speaker": {"uz": ["Олий Мажлис спикери", "Oliy Majlis spikeri"], "kk": ["Олий Мәжіліс спикері"],
                "kaa": ["Олий Мажлис спикери"], "ru": ["Спикер Олий Мажлиса"]},
}


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


def _structure(config) -> dict[str, str]:
    """entity → the organisation it belongs to (``itt:parentOrganization``, ``itt:officeOf``), as
    the reference data states it: structure, not names, so leave-one-out keeps it."""
    if config is None:
        return {}
    import pyoxigraph as ox

    out: dict[str, str] = {}
    wanted = {ns.ITT + "parentOrganization", ns.ITT + "officeOf"}
    for path in sorted(config.reference_dir.glob("*.ttl")):
        for q in ox.parse(input=path.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=ns.BASE):
            if q.predicate.value in wanted and isinstance(q.object, ox.NamedNode):
                out[q.subject.value] = q.object.value
    return out


def _label_states(g: Gazetteer) -> dict[str, list[Label]]:
    states: dict[str, list[Label]] = {}
    for lab in g.labels:
        # States by their names; organisations (owners of organs) by their names and acronyms (BMT).
        if (lab.iri.startswith(ns.ID + "state/") and lab.kind != "acronym") or (
                lab.iri.startswith(ns.ID + "organization/") and lab.kind in ("pref", "alt", "acronym")):
            states.setdefault(lab.iri, []).append(lab)
    return states


def composed_entities(g: Gazetteer, config=None) -> dict[str, tuple[str, str]]:
    """entity IRI → (title, state IRI) for every office and body whose name this module composes:
    "Prime Minister of Kazakhstan" → ("Prime Minister", state:KZ); "Senate of the Oliy Majlis" →
    ("Senate of the Oliy Majlis", state:UZ); the Oliy Majlis itself → ("Oliy Majlis", state:UZ)."""
    states = _label_states(g)
    english = {lab.text: lab.iri for labs in states.values() for lab in labs if lab.lang == "en"}
    out: dict[str, tuple[str, str]] = {}
    for lab in g.labels:
        if not (lab.iri.startswith((ns.ID + "office/", ns.ID + "organization/")) and lab.lang == "en"
                and lab.kind == "pref"):
            continue
        found = _title_and_state(lab.text, english)
        if found:
            out[lab.iri] = found
            continue
        for name, state in NAMED_PARLIAMENTS.items():
            key = "" if lab.text == name else lab.text[: -len(" of the " + name)] \
                if lab.text.endswith(" of the " + name) else None
            if key is not None and key in OLIY_MAJLIS and state in english:
                out[lab.iri] = (f"{key} of the {name}" if key else name, english[state])
    parents = _structure(config)
    for iri, (title, state) in list(out.items()):
        for name in NAMED_PARLIAMENTS:
            # The parliament itself, through its chambers and offices, when its own label is gone.
            if title.endswith(" of the " + name) and iri in parents and parents[iri] not in out:
                out[parents[iri]] = (name, state)
    return out


def _named_parliament_held(g: Gazetteer, name: str) -> bool:
    """Whether a label of the gazetteer in a language of the texts (not English, not one composed
    here) writes the parliament's name."""
    key = fold(name)
    return any(lab.kind != "composed" and family(lab.lang) not in ("", "en") and f" {key} " in f" {fold(lab.text)} "
               for lab in g.labels)


def add_office_names(g: Gazetteer, config=None) -> int:
    """Add composed labels of offices and state bodies (kind ``composed``); returns how many."""
    states = _label_states(g)
    added = 0
    for iri, (title, state) in composed_entities(g, config).items():
        if title in TITLES:
            patterns, bare = TITLES[title], {}
        else:
            name = next(n for n in NAMED_PARLIAMENTS if title == n or title.endswith(" of the " + n))
            key = "" if title == name else title[: -len(" of the " + name)]
            patterns = OLIY_MAJLIS[key]
            bare = OLIY_MAJLIS_BARE[key] if _named_parliament_held(g, name) else {}
        for state_label in states.get(state, []):
            fam = family(state_label.lang) if state_label.lang else ""
            for pattern in patterns.get(fam, []):
                # Uzbek patterns exist in both scripts: keep the one in the state name's script.
                if fam == "uz" and _script(pattern.replace("{s}", "")) != _script(state_label.text):
                    continue
                g.add(Label(iri, pattern.format(s=state_label.text), state_label.lang, "composed",
                            "rule/office-titles"))
                added += 1
        for fam, forms in bare.items():
            for form in forms:
                lang = {"uz": "uz-Cyrl" if _script(form) == "Cyrl" else "uz-Latn"}.get(fam, fam)
                g.add(Label(iri, form, lang, "composed", "rule/named-parliament"))
                added += 1
    return added
