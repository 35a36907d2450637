"""Names of organisations in the corpus languages by calque (loan translation) of their English name.

Uzbek, Kazakh and Karakalpak institutions are named by translating the English (or Russian) name
word for word into the Turkic order: what the institution is of or about first, the kind of
institution last, and the head noun takes the possessive (izafet) ending when a noun modifies it
("Organisation of Islamic Cooperation" → "Islom hamkorlik tashkiloti", "Ислам ынтымақтастық
ұйымы", "Ислам бирге ислесиў шөлкеми"), and not when only adjectives do ("Intergovernmental
Commission" → "Hukumatlararo komissiya"). Russian keeps the head first, with its adjectives
agreeing and the "of" part in the genitive ("Организация исламского сотрудничества").

Names hold places and other bodies, named as the gazetteer names them ("UN Regional Centre …" →
"BMTning mintaqaviy …", "… of Central Asia" → "Markaziy Osiyo …"); a possessor before an
adjective, or itself possessed by a possessed noun, takes the genitive ("Markaziy Osiyo davlatlari
rahbarlarining maslahat uchrashuvlari"); plurals and the genitive are made by rule
(:mod:`.calque_suffixes`). A place named by its kind ("Great Silk Road") is calqued too.

The words come from :mod:`.calque_lexicon` (read by :mod:`.calque_english`); a word it lacks
means no calque (never a guess). Calques are made from the labels the gazetteer holds when this
runs, so in the leave-one-out evaluation only from labels that survived the drop. Each generated
label says which rule made it (``source``): ``calque/full`` (the whole name), ``calque/short`` (a
bilateral body named without its parties or its "on …" complement, as texts about the two states
write it, or by its relation word alone: "Interstate Council", "Intergovernmental Commission"; a
body without the place it serves, "… for Central Asia"; the quoted name of a format alone), and
the initialisms of both, which :func:`ittifoq.grow.initialisms.add_initialisms` adds when they are
unambiguous.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .. import namespaces as ns
from ..text.uzbek_cyrillic import latin_to_cyrillic
from .calque_english import PARENS, PARTS, UNKNOWN, NoCalque, Phrase, entry, noun, parse
from .calque_lexicon import (
    AND,
    FOR,
    INSTITUTIONS,
    JOINT_KINDS,
    ON,
    ORDINALS,
    PLACE_KINDS,
    RELATIONAL,
    SERIES_KINDS,
    WITH,
    WORDS,
)
from .calque_suffixes import NoEnding, accusative, genitive
from .gazetteer import Gazetteer, Label, words
from .initialisms import initialism
from .morph import is_genitive

FULL, SHORT = "calque/full", "calque/short"
INITIALISM = "calque/initialism"
OUTPUT = ("uz-latn", "uz-cyrl", "kk", "kaa", "ru")
_BILATERAL = ns.ITT + "BilateralBody"
_PLACE, _ORGANISATION = ns.ID + "place/", ns.ID + "organization/"
_MAX_VARIANTS = 4
# A quoted name and the kind of body it is: "“Central Asia plus” format".
_QUOTED = re.compile(r"[“\"«]([^”\"»]+)[”\"»]\s+([A-Za-z]+)")


def _state_names(g: Gazetteer, lang: str) -> dict[str, str]:
    """ISO code → the state's name in ``lang``, a named public reference's first (CLDR)."""
    out: dict[str, str] = {}
    for lab in sorted(g.labels, key=lambda lab: not lab.public):
        if lab.iri.startswith(ns.ID + "state/") and lab.lang == lang and lab.kind in ("pref", "alt"):
            out.setdefault(lab.iri.rsplit("/", 1)[1], lab.text)
    return out


# --- the Turkic order

def _turkic(p: Phrase, lang: str, states: dict[str, str], parties: bool, complement: bool,
            outer: bool = True, names: dict[str, list[str]] | None = None,
            possessed_possessor: bool = False, before_adjective: bool = False) -> list[list[str]]:
    """Variants of ``p`` in ``lang``, each a list of units (a unit may hold spaces and ``_``);
    ``names``: the texts in ``lang`` of the places and organisations a name may hold."""
    names = names or {}
    if p.object is not None:  # "Orolni qutqarish": the object in the accusative, then the verbal noun
        if p.object.proper is None:
            raise NoCalque("object")
        objects = [_ending(accusative, t, lang) for t in _named(p.object.proper, names, lang)]
        return [[o, h] for o in objects for h in noun(p.head, lang, False)][:_MAX_VARIANTS]
    slots: list[list[list[str]]] = []  # per slot, the variants of its units
    noun_mod = possessor = False
    adjectives = any(entry(m, lang)[0] == "a" for m in p.mods)
    if p.parties or (p.of is not None and p.of.head is None and p.of.parties):
        codes = p.parties or p.of.parties
        if parties:
            if any(c not in states for c in codes):
                raise NoCalque("state name")
            state_names = [states[c] for c in codes]
            sep = "–" if p.parties else f" {_connector(AND, lang)} "
            slots.append([[sep.join(state_names)]])
            noun_mod = possessor = True
    if p.of is not None and p.of.proper:
        # A named owner: before adjectives it takes the genitive ("BMTning mintaqaviy markazi"),
        # before a noun it makes a compound ("Markaziy Osiyo davlatlari").
        slots.append([[t] for t in _owner(_named(p.of.proper, names, lang), lang, adjectives)])
        noun_mod = possessor = True
    elif p.of is not None and p.of.head is not None:
        # A possessor that is itself possessed by a possessed noun takes the genitive, which
        # breaks the chain ("Markaziy Osiyo davlatlari rahbarlarining … uchrashuvlari"); usage
        # also writes the chain without it.
        inner_of = p.of.of
        chain = inner_of is not None and inner_of.head is not None and inner_of.of is not None
        slots.append(_turkic(p.of, lang, states, parties, complement, outer=False, names=names,
                             possessed_possessor=chain, before_adjective=adjectives))
        noun_mod = True
    clause_at = len(slots)  # what a verbal noun says the body is for comes before the rest
    if p.for_ is not None and complement:  # "Markaziy Osiyo uchun"
        slots.append([[f"{t} {_connector(FOR, lang)}"] for t in _named(p.for_.proper, names, lang)])
    if p.on is not None and complement:
        if p.on is UNKNOWN:
            raise NoCalque("complement")
        # The states named inside it are not the body's parties: they stay in its short forms.
        inner = _turkic(p.on, lang, states, True, complement, outer=False, names=names)
        slots.append([v + [_connector(ON, lang)] for v in inner])
    if p.of is not None and parties and (p.with_ is not None or (p.on is not None and complement)):
        # "Commission of Uzbekistan on cooperation with …": the owner before another phrase would
        # need the genitive ("Oʻzbekistonning …"), which these rules do not make.
        raise NoCalque("genitive")
    if p.with_ is not None:
        inner = _turkic(p.with_, lang, states, True, complement, outer=False, names=names)
        slots.append([v + [_connector(WITH, lang)] for v in inner])
    for m in p.mods:
        pos, variants = entry(m, lang)
        noun_mod = noun_mod or pos in "np"
        slots.append([[v[0]] for v in variants])
    if p.purpose is not None:
        purpose = _turkic(p.purpose, lang, states, parties, complement, outer=False, names=names)
        slots.insert(clause_at if p.purpose.object is not None else len(slots), purpose)
        noun_mod = True
    # An inner head takes the possessive after its possessor (the states: "their regions"); after
    # a noun inside a compound name usage varies, bare first ("Islom hamkorlik tashkiloti") and
    # with it ("Түркі мемлекеттері ұйымы"); after adjectives only, it stays bare.
    # A plural inside takes it always after a noun ("davlat rahbarlari kengashi"). Before an
    # adjective only the genitive joins a possessor to its head ("басшыларының консультативтік …").
    if possessed_possessor:
        heads = noun(p.head, lang, True)
        heads = [_ending(genitive, h, lang) for h in heads] + ([] if before_adjective else heads)
    elif outer or possessor or not noun_mod:
        heads = noun(p.head, lang, noun_mod if outer else possessor)
    elif p.head.endswith("+pl"):
        heads = noun(p.head, lang, True)
    else:
        heads = noun(p.head, lang, False) + noun(p.head, lang, True)
    slots.append([[h] for h in heads])
    out = [sum(combo, []) for combo in itertools.product(*slots)]
    return out[:_MAX_VARIANTS]


def _named(key: str, names: dict[str, list[str]], lang: str) -> list[str]:
    if names.get(key):
        return names[key]
    if key in WORDS:
        return [v[0] for v in entry(key, lang)[1]]
    raise NoCalque(f"no name for {key}")


def _ending(rule, text: str, lang: str) -> str:
    try:
        return rule(text, lang)
    except NoEnding as e:
        raise NoCalque(str(e)) from None


def _owner(texts: list[str], lang: str, adjectives: bool) -> list[str]:
    if not adjectives:
        return texts
    out = []
    for t in texts:
        try:
            out.append(genitive(t, lang))
        except NoEnding:
            continue  # an initialism in Kazakh or Karakalpak: its full name only
    if not out:
        raise NoCalque("owner")
    return out


def _connector(table: dict[str, str], lang: str) -> str:
    if lang == "uz-cyrl":
        return latin_to_cyrillic(table["uz"])
    if lang not in table and lang != "uz-latn":
        raise NoCalque(f"no connector in {lang}")
    return table["uz" if lang == "uz-latn" else lang]


# --- labels

def calques(name: str, states: dict[str, dict[str, str]], bilateral: bool,
            lang_of_name: str = "en", names: dict[str, dict[str, list[str]]] | None = None,
            place: bool = False) -> list[tuple[str, str, str, str]]:
    """(text, lang, source, initialism-or-"") of every calque of ``name``, an English name or
    (``lang_of_name="ru"``) a Russian one; ``names``: English name (lower case) of a place or an
    organisation → its names per language, for the names that hold it ("UN …", "… of Central Asia");
    ``place``: the name is a place's ("Great Silk Road"), calqued when its last word is a kind of place."""
    from . import calque_russian

    try:
        phrase = calque_russian.parse(name) if lang_of_name == "ru" else parse(name, set(names or ()))
    except NoCalque:
        return []
    if phrase.head is None or phrase.head.removesuffix("+pl") not in (PLACE_KINDS if place else INSTITUTIONS):
        return []  # "United Nations": not a name made of the kind of institution it is
    if place:
        bilateral = False
    forms = [(phrase, True, True, FULL)]
    if bilateral:  # "Business Council" for the Uzbek–Kazakh Business Council
        forms += [f for f in ((phrase, False, True, SHORT), (phrase, False, False, SHORT))
                  if _specific(_without(phrase, f[1], f[2]))]
        relational = [m for m in phrase.mods if m in RELATIONAL]
        if relational and relational != phrase.mods:  # "Interstate Council", "Interparliamentary Council"
            forms.append((Phrase(head=phrase.head, mods=relational), False, False, SHORT))
    if phrase.for_ is not None and _specific(_without(phrase, True, False)):
        forms.append((phrase, True, False, SHORT))  # without the place it serves: "BMTning mintaqaviy … markazi"
    if bilateral and phrase.head in JOINT_KINDS and "joint" not in phrase.mods and set(phrase.mods) & RELATIONAL:
        # A body of two governments is joint by nature, and is often called so: "ҳүкиметлераралық
        # қоспа комиссия", "совместная межправительственная комиссия".
        forms += [(replace(p, mods=[*p.mods, "joint"]), parties, complement, source)
                  for p, parties, complement, source in forms if set(p.mods) & RELATIONAL]
    series = None
    if phrase.head.endswith("+pl") and phrase.head[:-3] in SERIES_KINDS and phrase.purpose is None:
        series = replace(phrase, head=phrase.head[:-3])  # one meeting of the series
        forms.append((series, True, True, SHORT))
    quoted = _QUOTED.fullmatch(name.strip()) if lang_of_name == "en" else None
    if quoted and quoted.group(1).lower().split()[-1] in INSTITUTIONS:
        return []  # a body's name inside another's ("“Business Council” format"): not word by word
    if quoted and (quoted.group(2).lower() != phrase.head or not _plain(replace(phrase, of=None))
                   or (phrase.of is not None and not phrase.of.proper)):
        quoted = None  # only a name, and the one noun after it
    out: list[tuple[str, str, str, str]] = []
    for lang in OUTPUT:
        if lang == lang_of_name:
            continue
        for p, parties, complement, source in forms:
            try:
                if lang == "ru":
                    if "joint" in p.mods:  # Russian puts it first: "совместная межправительственная …"
                        p = replace(p, mods=["joint", *p.mods[:-1]])
                    variants = [calque_russian.render(_without(p, parties, complement)).split()]
                else:
                    in_lang = {k: v.get(lang, []) for k, v in (names or {}).items()}
                    variants = _turkic(p, lang, states.get(lang, {}), parties, complement, names=in_lang)
            except NoCalque:
                continue
            for units in variants:
                if len(units) < 2:
                    continue  # a head alone ("komissiya", "Senat") names no particular body
                text = " ".join(units).replace("_", " ").replace(PARTS, "")
                text = text[:1].upper() + text[1:]
                # Initialisms of the whole name only: a short form's (ПҲК) are too easily another's.
                short = None
                # Not of "… bilan … boʻyicha", nor of a name holding another's, nor of a place.
                if source == FULL and _plain(phrase) and not place:
                    short = initialism(" ".join(u.replace("_", "").replace(PARTS, " ") for u in units), lang)
                out.append((text, lang, source, short or ""))
                if quoted and source == FULL and p is phrase and len(units) > 2:
                    # "“Central Asia plus” format": the quoted words are the body's name by themselves.
                    name_only = " ".join(units[:-1]).replace("_", " ").replace(PARTS, "")
                    out.append((name_only[:1].upper() + name_only[1:], lang, SHORT, ""))
                at = len(units) - len(p.mods) - 1
                if p is series and lang != "ru" and at > 0 and is_genitive(units[at - 1]):
                    # Its ordinal after the possessor, which then takes the genitive, before the modifiers.
                    for ordinal in _ordinals(lang):
                        text = " ".join([*units[:at], ordinal, *units[at:]]).replace("_", " ").replace(PARTS, "")
                        out.append((text[:1].upper() + text[1:], lang, SHORT, ""))
    return list(dict.fromkeys(out))



