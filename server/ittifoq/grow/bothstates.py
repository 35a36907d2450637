"""Offices and bodies of both states, named once in the plural.

"ikki davlat Bosh vazirlari", "еки мәмлекеттиң Бас министрлери", "екі елдің Сенаттары",
"премьер-министры двух стран": a plural title after (Russian: before) "two states" / "both
countries" names that office or body of each of the document's two principal states (the two
states it names most; none when a third comes as close). "Ўзбекистон ва Қозоғистон ташқи ишлар
вазирликлари" ("the foreign ministries of Uzbekistan and Kazakhstan") names them of the two
states it writes. A title whose owner is itself plural and unpossessed, "Бош вазирлар
ўринбосарлари" ("the prime ministers' deputies"), "davlat rahbarlari" ("the heads of state"),
"президенттер", names the office of each principal state too: in a text about two states,
officials named in the plural with no state are theirs. Only in these explicit constructions:
"ikki davlat" with no title after it names nothing, a possessed title with no owner
("prezidentlari") has an antecedent this rule cannot see, and a title in the singular is left to
the gazetteer.
"""

from __future__ import annotations

from collections import Counter

from .. import namespaces as ns
from .compose import composed_entities
from .gazetteer import Gazetteer, words
from .mentions import Mention
from .morph import is_genitive

VERSION = "1"
RULE = "both-states"

# "two states" / "both countries", as the title's owner (Turkic: bare or genitive).
_TWO = ["икки давлат", "икки давлатнинг", "икки мамлакат", "икки мамлакатнинг", "ҳар икки давлат",
        "ikki davlat", "ikki davlatning", "ikki mamlakat", "ikki mamlakatning",
        "екі ел", "екі елдің", "екі мемлекет", "екі мемлекеттің",
        "еки мәмлекет", "еки мәмлекеттиң", "еки ел", "еки елдиң"]
# Russian: after the title, in the genitive.
_TWO_RU = ["двух стран", "двух государств", "обеих стран", "обоих государств"]
_AND = {"va", "ва", "ҳәм", "ham", "және", "и", "and"}

# The plural title (Turkic: possessed, "their prime ministers"), by the concept it names. The
# concept is the title of compose's tables, or a chamber whatever its parliament is called.
PLURALS = {
    # Heads of state: the office that heads each state (its President, for the states the graph has).
    "President": ["президентлари", "prezidentlari", "президенттері", "президентлери", "раҳбарлари", "rahbarlari",
                  "басшылары", "жетекшилери", "жетекшілері"],
    "Prime Minister": ["бош вазирлари", "bosh vazirlari", "премьер-министрлері", "бас министрлери",
                       "премьер-министрлери"],
    "Deputy Prime Minister": ["бош вазир ўринбосарлари", "бош вазирлари ўринбосарлари", "бош вазирлар ўринбосарлари",
                              "bosh vazir oʻrinbosarlari", "bosh vazirlari oʻrinbosarlari",
                              "bosh vazirlar oʻrinbosarlari", "премьер-министрлерінің орынбасарлары",
                              "бас министрлериниң орынбасарлары", "бас министрлер орынбасарлары",
                              "премьер-министрлериниң орынбасарлары"],
    "Ministry of Foreign Affairs": ["ташқи ишлар вазирликлари", "tashqi ishlar vazirliklari",
                                    "сыртқы істер министрліктері", "сыртқы ислер министрликлери"],
    "Parliament": ["парламентлари", "parlamentlari", "парламенттері", "парламентлери"],
    "Senate": ["сенатлари", "senatlari", "сенаттары", "сенатлары"],
}
PLURALS_RU = {
    "President": ["президенты", "президентов", "главы", "глав", "лидеры", "лидеров"],
    "Prime Minister": ["премьер-министры", "премьер-министров", "главы правительств"],
    "Deputy Prime Minister": ["вице-премьеры", "вице-премьеров", "заместители премьер-министров"],
    "Ministry of Foreign Affairs": ["министерства иностранных дел", "министерств иностранных дел", "мид"],
    "Parliament": ["парламенты", "парламентов"],
    "Senate": ["сенаты", "сенатов"],
}
# Plural titles that need no owner: the plural is the owners' (several states' prime ministers),
# or the owner is the generic "state". A possessive ending after them would need an antecedent.
UNOWNED = {
    "President": ["президентлар", "prezidentlar", "давлат раҳбарлари", "davlat rahbarlari", "президенттер",
                  "мемлекет басшылары", "президентлер", "мәмлекет басшылары"],
    "Prime Minister": ["бош вазирлар", "bosh vazirlar", "премьер-министрлер", "бас министрлер"],
    "Deputy Prime Minister": ["бош вазирлар ўринбосарлари", "bosh vazirlar oʻrinbosarlari",
                              "бош вазир ўринбосарлари", "bosh vazir oʻrinbosarlari",
                              "премьер-министр орынбасарлары", "бас министрлердиң орынбасарлары",
                              "бас министр орынбасарлары"],
}
_POSSESSIVE = ("и", "i", "і", "ы")
_CONCEPT_OF = {"Senate of the Parliament": "Senate", "Senate of the Oliy Majlis": "Senate",
               "Oliy Majlis": "Parliament"}
# A case ending after the plural title ("министрлериниң", "Сенатлары арасында" has none).
_MAX_ENDING = 6


def _keys(forms: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(w for _, _, w in words(f)) for f in forms}, key=len, reverse=True)


