"""Long organisation names written with the small liberties Turkic texts take.

An Uzbek, Kazakh or Karakalpak name puts its modifiers first and its head last, so what a text
says of one sitting or one instance of a body lands inside the name:

- an ordinal or a word of sequence or kind before the head: "… rahbarlarining birinchi Maslahat
  uchrashuvi" (the first of the Consultative Meetings), "… ҳүкиметлераралық қоспа комиссия" (the
  joint intergovernmental commission), "навбатдаги", "кезекті";
- the head in the singular, with its own case ending, for a name in the plural ("uchrashuvlari"
  → "uchrashuvida");
- one inner word as its derivative ("maslahat" → "maslahatlashuv", "consultation" →
  "consulting"): the longer word begins with the name's word of five letters or more;
- a possessed head without its possessive when the name itself modifies the next word, which
  then carries it ("Mozori Sharif–Hirot temir yoʻli" → "… temir yoʻl qurilishi", the railway's
  construction); never when the next word has none ("Qozogʻiston Parlamenti Senat va Majilis":
  the Parliament, and then the Senate);
- a postpositional complement after the owner's genitive left out ("BMTning Markaziy Osiyo
  uchun mintaqaviy … markazi" → "BMTning mintaqaviy … markazi"): the words after a genitive up to
  "uchun", "boʻyicha" (for, on);
- a first word in the relative form written in the locative, the name then standing as the
  verb's object ("Qozogʻistondagi … savdo uyi" → "Qozogʻistonda … savdo uyi tashkil etish",
  a trading house in Kazakhstan → to set up, in Kazakhstan, a trading house);
- words spelt apart only where transliterations differ (the skeleton: Hirot/Xirot), and
  quotation marks between the words ("“Mozori Sharif – Xirot” temir yoʻl").

Only for names of at least three words (a two-word name has too little left to be sure of), in
the text's own language family, at most one word inserted and one word derived, the first word
as written (folded), the words next to each other; organisations and places (a railway, a
power line), not persons; a span another mention already covers is
left alone. The mention's confidence is lower than an exact match's, and its features say what
was tolerated, so a curator sees why.
"""

from __future__ import annotations

from collections import defaultdict

from .. import namespaces as ns
from ..text.normalize import fold, skeleton
from . import morph
from .gazetteer import Gazetteer, Label, words

RULE = "tolerant-name"
VERSION = "1"
CONFIDENCE = 0.7
# Ordinals one to ten, and the words of sequence and kind a text puts before a body's head.
_INSERTABLE = {fold(w) for w in (
    "birinchi ikkinchi uchinchi toʻrtinchi beshinchi oltinchi yettinchi sakkizinchi toʻqqizinchi oʻninchi "
    "navbatdagi qoʻshma "
    "биринчи иккинчи учинчи тўртинчи бешинчи олтинчи еттинчи саккизинчи тўққизинчи ўнинчи навбатдаги қўшма "
    "бірінші екінші үшінші төртінші бесінші алтыншы жетінші сегізінші тоғызыншы оныншы кезекті бірлескен "
    "биринши екинши үшинши төртинши бесинши алтыншы жетинши сегизинши тоғызыншы оныншы гезекли қоспа"
).split()}
_MIN_DERIVED = 5
# Possessive endings (folded), and the endings that begin with one (a possessive, then a case).
_POSSESSIVE = {"uz": ("i", "si"), "kk": ("y", "i", "sy", "si"), "kaa": ("y", "i", "sy", "si")}
# The relative ending (-dagi, "which is in") and the locative it is made from (-da), folded.
_RELATIVE = {fold("б" + r)[1:]: fold("б" + loc)[1:] for r, loc in (
    ("даги", "да"), ("дағы", "да"), ("дегі", "де"), ("деги", "де"), ("тағы", "та"), ("тегі", "те"), ("теги", "те"))}
# Postpositions that close a complement inside a name (for, on, with), folded.
_POSTPOSITIONS = {fold(w) for w in "uchun boʻyicha учун бўйича үшін бойынша ушын".split()}
_QUOTES = " \t\n-–—“”„\"«»"


def _stems(word: str, depth: int = 2) -> set[str]:
    """A folded word and what it is without up to ``depth`` endings (plural, possessive, case)."""
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {s for w in frontier for s, e in morph.stems(w, min_stem=4) if e}
        out |= frontier
    return out


def _same_head(label_word: str, text_word: str) -> bool:
    """The same noun with other endings, but not the name's head stripped of them: a head that
    loses its possessive leaves the construction ("Qozogʻiston Parlamenti Senat va Majilis": the
    Parliament, and then the Senate)."""
    if text_word.startswith(label_word) and text_word[len(label_word) :] in morph.all_folded_endings():
        return True  # the name's head with a case ending ("uyi" → "uyini")
    stems = _stems(label_word)
    return text_word not in stems and bool(stems & _stems(text_word))


def _possessed(word: str, fam: str) -> bool:
    """Whether a folded word ends in a possessive, bare or followed by a case ending."""
    if word.endswith(_POSSESSIVE[fam]):
        return True
    return any(ending.startswith(_POSSESSIVE[fam]) for _, ending in morph.stems(word, min_stem=3))