def _ordinals(lang: str) -> tuple[str, ...]:
    if lang == "uz-cyrl":
        return tuple(latin_to_cyrillic(o) for o in ORDINALS["uz"])
    return ORDINALS["uz" if lang == "uz-latn" else lang]


def _specific(p: Phrase) -> bool:
    """Whether a short form still says which body it is: by what it works on, a noun before its
    head ("Business Council") or a relation word ("Intergovernmental …"); "International Centre"
    does not."""
    nouns = [m for m in p.mods if WORDS[m.removesuffix("+pl")].get("uz", "")[:2] in ("n:", "p:")]
    return bool(p.on is not None or p.with_ is not None or (p.of is not None and (p.of.head or p.of.proper))
                or nouns or p.purpose is not None or any(m in RELATIONAL for m in p.mods))


def _plain(p: Phrase | None) -> bool:
    """Whether a name is made of the lexicon's words only, each an initialism's letter."""
    if p is None:
        return True
    return (p.on is None and p.with_ is None and p.proper is None and p.purpose is None and p.for_ is None
            and _plain(p.of))


def _without(p: Phrase, parties: bool, complement: bool) -> Phrase:
    of = p.of
    if of is not None and of.head is None and of.parties and not parties:
        of = None
    return Phrase(head=p.head, mods=p.mods, parties=p.parties if parties else [], of=of,
                  on=p.on if complement else None, with_=p.with_, purpose=p.purpose,
                  for_=p.for_ if complement else None)


