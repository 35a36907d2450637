"""Short forms of organisation names, and names matched without their parentheticals.

A long name is written once, or not at all, and then by its head noun phrase: "… boʻyicha
hukumatlararo ishchi guruh" becomes "ishchi guruh", "Межправительственная рабочая группа по …"
becomes "рабочая группа". Two kinds of label are derived here from the labels that survive
(after any leave-one-out drop):

- a label without its parentheticals and quotes, kind ``alt``, source ``shortform/bare``: "(under
  study)", "(planned)" are a curator's notes that no text writes;
- a one-word Uzbek company or agency name as brands romanise it through Russian, kind ``alt``,
  source ``shortform/romanised``: ў/oʻ as u, ғ/gʻ as g ("Oʻzavtosanoat" → "Uzavtosanoat", as
  "Oʻzbekiston" is "Uzbekistan");
- the head noun phrase, kind ``short``, source ``shortform/head``: in Uzbek, Kazakh and
  Karakalpak (head last) the last modifier and the head noun, only when the head carries no
  possessive ending (a possessed head, "… ishlar vazirligi", "… jamgʻarmasi", has a noun
  complement before it, so the last two words are a fragment, not a name); in Russian (head
  after its adjectives) the adjective before the head and the head; in English the word before
  the head and the head, the head being the word before the first preposition.

A head phrase is kept only when it names one organisation of the gazetteer and no other entity
has it as a label, when its modifier is not a mere scope word ("international", "xalqaro":
"International fund" says nothing of which fund), and when the name had at least one more word.
The matcher gives a ``short`` label a lower confidence and matches it only in its own language
(:mod:`.mentions`); :func:`written_alone` then drops a head phrase that the text extends into
another body's name ("suv resurslari boʻyicha ishchi guruh", "рабочая группа по вопросам …").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from .. import namespaces as ns
from ..text.normalize import APOSTROPHES, fold
from .gazetteer import WORD_RE, Gazetteer, Label, words
from .morph import TURKIC, family, is_genitive

BARE = "shortform/bare"
ROMANISED = "shortform/romanised"
HEAD = "shortform/head"
CONFIDENCE = 0.65  # below a full name's (0.95): a head phrase is an anaphor, a curator confirms it
_PARENS = re.compile(r"\s*\([^)]*\)|[“”\"«»„]")
# Possessive (izafet) endings of a head noun, folded: Uzbek -i/-si, Kazakh -ы/-і/-сы/-сі,
# Karakalpak -ы/-и/-сы/-си (folded ы → y, і → i).
_POSSESSIVE = {"uz": ("i",), "kk": ("y", "i"), "kaa": ("y", "i")}
# Words that make a short form no name: scope adjectives, and the joints of a longer name
# (conjunctions, postpositions, genitive endings are checked apart).
_SCOPE = {fold(w) for w in (
    "international", "regional", "national", "xalqaro", "mintaqaviy", "milliy", "халқаро", "минтақавий",
    "миллий", "халықаралық", "аймақтық", "ұлттық", "аймақлық", "международный", "международная",
    "международное", "региональный", "региональная", "региональное", "национальный", "национальная",
    "национальное")}
_JOINTS = {fold(w) for w in (
    "va", "ва", "ham", "ҳәм", "және", "и", "and", "boʻyicha", "бўйича", "бойынша", "бойича", "uchun", "учун",
    "үшін", "ушын", "bilan", "билан", "менен", "бен", "oid", "оид", "доирасидаги", "doirasidagi", "huzuridagi",
    "ҳузуридаги", "жанындағы", "жанындағы", "qoshidagi", "қошидаги")}
# The relative ending (-dagi: "Avezov nomidagi", "… huzuridagi") ties the word to a complement before it.
_RELATIVE = tuple(fold(e) for e in ("даги", "dagi", "дағы", "дегі", "тағы", "тегі", "деги", "теги"))
# Words after an English or Russian head that join a complement to it: another body's name.
_PREPOSITIONS_EN = {"of", "on", "for", "in", "with", "to", "under", "between", "at"}
_PREPOSITIONS_RU = {"по", "при", "для", "о", "об", "между", "в", "на", "с", "со", "под"}
# Singular adjective endings (not -ие: "Совещание" is a noun).
_RU_ADJECTIVE = re.compile(r"(ая|яя|ый|ий|ой|ое|ее|ые|ого|его|ую|юю)$")
# The kinds of body a text names by its head phrase after (or instead of) its full name: ad hoc
# bodies and mechanisms, which have no acronym of their own. International organisations are
# abbreviated by their acronyms ("economic union" is any economic union), chambers, agencies and
# universities by their own short names, and a body that is part of another (a UN organ) only
# with its parent: none of them here.
_KINDS = {ns.ITT + t for t in ("BilateralBody", "MultilateralMechanism", "Company", "Organization")}


def bare(text: str) -> str:
    """``text`` without parentheticals and quotation marks."""
    return " ".join(_PARENS.sub(" ", text).split())


_ROMANISE = [(re.compile(f"([OoGg])[{re.escape(APOSTROPHES)}]"),
              lambda m: {"O": "U", "o": "u"}.get(m.group(1), m.group(1))),
             (re.compile("[ЎўҒғ]"), lambda m: {"Ў": "У", "ў": "у", "Ғ": "Г", "ғ": "г"}[m.group(0)])]
# Brands: companies and agencies (a common noun such as "Hamdoʻstlik" is no brand).
_BRANDS = {ns.ITT + "Company", ns.ITT + "Agency"}


def romanised(text: str) -> str:
    """An Uzbek word as it is romanised through Russian: oʻ → u, gʻ → g (Latin and Cyrillic)."""
    for pattern, repl in _ROMANISE:
        text = pattern.sub(repl, text)
    return text


def head_phrase(text: str, lang: str) -> str | None:
    """The head noun phrase of an organisation's name in ``lang``, or None when it has none that
    could stand for it (see the module's rules)."""
    tokens = WORD_RE.findall(bare(text).replace("-", " ").replace("–", " "))
    fam = family(lang)
    if len(tokens) < 3:
        return None
    if fam in TURKIC:
        mod, head = tokens[-2], tokens[-1]
        if fold(head).endswith(_POSSESSIVE[fam]) or is_genitive(mod):
            return None
    elif fam == "ru":
        k = next((i for i, t in enumerate(tokens) if not _RU_ADJECTIVE.search(t.lower())), None)
        if not k or tokens[k].lower() in _PREPOSITIONS_RU:
            return None  # a noun first ("Министерство …"), or no noun
        mod, head = tokens[k - 1], tokens[k]
    elif fam == "en":
        k = next((i for i, t in enumerate(tokens) if t.lower() in _PREPOSITIONS_EN), len(tokens))
        if k < 2:
            return None
        mod, head = tokens[k - 2], tokens[k - 1]
        if head[:1].isupper() or (mod[:1].isupper() and k > 2):
            return None  # a title-case name: which of its capitalised words are adjectives is unknown
    else:
        return None
    if fold(mod) in _SCOPE | _JOINTS or fold(mod).endswith(_RELATIVE) or head.isupper() or mod.isupper():
        return None  # a scope word, a joint of the name ("… nomidagi"), an initialism
    if fam in TURKIC and mod[:1].isupper() and mod != tokens[0]:
        return None  # a proper name inside the name ("… Ishbilarmonlar kengashi"): part of another
    return f"{mod} {head}"


def add_short_forms(g: Gazetteer, config=None) -> int:
    """Add bare labels and head phrases to the organisations of ``g``; returns how many.
    ``config`` gives the reference data's structure (a body part of another has no head phrase)."""
    from .compose import _structure

    parent = _structure(config)
    added = 0
    for lab in list(g.labels):
        if lab.iri.startswith(ns.ID + "organization/") and lab.kind != "acronym" and bare(lab.text) != lab.text:
            text = bare(lab.text)
            key = tuple(w for _, _, w in words(text))
            if len(key) >= 2 and {x.iri for x in g.by_fold.get(key, [])} <= {lab.iri}:
                g.add(Label(lab.iri, text, lab.lang, "alt", BARE, lab.public))
                added += 1
    for lab in list(g.labels):
        if (g.types.get(lab.iri, set()) & _BRANDS and lab.kind in ("pref", "alt")
                and family(lab.lang) == "uz" and len(words(lab.text)) == 1 and romanised(lab.text) != lab.text):
            text = romanised(lab.text)
            key = tuple(w for _, _, w in words(text))
            if {x.iri for x in g.by_fold.get(key, [])} <= {lab.iri}:
                g.add(Label(lab.iri, text, lab.lang, "alt", ROMANISED, lab.public))
                added += 1
    made: dict[tuple[str, ...], list[Label]] = defaultdict(list)
    for lab in g.labels:
        if (not lab.iri.startswith(ns.ID + "organization/") or lab.kind in ("acronym", "surname", "short")
                or not g.types.get(lab.iri, set()) & _KINDS or lab.iri in parent):
            continue
        phrase = head_phrase(lab.text, lab.lang)
        if phrase:
            made[tuple(w for _, _, w in words(phrase))].append(Label(lab.iri, phrase, lab.lang, "short", HEAD))
    demoted: set[Label] = set()
    for key, labels in made.items():
        owners = {x.iri for x in labels}
        taken = g.by_fold.get(key, [])
        if len(owners) == 1 and {x.iri for x in taken} <= owners:  # a short form of one body, and nobody's name
            # A curator's label that is this head phrase ("ишчи гуруҳ", from a text that wrote
            # it so) is a short form too: "сув ресурслари бўйича ишчи гуруҳ" is another group.
            demoted |= {x for x in taken if x.kind in ("pref", "alt")}
            for x in {(x.text, x.lang): x for x in labels}.values():
                g.add(x)
                added += 1
    if demoted:
        g.keep_only(lambda lab: lab not in demoted)
        for x in demoted:
            g.add(replace(x, kind="short"))
    return added


def written_alone(text: str, start: int, end: int, lang: str) -> bool:
    """Whether a head phrase at ``text[start:end]`` stands for a name by itself: not the end of a
    longer Turkic name (a complement before it, closed by a postposition, a conjunction or a
    genitive) nor the start of a longer Russian or English one (a complement after it)."""
    fam = family(lang)
    if fam in TURKIC:
        before = words(text[max(0, start - 60) : start])
        if not before or text[max(0, start - 60) + before[-1][1] : start].strip(" \t\n-"):
            return True  # first words of the text, or after punctuation
        base = max(0, start - 60)
        a, b, prev = before[-1]
        raw = text[base + a : base + b]
        # A proper name before it (a state, a place) makes it that one's body ("Oʻzbekiston–Tojikiston
        # ishchi guruhi"); a capital that only begins the sentence does not.
        sentence_start = not text[:base + a].rstrip(" \t\n") or text[:base + a].rstrip(" \t\n")[-1] in ".!?…"
        proper = raw[:1].isupper() and not sentence_start
        return prev not in _JOINTS and not is_genitive(prev) and not proper
    after = words(text[end : end + 40])
    if not after:
        return True
    nxt = after[0][2]
    return nxt not in {fold(p) for p in (_PREPOSITIONS_RU if fam == "ru" else _PREPOSITIONS_EN)}
