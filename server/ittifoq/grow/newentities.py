"""Names the graph does not know, proposed as new entities with a label in the text's language.

Two patterns, written from the general shape of names in the corpus languages, not from any
one text:

- **a person after an office**: an office the gazetteer links ("Қазақстан Президенти",
  "Bosh vazir") or a title word of the language ("raisi", "баслығы", "министр", "elchisi"),
  then a given name and a family name in capitals that link to nothing ("Ерлан Кошанов").
  A family name in a case ending ("Исмоиловтың") is given in its dictionary form when the
  stem ends like a family name (-ов, -ев, -ova, -ин, -uly …) and the ending is one of the
  paragraph's language;
- **an organisation**: capitalised words ended by the head noun of an organisation name in
  the language ("… vazirligi", "… университети", "… шөлкеми", "… министрлігі") or, in
  Russian, begun by one ("Министерство …"), and a name in quotation marks followed by a
  company form (AJ, АЖ, АО, ТОО, JSC).

The proposed IRI is a slug of the label's Latin fold; the curator names it for good on review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import namespaces as ns
from ..text.normalize import APOSTROPHES, fold
from . import langid, morph
from .mentions import Mention

RULE, VERSION = "new-entity-patterns", "1"

_AP = re.escape(APOSTROPHES)
_CAP = f"[A-ZА-ЯЁЎҚҒҲӘӨҮҰІҢҺ][a-zа-яёўқғҳәөүұіңһ{_AP}]+"
# A given name and a family name (hyphenated given names too: Қасым-Жомарт).
_NAME = re.compile(f"({_CAP}(?:-{_CAP})?)\\s+({_CAP})")
# Title words after which a person's name follows (en, uz both scripts, kaa, kk, ru).
_TITLES = re.compile(
    r"(?:president|minister|chairman|speaker|ambassador|prezident\w*|vazir\w*|rais\w*|spiker\w*|elchi\w*"
    r"|rahbar\w*|hokim\w*|президент\w*|вазир\w*|раис\w*|спикер\w*|элчи\w*|раҳбар\w*|ҳоким\w*|министр\w*"
    r"|баслығ\w*|басшы\w*|төраға\w*|елші\w*|әким\w*|председател\w*|посол\w*|глав\w*)$", re.I)
_SURNAME_STEM = re.compile(r"(?:ов|ев|ёв|ова|ева|ин|ина|ов|ұлы|улы|қызы|ov|ev|yev|ova|eva|yeva|in|ina|uly|qizi)$", re.I)
_ORG_HEADS = {
    "uz": ["vazirligi", "qoʻmitasi", "kengashi", "jamgʻarmasi", "universiteti", "banki", "agentligi", "tashkiloti",
           "palatasi", "markazi", "assotsiatsiyasi", "instituti", "akademiyasi", "inspeksiyasi",
           "вазирлиги", "қўмитаси", "кенгаши", "жамғармаси", "университети", "банки", "агентлиги", "ташкилоти",
           "палатаси", "маркази", "ассоциацияси", "институти", "академияси", "инспекцияси"],
    "kaa": ["министрлиги", "комитети", "кеңеси", "қоры", "университети", "банкы", "агентлиги", "шөлкеми",
            "палатасы", "орайы", "институты", "академиясы"],
    "kk": ["министрлігі", "комитеті", "кеңесі", "қоры", "университеті", "банкі", "агенттігі", "ұйымы", "палатасы",
           "орталығы", "институты", "академиясы"],
}
_RU_HEADS = ["Министерство", "Комитет", "Совет", "Фонд", "Университет", "Банк", "Агентство", "Организация",
             "Палата", "Центр", "Институт", "Академия"]
# Conjunctions end a name: "Ҳукуматлараро комиссия ва Ишбилармонлар кенгаши" is two bodies.
_JOINS = "va|ва|ҳәм|хәм|және|и|hamda|ҳамда|менен|bilan|билан"
_WORD = re.compile(f"[^\\W\\d_][\\w{_AP}]*")
_COMPANY = re.compile(r"[«“\"]([^»”\"\n]{3,60})[»”\"]\s+(AJ|АЖ|АО|ТОО|АҚ|JSC|MChJ|МЧЖ)\b")


@dataclass(frozen=True)
class NewEntity:
    kind: str  # person | organization
    label: str
    lang: str  # BCP 47
    start: int  # evidence span
    end: int
    features: tuple[str, ...]

    @property
    def iri(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", fold(self.label).lower()).strip("-")
        return f"{ns.ID}{self.kind}/{slug}"

    @property
    def cls(self) -> str:
        return {"person": "Person", "organization": "Organization"}[self.kind]


def _lang_at(text: str, pos: int) -> str | None:
    for a, b in langid.paragraphs(text):
        if a <= pos < b:
            return langid.detect(text[a:b]).tag
    return None


def _dictionary_form(word: str, lang: str | None) -> str:
    folded = fold(word).replace(" ", "")
    for ending in sorted(morph.folded_endings(lang or ""), key=len, reverse=True):
        if folded.endswith(ending) and len(folded) > len(ending) + 3:
            # cut as many letters of the written word as the folded ending has (Cyrillic letters fold
            # to one or two Latin ones: compare by folding the candidate stems)
            for cut in range(1, len(word)):
                stem = word[:-cut]
                if fold(stem).replace(" ", "") == folded[: -len(ending)]:
                    return stem if _SURNAME_STEM.search(stem) else word
    return word


def _overlaps(a: int, b: int, mentions: list[Mention]) -> bool:
    return any(m.start < b and a < m.end for m in mentions)


def find_new_entities(text: str, mentions: list[Mention]) -> list[NewEntity]:
    out: list[NewEntity] = []
    offices = [m for m in mentions if m.iri.startswith(ns.ID + "office/")]
    for m in _NAME.finditer(text):
        if _overlaps(m.start(), m.end(), mentions):
            continue
        origin = max(0, m.start() - 40)
        before = text[origin : m.start()].rstrip()
        office = next((o for o in offices if 0 <= m.start() - o.end <= 2), None)
        title = _TITLES.search(before.split()[-1]) if before.split() else None
        if not office and not title:
            continue
        lang = _lang_at(text, m.start())
        label = f"{m.group(1)} {_dictionary_form(m.group(2), lang)}"
        start = office.start if office else origin + before.rfind(before.split()[-1])
        why = f"after-office:{office.iri}" if office else f"after-title:{title.group(0)}"
        out.append(NewEntity("person", label, lang or "", start, m.end(), (why, "name:two-capitalised-words")))
    out += _organisations(text, mentions)
    seen, unique = set(), []
    for e in out:
        if (e.iri, e.start) not in seen:
            seen.add((e.iri, e.start))
            unique.append(e)
    return unique


def _organisations(text: str, mentions: list[Mention]) -> list[NewEntity]:
    # A body's name may hold a known state or place ("Ўзбекистон Республикаси Қурилиш вазирлиги"):
    # only a known organisation, office or person in the span means the name is not new.
    mentions = [m for m in mentions if not m.iri.startswith((ns.ID + "state/", ns.ID + "place/"))]
    out = []
    heads = {fold(h).replace(" ", "") for hs in _ORG_HEADS.values() for h in hs}
    ws = list(_WORD.finditer(text))
    for i, w in enumerate(ws):
        if fold(w.group(0)).replace(" ", "") not in heads:
            continue
        # Back from the head: at most two lower-case words, then capitalised ones only
        # ("Иқтисодий ҳамкорлик ташкилоти", "Ўзбекистон Республикаси Қурилиш вазирлиги").
        first, lower, seen_capital = i, 0, False
        for j in range(i - 1, max(-1, i - 6), -1):
            word, gap = ws[j].group(0), text[ws[j].end() : ws[j + 1].start()]
            if gap not in (" ", "-") or word.lower() in _JOINS.split("|"):
                break
            if word[0].isupper():
                first, seen_capital = j, True
            elif seen_capital or lower == 2:
                break
            else:
                lower += 1
        if not seen_capital:
            continue
        a, b = ws[first].start(), w.end()
        if _overlaps(a, b, mentions):
            continue
        lang = _lang_at(text, a) or ""
        out.append(NewEntity("organization", text[a:b], lang, a, b, ("org-head:" + w.group(0),)))
    russian = re.compile(f"\\b({'|'.join(_RU_HEADS)})((?: [а-яё]+){{1,4}})(?: ({_CAP}))?")
    for m in russian.finditer(text):
        if _overlaps(m.start(), m.end(), mentions):
            continue
        out.append(NewEntity("organization", m.group(0), "ru", m.start(), m.end(), ("org-head:" + m.group(1),)))
    for m in _COMPANY.finditer(text):
        if _overlaps(m.start(), m.end(), mentions):
            continue
        lang = _lang_at(text, m.start()) or ""
        out.append(NewEntity("organization", m.group(1).strip(), lang, m.start(), m.end(),
                             ("company-form:" + m.group(2),)))
    return out