def names_in(g: Gazetteer) -> dict[str, dict[str, list[str]]]:
    """English name (lower case, and an organisation's English initialism) of each place and
    organisation → its names in the output languages, a named public reference's first and an
    initialism before them (BMT); a name two entities share is left out."""
    english: dict[str, set[str]] = {}
    for lab in g.labels:
        if lab.lang == "en" and lab.kind in ("pref", "alt") and lab.iri.startswith((_PLACE, _ORGANISATION)):
            key = " ".join(t for t in PARENS.sub(" ", lab.text).lower().split() if t != "the")
            english.setdefault(key, set()).add(lab.iri)
            short = initialism(lab.text, "en") if lab.iri.startswith(_ORGANISATION) else None
            if short and short.isupper():
                english.setdefault(short.lower(), set()).add(lab.iri)
    iris = {next(iter(v)) for v in english.values() if len(v) == 1}
    texts: dict[str, dict[str, list[str]]] = {}
    order = {"acronym": 0, "pref": 1, "alt": 1}
    for lab in sorted(g.labels, key=lambda x: (order.get(x.kind, 9), not x.public)):
        if lab.iri in iris and lab.lang in OUTPUT and lab.kind in order:
            found = texts.setdefault(lab.iri, {}).setdefault(lab.lang, [])
            if lab.text not in found and len(found) < 2 and (lab.kind != "acronym" or lab.lang.startswith("uz")):
                found.append(lab.text)
    return {k: texts.get(next(iter(v)), {}) for k, v in english.items() if len(v) == 1}


