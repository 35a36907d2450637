"""Facts linked to each other (issue 12): relations the documents state are edges with declared
inverses; visits that name only an office also name the person the corpus gives for that
date, as an interpretation; figures, rankings, votes and claims are data. Expected values are
read off the texts (quotes in the comments), not off the code's output. Document ids as in
test_competency_questions.py."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

ID = "https://w3id.org/ittifoq/id/"
D000 = "khayrullaev-uzbekistan-kazakhstan-cooperation"
D001 = "interstate-relations-concept"
D002 = "cis-cooperation-uzbekistan-kazakhstan"
D003 = "president-uz-allied-relations-briefing"
D004 = "dunyo-strategic-partnership-new-era"
PREFIXES = """
PREFIX itt: <https://w3id.org/ittifoq/ontology/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX graph: <https://w3id.org/ittifoq/graph/>
PREFIX person: <https://w3id.org/ittifoq/id/person/>
PREFIX state: <https://w3id.org/ittifoq/id/state/>
PREFIX place: <https://w3id.org/ittifoq/id/place/>
PREFIX event: <https://w3id.org/ittifoq/id/event/>
PREFIX agreement: <https://w3id.org/ittifoq/id/agreement/>
PREFIX relation: <https://w3id.org/ittifoq/id/relation/>
PREFIX membership: <https://w3id.org/ittifoq/id/membership/>
"""


def rows(kg, query: str) -> list[dict[str, str | None]]:
    result = kg.query(PREFIXES + query)
    names = [v.value for v in result.variables]
    return [{n: (sol[n].value if sol[n] is not None else None) for n in names} for sol in result]


def slug(iri: str) -> str:
    return iri.rsplit("/", 1)[1]


def text(doc: str) -> str:
    path = next((ROOT / "data" / "sources").glob(f"{doc}.*.txt"))
    return path.read_text(encoding="utf-8")


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ---------------------------------------------------------------------------
# The ontology: every link has an inverse with labels
# ---------------------------------------------------------------------------

LINKS = ["partOf", "outcome", "signedDuring", "ratifies", "establishes", "annexTo", "legalBasis", "about",
         "commemorates", "toAttend", "inResponseTo", "followUpOf", "votedFor", "claimant", "rankedItem",
         "rankedIn", "combinedArea"]


@pytest.mark.parametrize("name", LINKS)
def test_every_link_has_a_labelled_inverse(kg, name):
    found = rows(kg, f"""
        SELECT ?inv ?en ?uz WHERE {{ GRAPH graph:ontology {{
            {{ ?inv owl:inverseOf itt:{name} }} UNION {{ itt:{name} owl:inverseOf ?inv }}
            ?inv rdfs:label ?en , ?uz .
            FILTER (lang(?en) = "en" && langMatches(lang(?uz), "uz-Latn"))
            itt:{name} rdfs:label ?own . FILTER (lang(?own) = "en" && ?own != ?en)
        }} }}""")
    assert found, f"itt:{name} has no declared inverse with its own en and uz-Latn labels"


# ---------------------------------------------------------------------------
# Offices and persons: "the visits of X" without a join
# ---------------------------------------------------------------------------

def visits_of(kg, person: str) -> set[tuple[str, str]]:
    return {(slug(r["v"]), slug(r["g"])) for r in rows(kg, f"""
        SELECT DISTINCT ?v ?g WHERE {{ GRAPH ?g {{ ?v itt:visitor person:{person} }} }}""")}


def test_mirziyoyev_visits_include_those_naming_only_the_office(kg):
    got = visits_of(kg, "shavkat-mirziyoyev")
    # 004: "2024-жыл 7-9-август күнлери Өзбекстан Президентиниң Қазақстанға мәмлекетлик сапары"; "2021-жыл
    # 5-6-декабрь күнлери Өзбекстан Президентиниң Астанаға сапары"; "Өзбекстан Президенти май ҳәм июнь айларында
    # еки мәрте Астанаға". 000 names him for 5-6 December 2021 and President in August 2024.
    assert {
        ("2024-08-mirziyoyev-state-visit-to-kazakhstan", "graph/" + D004),
        ("2021-12-mirziyoyev-state-visit-to-kazakhstan", "graph/" + D004),
        ("2025-05-mirziyoyev-visit-to-astana", "graph/" + D004),
        ("2025-06-mirziyoyev-visit-to-astana", "graph/" + D004),
        ("2017-03-mirziyoyev-state-visit-to-kazakhstan", "graph/" + D000),
        ("2018-03-mirziyoyev-visit-to-astana", "graph/" + D002),
    } <= {(v, "graph/" + g) for v, g in got}


def test_tokayev_visits_include_those_naming_only_the_office(kg):
    got = visits_of(kg, "kassym-jomart-tokayev")
    # 003: "Қозоғистон Республикаси Президентининг мамлакатимизга давлат ташрифи"; 004: "2022-жыл 21-22-декабрь
    # күнлери Қазақстан Президентиниң Ташкентке сапары", "Қазақстан Президенти \"Орайлық Азия - ЕА\" саммитинде
    # қатнасыў ушын … Самарқандқа барды". 000 names Tokayev for 21-22 December 2022.
    assert {
        ("2022-12-tokayev-state-visit-to-uzbekistan", D003),
        ("2022-12-tokayev-state-visit-to-uzbekistan", D004),
        ("2025-04-tokayev-visit-to-samarkand", D004),
    } <= got


def test_a_person_the_text_does_not_name_is_an_interpretation(kg):
    """Where a visit's evidence in a document does not write the visitor's name, that document's
    graph says how the person was read (itt:interpretation naming the person)."""
    found = rows(kg, """
        SELECT ?v ?g ?p (GROUP_CONCAT(?exact; separator=" | ") AS ?quotes) WHERE {
            GRAPH ?g { ?v itt:visitor ?p ; itt:evidence ?e . ?e oa:hasTarget/oa:hasSelector/oa:exact ?exact }
        } GROUP BY ?v ?g ?p""")
    names = {r["p"]: [r2["l"] for r2 in rows(kg, f"""
        SELECT DISTINCT ?l WHERE {{ GRAPH ?x {{ <{r["p"]}> skos:altLabel|skos:prefLabel ?l }} }}""")]
        for r in found}
    unnamed = [r for r in found if not any(
        n.split()[-1][:5] in r["quotes"] for n in names[r["p"]])]
    assert len(unnamed) >= 7, unnamed  # the dunyo office-only visits, 003's visit, 000's August 2024 visit
    for r in unnamed:
        notes = rows(kg, f"""SELECT ?n WHERE {{ GRAPH <{r["g"]}> {{ <{r["v"]}> itt:interpretation ?n }} }}""")
        surnames = {"shavkat-mirziyoyev": "Mirziyoyev", "kassym-jomart-tokayev": "Tokayev"}
        surname = surnames.get(slug(r["p"]), slug(r["p"]))
        assert any(surname in n["n"] for n in notes), (r["v"], r["g"])


# ---------------------------------------------------------------------------
# Relations between facts stated by the documents
# ---------------------------------------------------------------------------

def edges(kg, prop: str) -> set[tuple[str, str, str]]:
    return {(slug(r["s"]), slug(r["o"]), slug(r["g"])) for r in rows(kg, f"""
        SELECT ?s ?o ?g WHERE {{ GRAPH ?g {{ ?s itt:{prop} ?o }} }}""")}


def test_trips_made_for_a_summit_or_assembly(kg):
    # 004: "Қазақстан Президенти \"Орайлық Азия - ЕА\" саммитинде қатнасыў ушын … Самарқандқа барды";
    # "Ерлан Кошанов Парламентлераралық аўқамның 150-Ассамблеясында қатнасыў ушын Ташкентке келди".
    assert {("2025-04-tokayev-visit-to-samarkand", "2025-04-central-asia-eu-summit", D004),
            ("2025-04-koshanov-visit-to-tashkent", "ipu-150th-assembly", D004)} <= edges(kg, "toAttend")


def test_return_visit_answers_the_earlier_visit(kg):
    # 004: "Оған жуўап ретинде Қазақстан Президенти … 2019-жыл 14-15-апрель күнлери мәмлекетлик сапар менен
    # Өзбекстанға келди", right after the March 2017 visit.
    assert ("2019-04-tokayev-state-visit-to-uzbekistan", "2017-03-mirziyoyev-state-visit-to-kazakhstan", D004) \
        in edges(kg, "inResponseTo")
    for r in rows(kg, """SELECT ?a ?b ?da ?db WHERE { GRAPH ?g { ?a itt:inResponseTo ?b }
                          GRAPH ?g1 { ?a itt:startDate|itt:date ?da } GRAPH ?g2 { ?b itt:startDate|itt:date ?db } }"""):
        assert r["da"][:4] >= r["db"][:4], r  # an answer comes after what it answers


def test_anniversary_celebration_marks_the_relations_it_counts_from(kg):
    # 003: "Жорий йилда мамлакатларимиз дипломатик муносабатлар ўрнатилганининг 30 йиллигини кенг нишонлади";
    # 004: "дипломатиялық қатнасықлар 1992-жыл 23-ноябрьде орнатылған"; the document is of 2022.
    found = rows(kg, f"""
        SELECT ?e ?n ?year ?since WHERE {{
            GRAPH graph:{D003} {{ ?e itt:commemorates relation:uz-kz-diplomatic-relations ; itt:anniversary ?n ;
                                   itt:startDate ?year }}
            GRAPH graph:{D004} {{ relation:uz-kz-diplomatic-relations itt:startDate ?since }} }}""")
    assert len(found) == 1
    r = found[0]
    assert int(r["since"][:4]) + int(r["n"]) == int(r["year"][:4]) == 2022
    # The exhibition (October), culture days (November) and youth congress (December) it lists are its parts.
    parts = {s for s, o, g in edges(kg, "partOf") if o == slug(r["e"]) and g == D003}
    assert parts == {"2022-10-orol-durdonasi-exhibition-in-almaty", "2022-11-uzbek-culture-days-in-astana",
                     "2022-12-youth-congress"}


def test_agreements_carried_out_after_the_march_2017_visit(kg):
    # 002: "Ушбу ташриф давомида эришилган келишувларни амалга оширишга оид бир қатор тадбирлар ўтказилди.
    # Хусусан, 2017-йилда иккита йирик бизнес-форумлар … фармацевтика савдо уйи … “Uzavtosanoat” AK va
    # “SariarkaAvtoProm”" (the text is Latin: "Ushbu tashrif davomida erishilgan kelishuvlarni amalga oshirishga oid").
    follow = {s for s, o, g in edges(kg, "followUpOf")
              if o == "2017-03-mirziyoyev-state-visit-to-kazakhstan" and g == D002}
    assert {"uz-kz-business-forums-2017", "pharmaceutical-trading-house-in-kazakhstan",
            "uzavtosanoat-sariarkaavtoprom-joint-export-project"} <= follow


def test_memorandum_provisions_are_decisions_based_on_it(kg):
    # 002: "Ushbu memorandum doirasida Ramazon hayiti va Qurbon hayitini bir xil kunda nishonlash, umumiy fatvalar
    # va qarorlar qabul qilish, har ikkala mamlakatda ziyoratgohlarni tashrif buyurish qarori qabul qilindi."
    based = {s for s, o, g in edges(kg, "legalBasis") if o == "memorandum-on-simultaneous-religious-holidays"}
    assert len(based) == 3


def test_first_supreme_council_meeting_within_the_august_2024_visit(kg):
    # 000: the meeting at the Akorda, then "Ташриф доирасида … ўтказилди".
    assert ("supreme-interstate-council-1st-meeting", "2024-08-mirziyoyev-state-visit-to-kazakhstan", D000) \
        in edges(kg, "partOf")


def test_law_approved_at_a_senate_plenary_session(kg):
    # 002: "Senat yalpi majlisida ma’qullangan … shartnomalarni ratifikatsiya qilish haqida”gi qonun".
    found = rows(kg, f"""SELECT ?m WHERE {{ GRAPH graph:{D002} {{
        agreement:uz-law-ratifying-treaty-on-allied-relations itt:signedDuring ?m ; itt:ratifies ?t .
        ?m a itt:Meeting ; itt:ofBody <{ID}organization/senate-of-uzbekistan> }} }}""")
    assert len(found) == 1


# ---------------------------------------------------------------------------
# Content that was English prose: a combined figure, rankings, a vote
# ---------------------------------------------------------------------------

def test_combined_market_belongs_to_both_states(kg):
    # 001: "Qozogʻiston va Oʻzbekiston Markaziy Osiyodagi 50 milliondan ortiq kishini oʻz bagʻriga olgan eng yirik
    # bozorlardan biri hisoblanadi": one figure for the two together.
    found = rows(kg, f"""
        SELECT ?o (GROUP_CONCAT(STR(?a); separator=" ") AS ?areas) WHERE {{ GRAPH graph:{D001} {{
            ?o itt:indicator itt:PopulationSize ; itt:value 50000000 ; itt:combinedArea ?a }} }} GROUP BY ?o""")
    assert len(found) == 1 and set(found[0]["areas"].split()) == {ID + "state/UZ", ID + "state/KZ"}
    assert not rows(kg, """SELECT ?o WHERE { GRAPH ?g { ?o itt:indicator itt:PopulationSize ;
                           itt:refArea state:UZ ; itt:value 50000000 } }""")


ORDINALS = {1: "birinchi", 2: "ikkinchi", 3: "uchinchi"}


def test_foreign_policy_concept_rankings(kg):
    # 001: the Uzbek concept's list: "Bu roʻyxatda Markaziy Osiyo mintaqasi birinchi oʻrinni egallaydi"; the Kazakh
    # concept: "Rossiya Federatsiyasi va Xitoy Xalq Respublikalari roʻyxatning birinchi hamda ikkinchi
    # pogʻonalarini band etishgan", Central Asia "uchinchi oʻrindan joy olgan".
    found = rows(kg, f"""
        SELECT ?doc ?item ?rank ?exact WHERE {{ GRAPH graph:{D001} {{
            ?r a itt:Ranking ; itt:rankedIn ?doc ; itt:rankedItem ?item ; itt:rank ?rank ;
               itt:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?exact }} }}""")
    got = {(slug(r["doc"]), slug(r["item"]), int(r["rank"])) for r in found}
    assert got == {("uz-foreign-policy-concept-2012", "central-asia", 1),
                   ("kz-foreign-policy-concept-2014-2020", "RU", 1),
                   ("kz-foreign-policy-concept-2014-2020", "CN", 2),
                   ("kz-foreign-policy-concept-2014-2020", "central-asia", 3)}
    for r in found:
        assert ORDINALS[int(r["rank"])] in r["exact"], r


def test_uzbekistan_first_in_the_region_by_population(kg):
    # 001: "Oʻzbekiston aholisi soni boʻyicha mintaqada birinchi oʻrinda turadi."
    found = rows(kg, f"""SELECT ?r WHERE {{ GRAPH graph:{D001} {{ ?r itt:rankedItem state:UZ ; itt:rank 1 ;
                           itt:indicator itt:PopulationSize ; itt:rankingScope place:central-asia }} }}""")
    assert len(found) == 1


def test_uzbekistan_voted_for_kazakhstan_on_the_security_council(kg):
    # 002: "O‘zbekiston 2017-2018-yillarda Qozog‘istonning BMT Xavfsizlik Kengashida vaqtincha a’zoligi uchun
    # ovoz berdi."
    found = rows(kg, f"""SELECT ?v WHERE {{ GRAPH graph:{D002} {{ ?v a itt:Vote ; itt:voter state:UZ ;
                           itt:votedFor membership:KZ-un-security-council }} }}""")
    assert len(found) == 1


# ---------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------

def claims(kg) -> list[dict[str, str | None]]:
    return rows(kg, """
        SELECT ?c ?g ?claimant ?kind ?value WHERE { GRAPH ?g {
            ?c a itt:Claim ; itt:claimant ?claimant ; itt:claimKind ?kind ; itt:wording ?value } }""")


def test_every_claims_wording_is_the_documents(kg):
    found = claims(kg)
    assert len(found) >= 30
    for r in found:
        doc = slug(r["g"])
        assert squeeze(r["value"]) in squeeze(text(doc)), (r["c"], doc)


def test_claims_the_issue_names(kg):
    got = {(slug(r["g"]), slug(r["claimant"]), slug(r["kind"])) for r in claims(kg)}
    # 002: "2016-yildan boshlab, Qozog‘iston va O‘zbekiston o‘rtasidagi munosabatlar sifat jihatidan yangi bosqichga
    # ko‘tarildi" (the document's own words; its authors are not named).
    assert (D002, D002, "RelationsLevelClaim") in got
    # 003: "Қозоғистон Ўзбекистон учун энг яқин, ишончли ва давр синовидан ўтган ҳамкордир" – quoted from the
    # President of Uzbekistan ("деди давлатимиз раҳбари"), who is Shavkat Mirziyoyev in the same text.
    assert (D003, "shavkat-mirziyoyev", "PartnerCharacterClaim") in got
    # 001: "Oʻzbekiston qoʻshni davlatlar bilan munosabatlarini win-win strategiyasiga tayanib amalga oshirishga
    # eʼtibor qaratmoqda."
    assert (D001, "UZ", "MutualBenefitClaim") in got
    # Shared roots and language: 000 "томири туташ, туркийзабон" (by its author), 001 "oʻxshash tili".
    assert (D000, "ikrom-khayrullaev", "SharedHeritageClaim") in got
    assert (D001, D001, "SharedHeritageClaim") in got
    # 004 is signed by the "Дунё" agency.
    assert (D004, "dunyo-information-agency", "RelationsLevelClaim") in got


def test_since_2016_claim_is_dated(kg):
    found = rows(kg, f"""SELECT ?d WHERE {{ GRAPH graph:{D002} {{ ?c a itt:Claim ; itt:startDate ?d }} }}""")
    assert [r["d"] for r in found] == ["2016"]


# ---------------------------------------------------------------------------
# Evidence precise enough to show its claim
# ---------------------------------------------------------------------------

def test_no_bare_acronym_or_name_as_evidence(kg):
    # A quote such as "БМТ" or "\"Орайлық Азия - Италия\"" shows a name, not the fact; every quote is a clause.
    short = [(slug(r["g"]), r["q"]) for r in rows(kg, """
        SELECT ?g ?q WHERE { GRAPH ?g { ?s oa:exact ?q } FILTER (STRLEN(?q) < 25) }""")]
    assert short == []
