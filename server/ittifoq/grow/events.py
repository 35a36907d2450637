"""Events (visits, summits, meetings, negotiations, telephone conversations) in a text, and
their corroboration.

An event is proposed where a sentence holds an event word of one of the corpus languages
(written from general knowledge of each: "давлат ташрифи", "davlat tashrifi", "мәмлекетлик
сапар", "мемлекеттік сапар", "государственный визит", "state visit", …) together with a date;
its visitor is the first person (or office) named in the sentence, its host the state named
in the dative ("Қозоғистонга", "Qozogʻistonga", "Қазақстанға"), its place a place named there.
A telephone conversation needs a word for the telephone and one for talking together
("телефон орқали мулоқот", "телефон арқылы сөйлесті", "телефонный разговор", "поговорили по
телефону", "phone call"); its participants are the persons the sentence names (the states when
it names no one). A meeting (session) is of the body named next to its word ("кенгаш мажлиси",
"кеңестің отырысы", "заседание комиссии").

Corroboration: when the graph already holds an event of a compatible class whose date agrees
(the same day, or one value containing the other: 2017-03 and 2017-03-22) and whose visitor
and host do not contradict the candidate's, the candidate adds this document's statement and
evidence to that event's IRI instead of minting a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from .. import namespaces as ns
from ..config import Config
from .dates import DateMention
from .mentions import Mention

RULE, VERSION = "event-words", "1"

# The telephone and talking together, in each corpus language (both Uzbek scripts, Kazakh,
# Karakalpak, Russian, English): "telefon orqali muloqot/suhbat", "телефон орқали мулоқот",
# "телефон арқылы сөйлесті/сұхбаттасты", "телефон арқалы сөйлести", "телефонный разговор",
# "телефонные переговоры", "phone call". A word for talking alone ("суҳбатда", "переговоры")
# is not a call, nor is the telephone alone ("ishonch telefoni", "по телефону доверия").
_APOS = "['ʻʼ‘’`]?"
_PHONE = r"(?:tele)?phone\w*|telefon\w*|телефон\w*"
_VIA = r"orqali|орқали|арқылы|арқалы|by|over|via"
_TALK = (rf"muloqot|suhbat|gaplash|so{_APOS}zlash|muzokara|мулоқот|суҳбат|гаплаш|сўзлаш|музокара"
         r"|сөйлес|сұхбат|әңгіме|келіссөз|сәўбет|гүрриң|келиссөз|разговор|переговор|бесед"
         r"|табрик|tabrik|құттықта|қутлықла|call|conversation|talk|discussion")
# The verb that follows a Turkic noun ("мулоқот қилди", "suhbat oʻtkazdi", "сұхбат өткізді"),
# so that the quote reaches it.
_DO = rf"қил|qil|ўтказ|o{_APOS}tkaz|бўлиб\s+ўт|bo{_APOS}lib\s+o{_APOS}t|өткіз|өткиз|өткер|жүргіз|болып\s+өт|құр"
# Talking first, the telephone after it: "поговорили по телефону", "spoke by phone".
_TALKED = (r"разговарива|поговори|говори|беседова|побеседова|обсуди|обсужда|переговор|поздрави"
           r"|spoke|speak|talked|talk|discuss|held\s+talks|congratulat")
_BY_PHONE = r"по\s+телефону|(?:by|over\s+the|on\s+the)\s+(?:tele)?phone"
_CALL = (rf"(?:{_PHONE})\s+(?:(?:{_VIA})\s+)?(?:{_TALK})\w*(?:\s+(?:{_DO})\w*)?"
         rf"|(?:{_TALKED})\w*\s+(?:[^\s.!?]+\s+){{0,8}}?(?:{_BY_PHONE})"
         rf"|(?:по|со)звонил\w*|(?:tele)?phoned|(?:қўнғироқ|qo{_APOS}ng{_APOS}iroq)\s+(?:қил|qil)\w*"
         r"|қоңырау\s+шал\w*")

_CLASSES = [
    # First: a call is told by its own words; a visit or a meeting it prepares is only its topic.
    ("TelephoneConversation", _CALL),
    ("StateVisit", r"давлат\s+ташриф|davlat\s+tashrif|мәмлекетлик\s+сапар|мемлекеттік\s+сапар"
                   r"|государственн\w*\s+визит|state\s+visit"),
    ("OfficialVisit", r"расмий\s+ташриф|rasmiy\s+tashrif|рәсмий\s+сапар|ресми\s+сапар|официальн\w*\s+визит"
                      r"|official\s+visit"),
    ("WorkingVisit", r"ишчи\s+ташриф|ishchi\s+tashrif|амалий\s+ташриф|amaliy\s+tashrif|жумыс\s+сапар"
                     r"|жұмыс\s+сапар|рабоч\w*\s+визит|working\s+visit"),
    ("Visit", r"ташриф|tashrif|сапар|визит|visit"),
    ("Summit", r"саммит|sammit|summit"),
    ("Negotiations", r"музокара|muzokara|келиссөз|келіссөз|переговор|negotiation|talks"),
    # A session of a council or commission too ("кенгаш мажлиси", "кеңестің отырысы", "сессия
    # Генеральной Ассамблеи"); "Oliy Majlis" is Uzbekistan's parliament, not a session.
    ("Meeting", r"йиғилиш|yig.ilish|(?<!Олий\s)(?<!Oliy\s)(?:мажлисида|мажлиси|majlisida|majlisi)|отырыс|мәжилисин"
                # The noun and the verb of meeting: "uchrashuv/uchrashdi", "кездесу/кездесті",
                # "ушырасыў/ушырасты", "встреча/встретились", "meeting/met with".
                r"|заседани|сесси|sessiya|session|учраш|uchrash|кездес|ушырас|встре[чт]|meeting|met\s+with"),
]
_TRIGGERS = [(cls, re.compile(r"\b(?:" + pat + r")\w*", re.I)) for cls, pat in _CLASSES]
CALL = "TelephoneConversation"
_VISITS = {"StateVisit", "OfficialVisit", "WorkingVisit", "Visit"}
# Dative endings (folded) of the corpus languages: the state one travels to.
_DATIVE = {"ga", "ka", "qa", "ge", "ke"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W_a-zа-я])|\n\s*\n")


@dataclass
class EventGuess:
    cls: str
    start: int  # evidence span: the smallest stretch holding trigger, date and participants
    end: int
    start_date: tuple[str, str]
    end_date: tuple[str, str] | None
    derivation: str | None
    visitor: str | None = None
    host: str | None = None
    location: str | None = None
    body: str | None = None
    participants: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    corroborates: str | None = None


@dataclass(frozen=True)
class KnownEvent:
    iri: str
    cls: str
    dates: frozenset[str]
    visitors: frozenset[str]
    hosts: frozenset[str]
    bodies: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()


# An initial ("Sh.M. Mirziyoyev", "Н. Назарбаев"): one capital, or an Uzbek digraph, before the dot.
_INITIAL = re.compile(r"(?:^|[\s.(«“\"])(?:[^\W\d_]|Sh|Ch|Ш|Ч)\.$")
# A word of three letters or more before the stop: not an abbreviation of the year ("2017 й. 22
# март", "г.", "ж.", "y.") nor a list number ("1."), so a number after it starts a sentence
# ("… бўлиб ўтди. 14 ноябрь куни …").
_WORD_STOP = re.compile(r"[^\W\d_]{3,}[.!?]$")


def _ends_sentence(text: str, m: re.Match) -> bool:
    if text[m.start() - 1 : m.start()] in (".", "!", "?"):
        if text[m.end() : m.end() + 1].isdigit() and not _WORD_STOP.search(text, max(0, m.start() - 4), m.start()):
            return False
        return not _INITIAL.search(text, max(0, m.start() - 4), m.start())
    # A blank line inside a sentence (a PDF's line breaks): the next line goes on in lower case.
    return not text[m.end() : m.end() + 1].islower()


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence holding ``pos``, as :func:`sentences` cuts the text (the rules
    that read a mention's sentence, grow/holders.py and grow/tiedbodies.py, share this cut)."""
    for a, b in _sentences_of(text):
        if a <= pos < b:
            return a, b
    return 0, len(text)