def add_calques(g: Gazetteer) -> list[Label]:
    """Add calque labels to the organisations of ``g`` (and to places named by their kind); returns
    their initialisms (kind ``acronym``), for :func:`add_initialisms` to add where they name one entity only."""
    states = {lang: _state_names(g, lang) for lang in OUTPUT}
    names = names_in(g)
    made: dict[tuple[str, ...], list[Label]] = {}
    acronyms: list[Label] = []
    for lab in list(g.labels):
        if not (lab.iri.startswith((_ORGANISATION, _PLACE)) and lab.lang in ("en", "ru")
                and lab.kind in ("pref", "alt")):
            continue
        bilateral = _BILATERAL in g.types.get(lab.iri, set())
        place = lab.iri.startswith(_PLACE)
        for text, lang, source, short in calques(lab.text, states, bilateral, lab.lang, names, place):
            key = tuple(w for _, _, w in words(text))
            made.setdefault(key, []).append(Label(lab.iri, text, lang, "calque", source))
            if short and len(short) >= 3:
                acronyms.append(Label(lab.iri, short, lang, "acronym", INITIALISM))
                if lang == "kaa" and "Э" in short:
                    # Karakalpak's official alphabet is Latin, which writes Э and Е alike (E):
                    # initialisms coined in it keep Е when written in Cyrillic.
                    acronyms.append(Label(lab.iri, short.replace("Э", "Е"), lang, "acronym", INITIALISM))
    for key, labels in made.items():
        owners = {x.iri for x in labels}
        taken = {x.iri for x in g.by_fold.get(key, [])}
        if len(owners) == 1 and taken <= owners:  # a calque never takes another entity's name
            for x in {(x.text, x.lang): x for x in labels}.values():
                g.add(x)
    return acronyms