def _bare_head(label_word: str, text_word: str, fam: str) -> bool:
    """The name's possessed head written without its possessive ("yoʻli" → "yoʻl")."""
    return label_word.startswith(text_word) and label_word[len(text_word) :] in _POSSESSIVE[fam]


def _derived(label_word: str, text_word: str) -> bool:
    return len(label_word) >= _MIN_DERIVED and text_word.startswith(label_word) and text_word != label_word


def _index(g: Gazetteer) -> dict[str, list[tuple[Label, tuple[str, ...], str]]]:
    """Names (and names without a complement) by their first word."""
    by_first: dict[str, list[tuple[Label, tuple[str, ...], str]]] = defaultdict(list)
    for labels in g.by_fold.values():
        for lab in labels:
            if (lab.iri.startswith((ns.ID + "organization/", ns.ID + "place/")) and lab.kind not in ("acronym", "short")
                    and morph.family(lab.lang) in morph.TURKIC):
                key = tuple(w for _, _, w in words(lab.text))
                if len(key) >= 3:
                    by_first[key[0]].append((lab, key, ""))
                    for rel, loc in _RELATIVE.items():
                        if key[0].endswith(rel) and len(key[0]) - len(rel) >= 3:
                            first = key[0][: -len(rel)] + loc
                            by_first[first].append((lab, (first, *key[1:]), f"locative:{first}~{key[0]}"))
                for p, w in enumerate(key):
                    if w not in _POSTPOSITIONS:
                        continue
                    # After the owner's genitive: "[BMTning] [Markaziy Osiyo uchun] [… markazi]".
                    for cut in range(1, p):
                        shorter = key[:cut] + key[p + 1 :]
                        if morph.is_genitive(key[cut - 1]) and len(shorter) >= 3:
                            by_first[key[0]].append((lab, shorter, f"omitted:{' '.join(key[cut : p + 1])}"))
    return by_first


def _align(key: tuple[str, ...], ws: list[tuple[int, int, str]], i: int, text: str,
           fam: str, omitted: str = "") -> tuple[int, list[str]] | None:
    """How many text words from ``i`` the name ``key`` covers, and what was tolerated (``omitted``:
    the complement ``key`` is without); None if it does not."""
    k, inserted, derived, notes = i, 0, 0, [omitted] if omitted else []
    for j, lw in enumerate(key):
        if k >= len(ws):
            return None
        last = j == len(key) - 1
        tw = ws[k][2]
        if j and tw != lw and not inserted and (tw in _INSERTABLE or tw.isdigit()) and k + 1 < len(ws):
            inserted, notes = 1, [*notes, f"inserted:{tw}"]
            k += 1
            tw = ws[k][2]
        if k > i and text[ws[k - 1][1] : ws[k][0]].strip(_QUOTES):
            return None  # not next to each other
        if tw == lw:
            pass
        elif len(lw) >= 4 and skeleton(tw) == skeleton(lw):
            notes.append(f"spelling:{tw}~{lw}")
        elif last and _same_head(lw, tw):
            notes.append(f"head:{tw}~{lw}")
        elif (last and k + 1 < len(ws) and _bare_head(lw, tw, fam) and _possessed(ws[k + 1][2], fam)
              and not text[ws[k][1] : ws[k + 1][0]].strip(" \t\n")):
            notes.append(f"head-as-modifier:{tw}~{lw}")
        elif not last and j and not derived and _derived(lw, tw):
            derived, notes = 1, [*notes, f"derived:{tw}~{lw}"]
        else:
            return None
        k += 1
    return (k - i, notes) if notes else None  # nothing tolerated: the exact matcher's case


def find(text: str, mentions: list, g: Gazetteer, lang_at) -> list:
    """Mentions of organisations by long names written with a tolerated difference; ``lang_at(pos)``
    is the language of the text at ``pos``."""
    from .mentions import Mention  # it imports this module

    ws = words(text)
    by_first = _index(g)
    taken = [(m.start, m.end) for m in mentions]
    out = []
    i = 0
    while i < len(ws):
        best = None
        for lab, key, omitted in by_first.get(ws[i][2], ()):
            text_lang = lang_at(ws[i][0])
            if text_lang is None or morph.family(text_lang) != morph.family(lab.lang):
                continue
            aligned = _align(key, ws, i, text, morph.family(lab.lang), omitted)
            if aligned and (best is None or aligned[0] > best[0][0]):
                best = (aligned, lab)
        if best:
            (n, notes), lab = best
            start, end = ws[i][0], ws[i + n - 1][1]
            # Left alone where another mention covers it or reaches outside it (a longer or crossing
            # name); names inside it stay, as inside an exact match.
            if not any(s < end and start < e and not (start <= s and e <= end and (s, e) != (start, end))
                       for s, e in taken):
                owners = {x.iri for x in g.by_fold.get(tuple(w for _, _, w in words(lab.text)), [])}
                if owners == {lab.iri}:
                    # "variant": the words hold more or other than the name (an ordinal, a derived
                    # word, a case ending inside), so accepting the link writes no label of them.
                    features = (f"match:{RULE}", "variant", f"words:{n}", f"label:{lab.text}@{lab.lang}",
                                f"label-source:{lab.source}", *notes)
                    out.append(Mention(start, end, text[start:end], lab.iri, CONFIDENCE, features, (), (lab,),
                                       RULE, VERSION))
                    taken.append((start, end))
                    i += n
                    continue
        i += 1
    return out
