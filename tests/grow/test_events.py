"""Event candidates (``ittifoq.grow.events``): telephone conversations in each language, with
both sides and the date; visits, talks and meetings never taken for a call; sessions of a
council or commission tied to the body named next to the meeting word.

Every sentence below is ours, written for these tests from what the languages' news write;
the expected classes, participants, dates and quotes are read off these sentences.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from ittifoq.config import Config
from ittifoq.grow import events
from ittifoq.grow.dates import find_dates
from ittifoq.grow.gazetteer import Label, load
from ittifoq.grow.mentions import Mention
from ittifoq.grow.suggest import DocumentInfo, suggest

ID = "https://w3id.org/ittifoq/id/"
MIRZIYOYEV, TOKAYEV = ID + "person/shavkat-mirziyoyev", ID + "person/kassym-jomart-tokayev"
UZ, KZ = ID + "state/UZ", ID + "state/KZ"
COUNCIL, COMMISSION = ID + "organization/supreme-interstate-council", ID + "organization/intergovernmental-commission"


@pytest.fixture(scope="module")
def gazetteer():
    return load(Config(root=ROOT))


def _events(text, gazetteer, published=None):
    return [c for c in suggest(DocumentInfo("x", text, (), published), gazetteer) if c.kind == "Event"]


def _participants(c):
    return [v for k, v in c.roles.items() if k.startswith("participant")]


# language: (sentence, participants in the order the sentence names them, the quote: from the
# date or the first name to the words of the call, verb included).
CALLS = {
    "uz-Latn": ("2025-yil 3-fevral kuni Oʻzbekiston Prezidenti Shavkat Mirziyoyev Qozogʻiston Prezidenti "
                "Qosim-Jomart Toqayev bilan telefon orqali muloqot qildi.", [MIRZIYOYEV, TOKAYEV],
                "2025-yil 3-fevral kuni Oʻzbekiston Prezidenti Shavkat Mirziyoyev Qozogʻiston Prezidenti "
                "Qosim-Jomart Toqayev bilan telefon orqali muloqot qildi"),
    "uz-Cyrl": ("Шавкат Мирзиёев 2025 йил 3 февраль куни Қосим-Жомарт Тоқаев билан телефон орқали "
                "суҳбатлашди.", [MIRZIYOYEV, TOKAYEV],
                "Шавкат Мирзиёев 2025 йил 3 февраль куни Қосим-Жомарт Тоқаев билан телефон орқали суҳбатлашди"),
    "kk": ("Қасым-Жомарт Тоқаев 2025 жылғы 3 ақпанда Өзбекстан Президенті Шавкат Мирзиёевпен телефон "
           "арқылы сөйлесті.", [TOKAYEV, MIRZIYOYEV],
           "Қасым-Жомарт Тоқаев 2025 жылғы 3 ақпанда Өзбекстан Президенті Шавкат Мирзиёевпен телефон арқылы "
           "сөйлесті"),
    "kaa": ("2025-жыл 3-февраль күни Шавкат Мирзиёев Қасым-Жомарт Тоқаев пенен телефон арқалы сөйлести.",
            [MIRZIYOYEV, TOKAYEV],
            "2025-жыл 3-февраль күни Шавкат Мирзиёев Қасым-Жомарт Тоқаев пенен телефон арқалы сөйлести"),
    "ru": ("3 февраля 2025 года Президент Узбекистана Шавкат Мирзиёев провел телефонный разговор с "
           "Президентом Казахстана Касым-Жомартом Токаевым.", [MIRZIYOYEV, TOKAYEV],
           "3 февраля 2025 года Президент Узбекистана Шавкат Мирзиёев провел телефонный разговор с "
           "Президентом Казахстана Касым-Жомартом Токаевым"),
    "ru, the telephone after the verb": (
        "Касым-Жомарт Токаев и Шавкат Мирзиёев 3 февраля 2025 года поговорили по телефону.", [TOKAYEV, MIRZIYOYEV],
        "Касым-Жомарт Токаев и Шавкат Мирзиёев 3 февраля 2025 года поговорили по телефону"),
    "ru, two states and no one named": (
        "3 февраля 2025 года Узбекистан и Казахстан провели телефонные переговоры на уровне министров.", [UZ, KZ],
        "3 февраля 2025 года Узбекистан и Казахстан провели телефонные переговоры"),
    "en": ("On 3 February 2025 Shavkat Mirziyoyev and Kassym-Jomart Tokayev held a phone call.",
           [MIRZIYOYEV, TOKAYEV], "3 February 2025 Shavkat Mirziyoyev and Kassym-Jomart Tokayev held a phone call"),
}


@pytest.mark.parametrize("lang", sorted(CALLS))
def test_a_telephone_conversation_with_both_sides_and_its_date(lang, gazetteer):
    text, sides, quote = CALLS[lang]
    (call,) = _events(text, gazetteer)
    assert call.event_class == "TelephoneConversation"
    assert _participants(call) == sides
    assert (call.start_date, call.end_date, call.derivation) == (("2025-02-03", "date"), None, None)
    # A call has no place, no visitor and no host.
    assert set(call.roles) == {f"participant{i}" for i in range(len(sides))}
    assert call.exact == quote


def test_a_call_without_a_year_takes_it_from_the_publication_date_and_says_so(gazetteer):
    text = "Шавкат Мирзиёев 14 ноябрь куни Қосим-Жомарт Тоқаев билан телефон орқали мулоқот қилди."
    (call,) = _events(text, gazetteer, published="2025-11-20")
    assert call.start_date == ("2025-11-14", "date") and "without a year" in call.derivation
    (undated,) = _events(text, gazetteer) or [None]  # no publication date: no year, no event
    assert undated is None


@pytest.mark.parametrize(("text", "cls"), [
    # A visit, talks and a meeting, each with two leaders and a date, and no telephone.
    ("2022 йил 21-22 декабрь кунлари Шавкат Мирзиёев Қозоғистонга давлат ташрифи билан борди.", "StateVisit"),
    ("21 декабря 2022 года Шавкат Мирзиёев и Касым-Жомарт Токаев провели переговоры в Ташкенте.",
     "Negotiations"),
    ("2024 жылғы 8 тамызда Астанада Тоқаев пен Мирзиёевтің кездесуі өтті.", "Meeting"),
    ("2023-yil 3-mart kuni Shymkentda Shavkat Mirziyoyev va Qosim-Jomart Toqayevning uchrashuvi boʻlib oʻtdi.",
     "Meeting"),
    # The talk was by telephone, the visit only its topic.
    ("3 февраля 2025 года Шавкат Мирзиёев и Касым-Жомарт Токаев в ходе телефонного разговора обсудили "
     "подготовку к государственному визиту.", "TelephoneConversation"),
])
def test_visits_talks_and_meetings_are_not_taken_for_calls(text, cls, gazetteer):
    assert [c.event_class for c in _events(text, gazetteer)] == [cls]


@pytest.mark.parametrize("text", [
    # The telephone alone, or a talk alone, is no call.
    "2025-yil 3-fevral kuni ishonch telefoni orqali 200 ta murojaat qabul qilindi.",
    "3 февраля 2025 года по телефону доверия поступило 200 обращений.",
    "Суҳбатда 2025 йил 3 февраль куни бўладиган учрашувга тайёргарлик муҳокама қилинди.",
])
def test_the_telephone_or_a_talk_alone_is_not_a_call(text, gazetteer):
    assert "TelephoneConversation" not in [c.event_class for c in _events(text, gazetteer)]


def test_a_sentence_that_opens_with_a_date_is_a_sentence_of_its_own(gazetteer):
    # The call and the session are two sentences, though the second begins with a number; an
    # abbreviated year ("2017 й.") does not end one.
    text = ("Шавкат Мирзиёев 2025 йил 3 февраль куни Қосим-Жомарт Тоқаев билан телефон орқали мулоқот қилди. "
            "2025 йил 10 март куни Тошкентда Олий давлатлараро кенгаш мажлиси бўлиб ўтди. "
            "2017 й. 22 март куни Мирзиёев Қозоғистонга давлат ташрифи билан борди.")
    found = [(c.event_class, c.start_date[0]) for c in _events(text, gazetteer)]
    assert found == [("TelephoneConversation", "2025-02-03"), ("Meeting", "2025-03-10"), ("StateVisit", "2017-03-22")]


def test_a_call_already_in_the_graph_is_corroborated_and_one_with_someone_else_is_not():
    text = "Шавкат Мирзиёев 2025 йил 3 февраль куни Қосим-Жомарт Тоқаев билан телефон орқали мулоқот қилди."
    known = events.KnownEvent(ID + "event/2025-02-call", "TelephoneConversation", frozenset({"2025-02-03"}),
                              frozenset(), frozenset(), participants=frozenset({MIRZIYOYEV, TOKAYEV}))
    other = events.KnownEvent(ID + "event/2025-02-other-call", "TelephoneConversation", frozenset({"2025-02-03"}),
                              frozenset(), frozenset(),
                              participants=frozenset({MIRZIYOYEV, ID + "person/vladimir-putin"}))
    visit = events.KnownEvent(ID + "event/2025-02-visit", "StateVisit", frozenset({"2025-02-03"}),
                              frozenset({MIRZIYOYEV}), frozenset({KZ}))
    (g,) = events.find_events(text, _mentions(text, {"Шавкат Мирзиёев": MIRZIYOYEV,
                                                      "Қосим-Жомарт Тоқаев": TOKAYEV}), find_dates(text))
    assert events.corroborate(g, [known, visit]) == known
    assert events.corroborate(g, [other, visit]) is None


def _mentions(text: str, names: dict[str, str]) -> list[Mention]:
    """Mentions as a gazetteer that knows these names would link them (the rule is under test,
    not the gazetteer)."""
    return sorted((Mention(text.index(n), text.index(n) + len(n), n, iri, 1.0, (), (), ())
                   for n, iri in names.items()), key=lambda m: m.start)


def test_sessions_of_a_council_or_commission_are_meetings_of_the_body(gazetteer):
    council = "2025 йил 10 декабрь куни Тошкентда Олий давлатлараро кенгаш мажлиси бўлиб ўтди."
    (m,) = _events(council, gazetteer)
    assert (m.event_class, m.start_date[0], m.roles) == (
        "Meeting", "2025-12-10", {"ofBody": COUNCIL, "location": ID + "place/tashkent"})
    assert m.exact == "2025 йил 10 декабрь куни Тошкентда Олий давлатлараро кенгаш мажлиси"


def test_a_kazakh_session_is_of_the_council_named_in_the_genitive_before_it(gazetteer):
    g = load(Config(root=ROOT))
    g.add(Label(COUNCIL, "Жоғары мемлекетаралық кеңес", "kk", "alt", "test"))
    text = "2025 жылғы 10 желтоқсанда Жоғары мемлекетаралық кеңестің екінші отырысы өтті."
    (m,) = _events(text, g)
    assert (m.event_class, m.start_date[0], m.roles.get("ofBody")) == ("Meeting", "2025-12-10", COUNCIL)


def test_a_russian_session_is_of_the_body_named_after_it_and_not_of_one_further_off():
    text = "В рамках СНГ 10 декабря 2024 года в Ташкенте состоялось заседание Межправительственной комиссии."
    cis = ID + "organization/commonwealth-of-independent-states"
    ms = _mentions(text, {"СНГ": cis, "Межправительственной комиссии": COMMISSION})
    (g,) = events.find_events(text, ms, find_dates(text))
    assert (g.cls, g.body) == ("Meeting", COMMISSION)
    # Without the commission linked, the CIS (named at the head of the sentence) is not the body.
    (g,) = events.find_events(text, [m for m in ms if m.iri == cis], find_dates(text))
    assert (g.cls, g.body) == ("Meeting", None)


def test_the_parliament_oliy_majlis_is_no_session(gazetteer):
    assert _events("Oʻzbekiston Respublikasi Oliy Majlisi 2025-yil 5-martda qonunni qabul qildi.", gazetteer) == []
    (m,) = _events("2025-yil 5-mart kuni Oliy Majlis Senatining yalpi majlisi boʻlib oʻtdi.", gazetteer)
    assert m.event_class == "Meeting"


def test_a_session_of_a_body_the_graph_does_not_know_quotes_its_name(gazetteer):
    # A body the gazetteer cannot link ("Үкіметаралық комиссия" has no Kazakh label): the quote
    # still starts at its name in the genitive, not at the meeting word.
    (m,) = _events("Үкіметаралық комиссияның отырысы 2023 жылғы 15 наурызда Алматыда өтті.", gazetteer)
    assert (m.event_class, m.start_date[0]) == ("Meeting", "2023-03-15")
    assert m.exact == "Үкіметаралық комиссияның отырысы 2023 жылғы 15 наурызда Алматыда"


@pytest.mark.parametrize("text", [
    # "met": the verb, not only the noun, in each language.
    "2024-yil 12-mart kuni Toshkentda Shavkat Mirziyoyev Qosim-Jomart Toqayev bilan uchrashdi.",
    "2024 йил 12 март куни Тошкентда Шавкат Мирзиёев Қосим-Жомарт Тоқаев билан учрашди.",
    "2024 жылғы 12 наурызда Ташкентте Қасым-Жомарт Тоқаев Шавкат Мирзиёевпен кездесті.",
    "2024-жыл 12-март күни Ташкент қаласында Шавкат Мирзиёев Қасым-Жомарт Тоқаев пенен ушырасты.",
    "12 марта 2024 года в Ташкенте Шавкат Мирзиёев встретился с Касым-Жомартом Токаевым.",
])
def test_the_verb_of_meeting_makes_a_meeting(text, gazetteer):
    (meeting,) = _events(text, gazetteer)
    assert (meeting.event_class, meeting.start_date) == ("Meeting", ("2024-03-12", "date"))
    assert meeting.roles.get("location") == ID + "place/tashkent"


def test_the_year_of_a_figure_is_not_the_date_of_a_meeting_the_sentence_mentions(gazetteer):
    # "At the meeting it was noted that trade reached 4.5 billion dollars in 2023": 2023 is the
    # figure's year; the meeting itself is undated here, so no event.
    text = ("Ушырасыўда еки мәмлекет арасындағы саўда айланысы 2023-жылы 4,5 миллиард АҚШ долларына "
            "жеткени атап өтилди.")
    candidates = suggest(DocumentInfo("x", text, (), None), gazetteer)
    assert [c.kind for c in candidates if c.kind in ("Event", "Figure")] == ["Figure"]
    (figure,) = [c for c in candidates if c.kind == "Figure"]
    assert figure.start_date == ("2023", "gYear") and figure.figure[0] == 4_500_000_000
