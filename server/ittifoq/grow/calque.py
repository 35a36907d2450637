"""Names of organisations in the corpus languages by calque (loan translation) of their English name.

Uzbek, Kazakh and Karakalpak institutions are named by translating the English (or Russian) name
word for word into the Turkic order: what the institution is of or about first, the kind of
institution last, and the head noun takes the possessive (izafet) ending when a noun modifies it
("Organisation of Islamic Cooperation" → "Islom hamkorlik tashkiloti", "Ислам ынтымақтастық
ұйымы", "Ислам бирге ислесиў шөлкеми"), and not when only adjectives do ("Intergovernmental
Commission" → "Hukumatlararo komissiya"). Russian keeps the head first, with its adjectives
agreeing and the "of" part in the genitive ("Организация исламского сотрудничества").

The words come from :mod:`.calque_lexicon`; a word it lacks means no calque (never a guess).
Calques are made from the labels the gazetteer holds when this runs, so in the leave-one-out
evaluation only from labels that survived the drop. Each generated label says which rule made it
(``source``): ``calque/full`` (the whole name), ``calque/short`` (a bilateral body named without
its parties or its "on …" complement, as texts about the two states write it, or by its relation
word alone: "Interstate Council", "Intergovernmental Commission"), and the initialisms
of both, which :func:`ittifoq.grow.initialisms.add_initialisms` adds when they are unambiguous.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .. import namespaces as ns
from ..text.uzbek_cyrillic import latin_to_cyrillic
from .calque_lexicon import AND, INSTITUTIONS, ON, RELATIONAL, STATES, WITH, WORDS
from .gazetteer import Gazetteer, Label, words
from .initialisms import initialism

FULL, SHORT = "calque/full", "calque/short"
INITIALISM = "calque/initialism"
OUTPUT = ("uz-latn", "uz-cyrl", "kk", "kaa", "ru")
_BILATERAL = ns.ITT + "BilateralBody"
_MAX_VARIANTS = 4
_LONGEST_ENTRY = max(len(k.split()) for k in WORDS)
_PARENS = re.compile(r"\([^)]*\)|[“”\"«»]")


class NoCalque(Exception):
    """The name holds a word or a construction the lexicon does not give."""


@dataclass
class Phrase:
    """An English name: parties (ISO codes), modifiers, head, and its "of", "on" and "with" parts."""
    head: str | None = None
    mods: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    of: Phrase | None = None
    on: Phrase | None = None
    with_: Phrase | None = None


UNKNOWN = Phrase()  # a complement the lexicon cannot translate


def parse(english: str) -> Phrase:
    tokens = [t for t in _PARENS.sub(" ", english).lower().replace(",", " ").split() if t != "the"]
    return _phrase(tokens)


def _phrase(tokens: list[str]) -> Phrase:
    if not tokens:
        raise NoCalque("empty")
    if all(t in STATES or t == "and" for t in tokens):
        parties = [STATES[t] for t in tokens if t != "and"]
        if not parties or tokens[0] == "and" or tokens[-1] == "and":
            raise NoCalque("parties")
        return Phrase(parties=parties)
    # The loosest part first: what the body works on, then with whom, then whose it is.
    for i, t in enumerate(tokens):
        if t in ("on", "for"):
            # What a body works on: calqued when the lexicon has its words, else only the forms
            # without it are made ("Intergovernmental working group on …" → "… ishchi guruh").
            p = _phrase(tokens[:i])
            if p.head is None:
                raise NoCalque(f"{t} after the parties")
            try:
                p.on = _phrase(tokens[i + 1 :]) if t == "on" else UNKNOWN
            except NoCalque:
                p.on = UNKNOWN
            if p.on is not UNKNOWN and p.on.head is None:
                raise NoCalque(t)
            return p
    for joint in ("with", "of"):
        if joint in tokens:
            i = tokens.index(joint)
            p = _phrase(tokens[:i])
            rest = _phrase(tokens[i + 1 :])
            if joint == "with" and rest.head is not None and p.head is not None and p.with_ is None:
                p.with_ = rest  # "cooperation with the Parliament of Kazakhstan"
            elif joint == "of" and p.of is None:
                p.of = rest
            else:
                raise NoCalque(joint)
            return p
    p = Phrase()
    pair = re.fullmatch(r"([a-z]+)[–—-]([a-z]+)", tokens[0])
    if pair and pair.group(1) in STATES and pair.group(2) in STATES:  # "Uzbek–Kazakh …"
        p.parties = [STATES[pair.group(1)], STATES[pair.group(2)]]
        tokens = tokens[1:]
    entries: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(_LONGEST_ENTRY, len(tokens) - i), 0, -1):
            key = " ".join(tokens[i : i + n])
            if key in WORDS:
                entries.append(key)
                i += n
                break
        else:
            raise NoCalque(tokens[i])
    if not entries:
        raise NoCalque("no head")
    p.mods, p.head = entries[:-1], entries[-1]
    return p


# --- forms of the lexicon

def entry(word: str, lang: str) -> tuple[str, list[list[str]]]:
    """(part of speech, variants of its forms) of ``word`` in ``lang`` (uz-latn, uz-cyrl, kk, kaa, ru)."""
    entry = WORDS[word]
    spec = entry.get("uz-Cyrl") if lang == "uz-cyrl" else None
    cyrillic_rule = lang == "uz-cyrl" and spec is None
    spec = spec or entry.get({"uz-latn": "uz", "uz-cyrl": "uz"}.get(lang, lang))
    if spec is None:
        raise NoCalque(f"{word}@{lang}")
    pos, forms = spec.split(":", 1)
    variants = [v.split("/") for v in forms.split("|")]
    if cyrillic_rule:
        variants = [[latin_to_cyrillic(f) for f in v] for v in variants]
    return pos, variants


def _noun(word: str, lang: str, possessive: bool) -> list[str]:
    pos, variants = entry(word, lang)
    if pos != "n":
        raise NoCalque(f"{word} is no noun in {lang}")
    if possessive and any(len(v) < 2 for v in variants):
        raise NoCalque(f"{word}: no possessive in {lang}")
    return [v[1] if possessive else v[0] for v in variants]


def _state_names(g: Gazetteer, lang: str) -> dict[str, str]:
    """ISO code → the state's name in ``lang``, a named public reference's first (CLDR)."""
    out: dict[str, str] = {}
    for lab in sorted(g.labels, key=lambda lab: not lab.public):
        if lab.iri.startswith(ns.ID + "state/") and lab.lang == lang and lab.kind in ("pref", "alt"):
            out.setdefault(lab.iri.rsplit("/", 1)[1], lab.text)
    return out


# --- the Turkic order

def _turkic(p: Phrase, lang: str, states: dict[str, str], parties: bool, complement: bool,
            outer: bool = True) -> list[list[str]]:
    """Variants of ``p`` in ``lang``, each a list of units (a unit may hold spaces and ``_``)."""
    slots: list[list[list[str]]] = []  # per slot, the variants of its units
    noun_mod = possessor = False
    if p.parties or (p.of is not None and p.of.head is None):
        codes = p.parties or p.of.parties
        if parties:
            if any(c not in states for c in codes):
                raise NoCalque("state name")
            names = [states[c] for c in codes]
            sep = "–" if p.parties else f" {_connector(AND, lang)} "
            slots.append([[sep.join(names)]])
            noun_mod = possessor = True
    if p.of is not None and p.of.head is not None:
        slots.append(_turkic(p.of, lang, states, parties, complement, outer=False))
        noun_mod = True
    if p.on is not None and complement:
        if p.on is UNKNOWN:
            raise NoCalque("complement")
        # The states named inside it are not the body's parties: they stay in its short forms.
        inner = _turkic(p.on, lang, states, True, complement, outer=False)
        slots.append([v + [_connector(ON, lang)] for v in inner])
    if p.of is not None and parties and (p.with_ is not None or (p.on is not None and complement)):
        # "Commission of Uzbekistan on cooperation with …": the owner before another phrase would
        # need the genitive ("Oʻzbekistonning …"), which these rules do not make.
        raise NoCalque("genitive")
    if p.with_ is not None:
        inner = _turkic(p.with_, lang, states, True, complement, outer=False)
        slots.append([v + [_connector(WITH, lang)] for v in inner])
    for m in p.mods:
        pos, variants = entry(m, lang)
        noun_mod = noun_mod or pos == "n"
        slots.append([[v[0]] for v in variants])
    # An inner head takes the possessive after its possessor (the states: "their regions"); after
    # a noun inside a compound name usage varies, bare first ("Islom hamkorlik tashkiloti") and
    # with it ("Түркі мемлекеттері ұйымы"); after adjectives only, it stays bare.
    if outer or possessor or not noun_mod:
        heads = _noun(p.head, lang, noun_mod if outer else possessor)
    else:
        heads = _noun(p.head, lang, False) + _noun(p.head, lang, True)
    slots.append([[h] for h in heads])
    out = [sum(combo, []) for combo in itertools.product(*slots)]
    return out[:_MAX_VARIANTS]


def _connector(table: dict[str, str], lang: str) -> str:
    if lang == "uz-cyrl":
        return latin_to_cyrillic(table["uz"])
    if lang not in table and lang != "uz-latn":
        raise NoCalque(f"no connector in {lang}")
    return table["uz" if lang == "uz-latn" else lang]


# --- labels

def calques(name: str, states: dict[str, dict[str, str]], bilateral: bool,
            lang_of_name: str = "en") -> list[tuple[str, str, str, str]]:
    """(text, lang, source, initialism-or-"") of every calque of ``name``, an English name or
    (``lang_of_name="ru"``) a Russian one."""
    from . import calque_russian

    try:
        phrase = calque_russian.parse(name) if lang_of_name == "ru" else parse(name)
    except NoCalque:
        return []
    if phrase.head not in INSTITUTIONS:
        return []  # "United Nations": not a name made of the kind of institution it is
    forms = [(phrase, True, True, FULL)]
    if bilateral:  # "Business Council" for the Uzbek–Kazakh Business Council
        forms += [f for f in ((phrase, False, True, SHORT), (phrase, False, False, SHORT))
                  if _specific(_without(phrase, f[1], f[2]))]
        relational = [m for m in phrase.mods if m in RELATIONAL]
        if relational and relational != phrase.mods:  # "Interstate Council", "Interparliamentary Council"
            forms.append((Phrase(head=phrase.head, mods=relational), False, False, SHORT))
    out: list[tuple[str, str, str, str]] = []
    for lang in OUTPUT:
        if lang == lang_of_name:
            continue
        for p, parties, complement, source in forms:
            try:
                if lang == "ru":
                    variants = [calque_russian.render(_without(p, parties, complement)).split()]
                else:
                    variants = _turkic(p, lang, states.get(lang, {}), parties, complement)
            except NoCalque:
                continue
            for units in variants:
                if len(units) < 2:
                    continue  # a head alone ("komissiya", "Senat") names no particular body
                text = " ".join(units).replace("_", " ")
                text = text[:1].upper() + text[1:]
                # Initialisms of the whole name only: a short form's (ПҲК) are too easily another's.
                short = None
                if source == FULL and phrase.on is None and phrase.with_ is None:  # not of "… bilan … boʻyicha"
                    short = initialism(" ".join(u.replace("_", "") for u in units), lang)
                out.append((text, lang, source, short or ""))
    return list(dict.fromkeys(out))


def _specific(p: Phrase) -> bool:
    """Whether a short form still says which body it is: by what it works on, a noun before its
    head ("Business Council") or a relation word ("Intergovernmental …"); "International Centre"
    does not."""
    nouns = [m for m in p.mods if WORDS[m].get("uz", "").startswith("n:")]
    return bool(p.on is not None or p.with_ is not None or (p.of is not None and p.of.head) or nouns
                or any(m in RELATIONAL for m in p.mods))


def _without(p: Phrase, parties: bool, complement: bool) -> Phrase:
    of = p.of
    if of is not None and of.head is None and not parties:
        of = None
    return Phrase(head=p.head, mods=p.mods, parties=p.parties if parties else [], of=of,
                  on=p.on if complement else None, with_=p.with_)


def add_calques(g: Gazetteer) -> list[Label]:
    """Add calque labels to the organisations of ``g``; returns their initialisms (kind
    ``acronym``), for :func:`add_initialisms` to add where they name one entity only."""
    states = {lang: _state_names(g, lang) for lang in OUTPUT}
    made: dict[tuple[str, ...], list[Label]] = {}
    acronyms: list[Label] = []
    for lab in list(g.labels):
        if not (lab.iri.startswith(ns.ID + "organization/") and lab.lang in ("en", "ru")
                and lab.kind in ("pref", "alt")):
            continue
        bilateral = _BILATERAL in g.types.get(lab.iri, set())
        for text, lang, source, short in calques(lab.text, states, bilateral, lab.lang):
            key = tuple(w for _, _, w in words(text))
            made.setdefault(key, []).append(Label(lab.iri, text, lang, "calque", source))
            if short and len(short) >= 3:
                acronyms.append(Label(lab.iri, short, lang, "acronym", INITIALISM))
    for key, labels in made.items():
        owners = {x.iri for x in labels}
        taken = {x.iri for x in g.by_fold.get(key, [])}
        if len(owners) == 1 and taken <= owners:  # a calque never takes another entity's name
            for x in {(x.text, x.lang): x for x in labels}.values():
                g.add(x)
    return acronyms