@lru_cache(maxsize=8)
def _sentences_of(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(sentences(text))


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a stop before a capital (not after an initial) or before a number (after a
    word, not an abbreviation), or a blank line that is
    not followed by a line going on in lower case."""
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if not _ends_sentence(text, m):
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _ending(m: Mention) -> str:
    return next((f.split(":", 1)[1].split("@")[0].lstrip("-") for f in m.features if f.startswith("ending:")), "")


def find_events(text: str, mentions: list[Mention], dates: list[DateMention]) -> list[EventGuess]:
    out: list[EventGuess] = []
    for s, e in sentences(text):
        sent_dates = [d for d in dates if s <= d.start < e and d.begin.datatype in ("date", "gYearMonth", "gYear")]
        if not sent_dates:
            continue
        for cls, pattern in _TRIGGERS:
            m = pattern.search(text, s, e)
            if not m:
                continue
            ms = [x for x in mentions if s <= x.start < e]
            # "22-23 март ва 5-6 декабрь кунлари … давлат ташрифлари": one event per full date
            # joined in the sentence; otherwise the date nearest the event word.
            precise = [d for d in sent_dates if d.begin.datatype in ("date", "gYearMonth")]
            chosen = precise if len(precise) > 1 else [min(sent_dates, key=lambda d: abs(d.start - m.start()))]
            for d in chosen:
                # In a list of dated events, the names of the clause (between commas) that
                # holds the date belong to it ("5-6-декабрь күнлери … Астанаға сапары, 21-22-декабрь
                # күнлери … Ташкентке сапары"); a role its clause does not fill comes from the
                # whole sentence (the visitor only: a shared subject, "Мирзиёевнинг 22-23 март ва
                # 5-6 декабрь кунлари …"; host and place stay with their own clause).
                lo, hi = _clause(text, s, e, d.start)
                own = [x for x in ms if lo <= x.start < hi] if len(chosen) > 1 else ms
                out.append(_guess(cls, m, d, own, ms))
            break  # one event per sentence: the most specific class listed first
    return out


_CLAUSE_END = re.compile(r"[,;:]\s|\s[–—-]\s")


def _clause(text: str, s: int, e: int, pos: int) -> tuple[int, int]:
    """The span of the clause of the sentence ``s``…``e`` around ``pos`` (commas, semicolons,
    colons and dashes separate clauses)."""
    lo = s
    for m in _CLAUSE_END.finditer(text, s, e):
        if m.end() <= pos:
            lo = m.end()
        else:
            return lo, m.start()
    return lo, e


def _mention_kind(x: Mention) -> str:
    return x.iri[len(ns.ID) :].split("/", 1)[0]


def _guess(cls: str, m: re.Match, d: DateMention, own: list[Mention], ms: list[Mention]) -> EventGuess:
    """The event the word ``m`` and date ``d`` state, with the roles the names fill: those of the
    date's own stretch (``own``) first, then those of the whole sentence (``ms``)."""
    kind = _mention_kind

    def pick(test, fall_back: bool = True) -> list[Mention]:
        return [x for x in own if test(x)] or ([x for x in ms if test(x)] if fall_back else [])

    g = EventGuess(cls, min(m.start(), d.start), max(m.end(), d.end), (d.begin.lexical, d.begin.datatype),
                   (d.finish.lexical, d.finish.datatype) if d.finish else None, d.derivation,
                   features=[f"trigger:{m.group(0)}"])
    # A person named is the visitor; an office ("the President of …") only when no one is named.
    people = pick(lambda x: kind(x) == "person") or pick(lambda x: kind(x) == "office")
    if cls in _VISITS and people:
        g.visitor = people[0].iri
        g.features.append("visitor:first-person-in-sentence")
    hosts = pick(lambda x: kind(x) == "state" and _ending(x) in _DATIVE, False)
    if cls in _VISITS and hosts:
        g.host = hosts[0].iri
        g.features.append("host:state-in-dative")
    # A call has no place of its own: a city in its sentence is what was talked about.
    places = pick(lambda x: kind(x) == "place", False) if cls != CALL else []
    if places:
        g.location = places[0].iri
    body = _body_of(m, [x for x in own if kind(x) == "organization"]) if cls == "Meeting" else None
    if body:
        g.body = body.iri
        g.features.append("body:organisation-next-to-event-word")
    used = people[:1] + hosts[:1] + places[:1] + ([body] if body else [])
    if cls == CALL:
        # Both sides of a call: every person the sentence names, in the text's order; the
        # states when it names no one ("Ўзбекистон ва Қозоғистон ташқи ишлар вазирлари").
        sides = pick(lambda x: kind(x) == "person") or pick(lambda x: kind(x) == "state")
        seen = list(dict.fromkeys(x.iri for x in sides))
        g.participants = seen
        if seen:
            g.features.append(f"participants:{_mention_kind(sides[0])}s-in-sentence")
        used = sides + [o for o in ms if kind(o) == "office" and any(0 <= x.start - o.end <= 1 for x in sides)]
    g.start = min([g.start] + [x.start for x in used])
    g.end = max([g.end] + [x.end for x in used])
    if cls == "Meeting" and not body and (named := _GENITIVE_BEFORE.search(m.string, 0, m.start())):
        # A body the graph does not know, named in the genitive before the meeting word: the quote
        # holds its name ("Үкіметаралық комиссияның отырысы").
        g.start = min(g.start, named.start())
    return g


_WORD = r"[^\W\d_][\w'ʻʼ‘’-]*"
_GENITIVE_BEFORE = re.compile(rf"(?<!\w)(?:{_WORD}\s+){{0,4}}{_WORD}(?:ning|нинг|ниң|ның|нің|дың|дің|тың|тің|диң|тиң)"
                              r"\s+(?:[^\s.,;:!?]+\s+)?$")


# Between a body's name and its meeting word: an ordinal or a word like "navbatdagi",
# "очередное", at most two words ("Жоғары мемлекетаралық кеңестің бірінші отырысы",
# "заседание Межправительственной комиссии").
_NEXT_TO = re.compile(r"[\s,]*(?:[^\s.,;:!?]+\s+){0,2}?[\s,]*", re.S)


def _body_of(m: re.Match, organisations: list[Mention]) -> Mention | None:
    """The organisation named next to the meeting word ``m``: just before it (the Turkic genitive)
    or just after it (the Russian and English genitive), the nearest one."""
    text = m.string
    near = [o for o in organisations
            if (o.end <= m.start() and _NEXT_TO.fullmatch(text, o.end, m.start()))
            or (o.start >= m.end() and _NEXT_TO.fullmatch(text, m.end(), o.start))]
    return min(near, key=lambda o: min(abs(m.start() - o.end), abs(o.start - m.end())), default=None)


def known_events(config: Config, exclude: str | None = None) -> list[KnownEvent]:
    """Events the graph already holds (from the facts files, except ``exclude``)."""
    props: dict[str, dict[str, set[str]]] = {}
    for path in sorted(config.facts_dir.glob("*.ttl")):
        if path.stem == exclude:
            continue
        for q in ox.parse(input=path.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=ns.BASE):
            if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ns.ID + "event/"):
                props.setdefault(q.subject.value, {}).setdefault(q.predicate.value, set()).add(q.object.value)
    out = []
    for iri, p in props.items():
        classes = {c[len(ns.ITT) :] for c in p.get(ns.RDF + "type", set()) if c.startswith(ns.ITT)}
        if not classes:
            continue
        visitors = p.get(ns.ITT + "visitor", set()) | p.get(ns.ITT + "visitorOffice", set())
        out.append(KnownEvent(iri, sorted(classes)[0], frozenset(p.get(ns.ITT + "startDate", set())),
                              frozenset(visitors), frozenset(p.get(ns.ITT + "hostState", set())),
                              frozenset(p.get(ns.ITT + "ofBody", set())),
                              frozenset(p.get(ns.ITT + "participant", set()))))
    return out


