"""Mentions of the graph's entities in a text, linked to IRIs through the gazetteer.

Longest match first, left to right. All words of a label but the last must match exactly
(folded); the last may carry a case ending of the label's own language (:mod:`.morph`), or of
the language of the paragraph it stands in when the label is written in the word's script (a
name takes the endings of the text that uses it: Russian "Шымкент" in Karakalpak
"Шымкентте"; English labels never take endings), or be a Russian word whose dictionary form
matches. A match on the coarser skeleton key
(transliteration variants: Токаев/Тоқаев/Tokayev) is kept at a lower confidence. A head
phrase standing for a long name (:mod:`.shortforms`, label kind ``short``) matches only in its
own language, at a lower confidence, and only where the text does not extend it into another name.

Three rules then read what the gazetteer found: long Turkic names written with an ordinal inside,
a derived word or a left-out complement (:mod:`.tolerant`), offices and bodies of both states
named once in the plural (:mod:`.bothstates`), and a bare chamber or chair tied to one state's
parliament by its sentence or by the language of the text (:mod:`.tiedbodies`); each mention
names the rule that made it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from .. import namespaces as ns
from ..text.normalize import skeleton
from . import langid, morph, shortforms
from .gazetteer import Gazetteer, Label, words

RULE = "gazetteer-mention"
VERSION = "1"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    iri: str
    confidence: float
    features: tuple[str, ...]
    alternatives: tuple[str, ...]
    labels: tuple[Label, ...]
    rule: str = RULE  # the rule that made it (review:rule): the gazetteer, or an inference
    version: str = VERSION


def _ending_allowed(label: Label, ending: str, text_lang: str | None, script: str | None) -> bool:
    if ending == "" or ending in morph.folded_endings(label.lang):
        return True
    # A name with no language (a GeoNames hidden label) takes the endings of the text, as a tagged one does.
    return (text_lang is not None and morph.family(label.lang) != "en"
            and _script(label.text) == script and ending in morph.folded_endings(text_lang))


@lru_cache(maxsize=65536)
def _script(text: str) -> str | None:
    return langid.script_of(text)


def _paragraph_languages(text: str) -> list[tuple[int, int, str | None]]:
    return [(a, b, langid.detect(text[a:b]).tag) for a, b in langid.paragraphs(text)]


def _language_at(paragraphs: list[tuple[int, int, str | None]], pos: int) -> str | None:
    k = bisect.bisect_right(paragraphs, (pos, float("inf"))) - 1
    if k >= 0 and paragraphs[k][0] <= pos < paragraphs[k][1]:
        return paragraphs[k][2]
    return None


# A state's name before the word for dollar names the currency ("AQSh dollari", "АҚШ доллары",
# "долларов США" is written after): not a mention of the state.
_CURRENCY_WORDS = ("dollar", "доллар")


def _currency_name(text: str, end: int) -> bool:
    nxt = text[end : end + 30].lstrip(" \n\t").lower()
    return nxt.startswith(_CURRENCY_WORDS)


def _choose(labels: list[Label], ending: str, how: str, matched: str, g: Gazetteer,
            text_lang: str | None = None, script: str | None = None):
    allowed = [lab for lab in labels if _ending_allowed(lab, ending, text_lang, script)]
    # A head phrase ("ishchi guruh") only in its own language: as a common noun it is one elsewhere.
    allowed = [lab for lab in allowed if lab.kind != "short"
               or (text_lang is not None and morph.family(lab.lang) == morph.family(text_lang))]
    if not allowed:
        return None
    if ending == "" and how == "fold":
        # An acronym must be written as an acronym (upper case): "ВА" is not "ва" ("and").
        allowed = [lab for lab in allowed if lab.kind != "acronym" or matched.isupper()] or []
        if not allowed:
            return None
    elif any(lab.kind == "acronym" for lab in allowed):
        # An acronym with an ending: the acronym's own letters in capitals ("BMTning", "ШҲТга", "АҚШ-қа").
        allowed = [lab for lab in allowed if lab.kind != "acronym" or matched.split("-")[0].isupper()
                   or (len(lab.text) >= 3 and matched[: len(lab.text)].isupper()
                       and matched[len(lab.text) : len(lab.text) + 1].islower())]
        if not allowed:
            return None
    iris: dict[str, list[Label]] = {}
    for lab in allowed:
        iris.setdefault(lab.iri, []).append(lab)
    # The entity with most labels of this form wins; ties keep a lower confidence.
    ranked = sorted(iris.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return ranked, allowed


def find_mentions(text: str, g: Gazetteer, lang: str | None = None, exclude: str | None = None) -> list[Mention]:
    ws = words(text)
    out: list[Mention] = []
    paragraphs = _paragraph_languages(text)
    sks = [skeleton(w) for _, _, w in ws]
    i = 0
    while i < len(ws):
        found = None
        for n in range(min(g.max_words, len(ws) - i), 0, -1):
            seq = ws[i : i + n]
            # Words must be next to each other (a space or hyphen between, not a sentence end).
            if any(text[a[1] : b[0]].strip(" \t\n-–") for a, b in zip(seq, seq[1:], strict=False)):
                continue
            head = tuple(w for _, _, w in seq[:-1])
            last = seq[-1][2]
            raw_last = text[seq[-1][0] : seq[-1][1]]
            tries = [(stem, ending, "fold") for stem, ending in morph.stems(last)]
            lemma = morph.russian_lemma(raw_last)
            if lemma:
                tries.append((lemma, "", "lemma"))
            for stem, ending, how in tries:
                labels = g.by_fold.get(head + (stem,))
                if labels:
                    if how == "lemma":
                        labels = [lab for lab in labels if morph.family(lab.lang) == "ru"]
                    matched = text[seq[0][0] : seq[-1][1]]
                    chosen = _choose(labels, ending, how, matched, g, lang or _language_at(paragraphs, seq[0][0]),
                                     _script(raw_last))
                    if chosen:
                        found = (n, chosen, ending, how)
                        break
            if not found and morph.family(lang or _language_at(paragraphs, seq[0][0]) or "") == "ru":
                stems = tuple(morph.russian_stem(w) for _, _, w in seq)
                labels = g.by_russian_stem.get(stems) if len("".join(stems)) >= 5 else None
                if labels:
                    chosen = _choose(labels, "", "stems", text[seq[0][0] : seq[-1][1]], g)
                    if chosen:
                        found = (n, chosen, "", "stems")
            if not found:
                sk = tuple(sks[i : i + n])
                labels = g.by_skeleton.get(sk)
                matched = text[seq[0][0] : seq[-1][1]]
                # Short keys only for acronyms written in capitals (МДХ/MDH: х and ҳ merge).
                if labels and len("".join(sk)) < 5:
                    capitals = matched.isupper() and len(matched) >= 3
                    labels = [lab for lab in labels if lab.kind == "acronym" and capitals]
                if labels:
                    chosen = _choose(labels, "", "skeleton", text[seq[0][0] : seq[-1][1]], g)
                    if chosen:
                        found = (n, chosen, "", "skeleton")
            if found and exclude and found[1][0][0][0] == exclude:
                found = None  # looking inside a name for other names: not the name itself again
            if found:
                break
        if not found:
            i += 1
            continue
        n, (ranked, allowed), ending, how = found
        start, end = ws[i][0], ws[i + n - 1][1]
        iri, labs = ranked[0]
        if iri.startswith(ns.ID + "state/") and _currency_name(text, end):
            i += n
            continue
        short = all(lab.kind == "short" for lab in labs)
        if short and (exclude or not shortforms.written_alone(text, start, end, labs[0].lang)):
            i += 1  # a head phrase the text extends into another name, or inside a name
            continue
        conf = {"fold": 0.95, "lemma": 0.9, "stems": 0.9, "skeleton": 0.75}[how]
        if short:
            conf = shortforms.CONFIDENCE
        if all(lab.kind == "surname" for lab in labs):
            conf -= 0.15  # a family name alone may be a relative's
        if ending:
            conf -= 0.05
        if len(ranked) > 1:
            conf = round(conf * len(labs) / sum(len(v) for _, v in ranked), 3)
        features = [f"match:{how}", f"words:{n}", f"label:{labs[0].text}@{labs[0].lang or '-'}",
                    f"label-source:{labs[0].source}"]
        if ending:
            features.append(f"ending:-{ending}@{morph.family(labs[0].lang)}")
        out.append(Mention(start, end, text[start:end], iri, round(conf, 3), tuple(features),
                           tuple(k for k, _ in ranked[1:4]), tuple(labs)))
        if n > 1 and not exclude and iri.startswith(ns.ID + "organization/"):
            # A name inside an organisation's name is a mention too ("BMT Xavfsizlik Kengashi" names
            # the UN): the organisations and states its words name, at a lower confidence. Not inside
            # an office's name: "Ўзбекистон Президенти" names the office, and the office the state.
            for inner in find_mentions(text[start:end], g, lang or _language_at(paragraphs, start), exclude=iri):
                if start + inner.end == end:
                    continue  # the name's own head noun ("… Parlamenti Senati"): not another body's name
                if inner.iri.startswith(
                        (ns.ID + "organization/", ns.ID + "state/")):
                    out.append(Mention(start + inner.start, start + inner.end, inner.text, inner.iri,
                                       round(inner.confidence - 0.1, 3), (*inner.features, f"inside:{iri}"),
                                       inner.alternatives, inner.labels))
        i += n
    if not exclude:
        from . import bothstates, tiedbodies, tolerant  # they import this module

        def lang_at(pos: int) -> str | None:
            return lang or _language_at(paragraphs, pos)

        out += tolerant.find(text, out, g, lang_at)
        out += bothstates.find(text, out, g)
        out += tiedbodies.find(text, out, g, lang_at)
    return out
