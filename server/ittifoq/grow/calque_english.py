"""English (and, through :mod:`.calque_russian`, Russian) names of bodies read into the words of
:mod:`.calque_lexicon`, for :mod:`.calque` to put into the Turkic order.

A name is a :class:`Phrase`: its head (the kind of body), the modifiers before it, its parties,
and its "of", "on", "with" and "for" parts. A place or another body the gazetteer names may stand
inside it ("UN Regional Centre …", "… of Central Asia"): a ``proper`` part, named in each language
by the gazetteer (:func:`ittifoq.grow.calque.names_in`). A word the lexicon lacks, and which names
nothing the gazetteer holds, means no calque (:class:`NoCalque`), never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.uzbek_cyrillic import latin_to_cyrillic
from .calque_lexicon import STATES, WORDS
from .calque_suffixes import NoEnding, plural, possessive_plural

_LONGEST_ENTRY = max(len(k.split()) for k in WORDS)
PARENS = re.compile(r"\([^)]*\)|[“”\"«»]")
# Inside a word of the lexicon, the boundary of the words it is compounded of, each an initialism's
# letter: Евр·азия (Europe + Asia) → the ЕА of ЕАЭС.
PARTS = "·"


class NoCalque(Exception):
    """The name holds a word or a construction the lexicon does not give."""


@dataclass
class Phrase:
    """An English name: parties (ISO codes), modifiers, head, and its "of", "on", "with" and "for"
    parts; or (``proper``) a place or body the gazetteer names."""
    head: str | None = None
    mods: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    of: Phrase | None = None
    on: Phrase | None = None
    with_: Phrase | None = None
    proper: str | None = None  # a place or organisation the gazetteer names ("central asia", "un")
    purpose: Phrase | None = None  # "Centre for Preventive Diplomacy": a noun before the head
    for_: Phrase | None = None  # "… for Central Asia": a place the body serves, which a short form drops
    object: Phrase | None = None  # what a verbal noun head acts on: "saving the Aral Sea"


UNKNOWN = Phrase()  # a complement the lexicon cannot translate


def parse(english: str, names: frozenset[str] | set[str] = frozenset()) -> Phrase:
    """The parts of an English name; ``names`` are the places and organisations (lower case
    English) a name may hold, which the gazetteer gives in the other languages."""
    tokens = [t for t in PARENS.sub(" ", english).lower().replace(",", " ").split() if t != "the"]
    # Not the name itself: it is what is calqued.
    return _phrase(_idioms(tokens), {tuple(n.split()) for n in names} - {tuple(tokens)})


def _idioms(tokens: list[str]) -> list[str]:
    """English "heads of state" is a compound with a generic singular: the Turkic languages say
    "state heads" ("davlat rahbarlari"), and count the states of a named group ("Markaziy Osiyo
    davlatlari rahbarlari": the heads of the states of Central Asia)."""
    for i in range(len(tokens) - 2):
        if tokens[i : i + 3] == ["heads", "of", "state"]:
            if tokens[i + 3 : i + 4] == ["of"]:
                return tokens[: i + 2] + ["states"] + tokens[i + 3 :]
            return tokens[:i] + ["state", "heads"] + tokens[i + 3 :]
    return tokens


def _plural_key(token: str) -> str | None:
    """``meeting+pl`` for "meetings": a noun of the lexicon in the plural, which the Turkic
    languages make by rule (:mod:`.calque_suffixes`)."""
    for singular in (token[:-3] + "y" if token.endswith("ies") else None, token[:-1] if token.endswith("s") else None):
        if singular and singular in WORDS and WORDS[singular].get("uz", "").startswith("n:"):
            return singular + "+pl"
    return None


def _phrase(tokens: list[str], names: set[tuple[str, ...]] = frozenset()) -> Phrase:
    """The parts of ``tokens``: words of the lexicon where they are, else a name the gazetteer holds."""
    try:
        return _words(tokens, names)
    except NoCalque:
        if tuple(tokens) in names:
            return Phrase(proper=" ".join(tokens))
        raise


def _words(tokens: list[str], names: set[tuple[str, ...]]) -> Phrase:
    if not tokens:
        raise NoCalque("empty")
    if WORDS.get(tokens[0], {}).get("uz", "").startswith("g:") and _place(tokens[1:], names):
        # A verbal noun and the place it acts on ("saving the Aral Sea" → "Orolni qutqarish").
        rest = _phrase(tokens[1:], names)
        return Phrase(head=tokens[0], object=rest)
    if all(t in STATES or t == "and" for t in tokens):
        parties = [STATES[t] for t in tokens if t != "and"]
        if not parties or tokens[0] == "and" or tokens[-1] == "and":
            raise NoCalque("parties")
        return Phrase(parties=parties)
    # The loosest part first: the place a body serves, what it works on, then with whom, then whose it is.
    last_for = max((i for i, t in enumerate(tokens) if t == "for"), default=None)
    if last_for is not None and _place(tokens[last_for + 1 :], names):
        p = _phrase(tokens[:last_for], names)
        if p.head is None or p.for_ is not None:
            raise NoCalque("for")
        p.for_ = Phrase(proper=" ".join(tokens[last_for + 1 :]))
        return p
    for i, t in enumerate(tokens):
        if t in ("on", "for"):
            # What a body works on: calqued when the lexicon has its words, else only the forms
            # without it are made ("Intergovernmental working group on …" → "… ishchi guruh").
            # What it is for, a noun phrase, comes before the head as a noun does
            # ("Centre for Preventive Diplomacy" → "preventiv diplomatiya markazi").
            p = _phrase(tokens[:i], names)
            if p.head is None:
                raise NoCalque(f"{t} after the parties")
            try:
                inner = _phrase(tokens[i + 1 :], names)
            except NoCalque:
                inner = UNKNOWN
            if inner is not UNKNOWN and inner.head is None:
                raise NoCalque(t)
            if t == "on":
                p.on = inner
            elif inner is UNKNOWN or inner.parties or inner.on or inner.with_ or inner.for_ or p.purpose:
                p.on = UNKNOWN
            else:
                p.purpose = inner
            return p
    for joint in ("with", "of"):
        if joint in tokens:
            i = tokens.index(joint)
            p = _phrase(tokens[:i], names)
            rest = _phrase(tokens[i + 1 :], names)
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
    # A place or an organisation before the rest is its owner: "UN Regional Centre" (the UN's).
    owner = max((n for n in range(1, len(tokens)) if tuple(tokens[:n]) in names), default=0)
    if owner and tokens[0] not in WORDS:
        p.of = Phrase(proper=" ".join(tokens[:owner]))
        tokens = tokens[owner:]
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
            plural = _plural_key(tokens[i])
            if plural is None:
                raise NoCalque(tokens[i])
            entries.append(plural)
            i += 1
    if not entries:
        raise NoCalque("no head")
    if any(WORDS.get(e, {}).get("uz", "").startswith("g:") for e in entries):
        raise NoCalque("a verbal noun without the place it acts on")
    if len(entries) == 1 and not p.parties and not p.of and _place(tokens, names):
        return Phrase(proper=entries[0])
    p.mods, p.head = entries[:-1], entries[-1]
    return p


def _place(tokens: list[str], names: set[tuple[str, ...]]) -> bool:
    """Whether ``tokens`` name a place: the gazetteer's or the lexicon's."""
    key = " ".join(tokens)
    return tuple(tokens) in names or WORDS.get(key, {}).get("uz", "").startswith("p:")


# --- forms of the lexicon

def entry(word: str, lang: str) -> tuple[str, list[list[str]]]:
    """(part of speech, variants of its forms) of ``word`` in ``lang`` (uz-latn, uz-cyrl, kk, kaa, ru);
    ``word+pl`` is the plural of a noun, made by rule (Russian plurals are not)."""
    if word.endswith("+pl"):
        if lang == "ru":
            raise NoCalque(f"{word}@ru")
        pos, variants = entry(word[:-3], lang)
        try:
            return pos, [[plural(v[0], lang), possessive_plural(v[0], lang)] for v in variants]
        except NoEnding as e:
            raise NoCalque(str(e)) from None
    forms_of = WORDS[word]
    spec = forms_of.get("uz-Cyrl") if lang == "uz-cyrl" else None
    cyrillic_rule = lang == "uz-cyrl" and spec is None
    spec = spec or forms_of.get({"uz-latn": "uz", "uz-cyrl": "uz"}.get(lang, lang))
    if spec is None:
        raise NoCalque(f"{word}@{lang}")
    pos, forms = spec.split(":", 1)
    variants = [v.split("/") for v in forms.split("|")]
    if cyrillic_rule:
        variants = [[latin_to_cyrillic(f) for f in v] for v in variants]
    return pos, variants


def noun(word: str, lang: str, possessive: bool) -> list[str]:
    pos, variants = entry(word, lang)
    if pos not in ("n", "g"):
        raise NoCalque(f"{word} is no noun in {lang}")
    if possessive and any(len(v) < 2 for v in variants):
        raise NoCalque(f"{word}: no possessive in {lang}")
    return [v[1] if possessive else v[0] for v in variants]