def _dates_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _classes_agree(a: str, b: str) -> bool:
    return a == b or (a in _VISITS and b in _VISITS and "Visit" in (a, b))


def _kind(iri: str) -> str:
    return iri[len(ns.ID) :].split("/", 1)[0]


def _contradicts(mine: str | None, theirs: frozenset[str]) -> bool:
    """Two values of the same kind that differ (a person and an office never contradict)."""
    same_kind = {t for t in theirs if _kind(t) == _kind(mine)} if mine else set()
    return bool(same_kind) and mine not in same_kind


def _agrees(g: EventGuess, k: KnownEvent) -> bool:
    if not _classes_agree(g.cls, k.cls):
        return False
    dates = [d for d in k.dates if _dates_agree(g.start_date[0], d)]
    if not dates:
        return False
    if _contradicts(g.visitor, k.visitors) or _contradicts(g.host, k.hosts) or _contradicts(g.body, k.bodies):
        return False
    # A call with someone the known call did not have is another call.
    mine, theirs = ({x for x in xs if _kind(x) == "person"} for xs in (g.participants, k.participants))
    if mine and theirs and not mine <= theirs:
        return False
    # A year alone on either side agrees with too much: then a role must agree too.
    precise = len(g.start_date[0]) >= 7 and any(len(d) >= 7 for d in dates)
    return precise or g.visitor in k.visitors or g.body in k.bodies or bool(mine & theirs)


def corroborate(g: EventGuess, known: list[KnownEvent]) -> KnownEvent | None:
    hits = [k for k in known if _agrees(g, k)]
    return hits[0] if len(hits) == 1 else None