_TWO_KEYS = _keys(_TWO)
_TWO_RU_KEYS = _keys(_TWO_RU)
_PLURAL_KEYS = {c: _keys(f) for c, f in PLURALS.items()}
_PLURAL_RU_KEYS = {c: _keys(f) for c, f in PLURALS_RU.items()}
_UNOWNED_KEYS = {c: _keys(f) for c, f in UNOWNED.items()}


def _at(ws, i: int, key: tuple[str, ...], text: str, ending: bool) -> int | None:
    """The index after ``key`` matched at word ``i`` (the last word may take an ending)."""
    if i + len(key) > len(ws):
        return None
    for k, w in enumerate(key):
        got = ws[i + k][2]
        last = k == len(key) - 1
        if not (got == w or (last and ending and got.startswith(w) and len(got) - len(w) <= _MAX_ENDING)):
            return None
        if k and text[ws[i + k - 1][1] : ws[i + k][0]].strip(" \t\n-–"):
            return None  # words next to each other, not across punctuation
    return i + len(key)


def _title_at(ws, i: int, keys: dict, text: str, ending: bool, first: bool = False) -> tuple[str, int] | None:
    if not first and 0 < i < len(ws) and text[ws[i - 1][1] : ws[i][0]].strip(" \t\n-–"):
        return None  # the title must follow its owner, not start a new sentence
    best = None
    for concept, forms in keys.items():
        for key in forms:
            j = _at(ws, i, key, text, ending)
            if j is not None and (best is None or j > best[1]):
                best = (concept, j)
    return best


def _principal_states(mentions: list[Mention], composed: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.iri.startswith(ns.ID + "state/"):
            counts[m.iri] += 1
        elif m.iri in composed:
            counts[composed[m.iri][1]] += 1
    top = counts.most_common(3)
    if len(top) < 2 or (len(top) == 3 and top[2][1] == top[1][1]):
        return None
    return top[0][0], top[1][0]


def _by_concept(composed: dict[str, tuple[str, str]]) -> dict[tuple[str, str], str]:
    out = {}
    for iri, (title, state) in composed.items():
        out[(_CONCEPT_OF.get(title, title), state)] = iri
    return out


def _unpossessed(ws, i: int, t: tuple[str, int], text: str) -> bool:
    """The title is not a longer one's tail, nor followed by a possessive ending."""
    last = ws[t[1] - 1][2]
    key_last = next(k[-1] for k in _UNOWNED_KEYS[t[0]] if _at(ws, i, k, text, True) == t[1])
    if last[len(key_last):].startswith(_POSSESSIVE) and not key_last.endswith(_POSSESSIVE):
        return False
    # A genitive before it owns it ("ikki davlat" is handled above).
    return i == 0 or bool(text[ws[i - 1][1] : ws[i][0]].strip(" \t\n-–")) or not is_genitive(ws[i - 1][2])


def find(text: str, mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """Mentions of each state's office or body in the constructions above."""
    composed = composed_entities(g)
    of = _by_concept(composed)
    principal = _principal_states(mentions, composed)
    ws = words(text)
    found: list[tuple[int, int, str, tuple[str, str], str]] = []  # start, end, concept, states, how
    if principal:
        for i in range(len(ws)):
            for key in _TWO_KEYS:
                j = _at(ws, i, key, text, False)
                if j is not None and (t := _title_at(ws, j, _PLURAL_KEYS, text, True)):
                    found.append((ws[i][0], ws[t[1] - 1][1], t[0], principal, "two-states"))
                    break
            if (t := _title_at(ws, i, _PLURAL_RU_KEYS, text, True, first=True)):
                for key in _TWO_RU_KEYS:
                    j = _at(ws, t[1], key, text, False)
                    if j is not None and not text[ws[t[1] - 1][1] : ws[t[1]][0]].strip(" \t\n-–"):
                        found.append((ws[i][0], ws[j - 1][1], t[0], principal, "two-states"))
                        break
        for i in range(len(ws)):
            t = _title_at(ws, i, _UNOWNED_KEYS, text, True, first=True)
            if t and _unpossessed(ws, i, t, text) and not any(a < ws[t[1] - 1][1] and ws[i][0] < b
                                                               for a, b, *_ in found):
                found.append((ws[i][0], ws[t[1] - 1][1], t[0], principal, "unowned-plural"))
    # "Uzbekistan and Kazakhstan foreign ministries": two states joined by "and", then the title.
    states = sorted((m for m in mentions if m.iri.startswith(ns.ID + "state/")), key=lambda m: m.start)
    for a, b in zip(states, states[1:], strict=False):
        between = text[a.end : b.start].split()
        if len(between) != 1 or between[0].lower() not in _AND or a.iri == b.iri or b.end not in {
                e for _, e, _ in ws}:
            continue
        k = next((n for n, (_, e, _) in enumerate(ws) if e == b.end), None)
        if k is not None and (t := _title_at(ws, k + 1, _PLURAL_KEYS, text, True)):
            found.append((a.start, ws[t[1] - 1][1], t[0], (a.iri, b.iri), "two-states-named"))
    out = []
    for start, end, concept, pair, how in found:
        for state in pair:
            iri = of.get((concept, state))
            if iri:
                features = (f"rule:{RULE}", "inferred", f"construction:{how}", f"concept:{concept}", f"state:{state}",
                            f"states:{','.join(s.rsplit('/', 1)[-1] for s in pair)}"
                            + (" (the document's two principal states)" if how == "two-states" else ""))
                out.append(Mention(start, end, text[start:end], iri, 0.7, features, (), (), RULE, VERSION))
    return out
