#!/usr/bin/env python3
"""Synthetic data in ittifoq's own ontology, for the benchmark.

    python bench/generate.py --triples 100000 --seed 1 -o bench/data/100k.nq

Writes N-Quads shaped like the built dataset: the real ontology in graph/ontology, entities
(states, persons, offices, organisations, places) with labels in six languages in
graph/reference, source documents in graph/corpus, and one named graph per document holding
its facts (visits, summits, agreements, memberships, office holdings, statistics), each fact
with a full Web Annotation as its evidence, exactly as ``ittifoq build`` expands it.

The output depends only on --triples, --seed and the ontology file: the same arguments give
byte-identical files. It stops at the first whole fact that reaches --triples, so the count
is within a few dozen of the target.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from ittifoq.namespaces import DCT, GRAPH, ID, ITT, OA, ORG, RDF, SKOS, XSD

ROOT = Path(__file__).resolve().parent.parent
RDF_TYPE = f"<{RDF}type>"
LANGS = ("en", "uz-Latn", "uz-Cyrl", "ru", "kk", "kaa")

# Six or so states the synthetic relations are about, with their names in the six languages.
STATES = {
    "UZ": ("Uzbekistan", "Oʻzbekiston", "Ўзбекистон", "Узбекистан", "Өзбекстан", "Өзбекстан"),
    "KZ": ("Kazakhstan", "Qozogʻiston", "Қозоғистон", "Казахстан", "Қазақстан", "Қазақстан"),
    "KG": ("Kyrgyzstan", "Qirgʻiziston", "Қирғизистон", "Киргизия", "Қырғызстан", "Қырғызстан"),
    "TJ": ("Tajikistan", "Tojikiston", "Тожикистон", "Таджикистан", "Тәжікстан", "Тәжикстан"),
    "TM": ("Turkmenistan", "Turkmaniston", "Туркманистон", "Туркмения", "Түрікменстан", "Түркменстан"),
    "AF": ("Afghanistan", "Afgʻoniston", "Афғонистон", "Афганистан", "Ауғанстан", "Аўғанстан"),
    "RU": ("Russia", "Rossiya", "Россия", "Россия", "Ресей", "Россия"),
    "CN": ("China", "Xitoy", "Хитой", "Китай", "Қытай", "Қытай"),
}
GIVEN = ("Aziz", "Bahodir", "Dilnoza", "Erkin", "Farrux", "Gulnora", "Ilhom", "Jamshid", "Kamola", "Laziz",
         "Madina", "Nodir", "Oybek", "Rustam", "Sardor", "Timur", "Umid", "Zarina", "Asqar", "Baurjan",
         "Dauren", "Yerlan", "Gulnar", "Marat", "Nurlan", "Saule", "Talgat", "Aigerim", "Serik", "Qayrat")
ROOTS = ("Karim", "Usmon", "Rahim", "Tursun", "Yusup", "Akhmet", "Nazar", "Sultan", "Ismoil", "Jumaboy",
         "Qodir", "Mirzo", "Sadyk", "Tokay", "Omar", "Bek", "Ergash", "Xoliq", "Abdull", "Nurmat")
CITY_ROOTS = ("Tosh", "Sam", "Bux", "Xiv", "Nam", "And", "Far", "Qar", "Nuk", "Ter", "Shym", "Alm", "Ast",
              "Tur", "Kyz", "Aty", "Pav", "Kos", "Sem", "Tar")
CITY_ENDS = ("kent", "obod", "arqand", "ara", "ijon", "ona", "shi", "tau", "ty", "bek")
ORG_WORDS = ("Council", "Commission", "Forum", "Agency", "Company", "University", "Institute", "Fund",
             "Centre", "Chamber")
ORG_KINDS = ("BilateralBody", "BilateralBody", "InternationalOrganization", "Agency", "Company", "University",
             "MultilateralMechanism")
VISIT_KINDS = ("StateVisit", "OfficialVisit", "WorkingVisit", "Visit")
EVENT_KINDS = ("Summit", "Meeting", "Forum", "Conference", "Negotiations", "Consultations", "CultureDays")
AGREEMENT_KINDS = ("Treaty", "IntergovernmentalAgreement", "Memorandum", "Programme", "Contract")
STATUSES = ("Signed", "Ratified", "Adopted", "Planned", "InPreparation")
FIELDS = ("PoliticalField", "TradeEconomicField", "InvestmentField", "TransportField", "EnergyField",
          "CulturalHumanitarianField", "SecurityField", "WaterField", "EducationField", "TourismField")
INDICATORS = ("BilateralTradeVolume", "InvestmentVolume", "EnterpriseCount", "RailFreightVolume", "TradeShare")
UNITS = {"BilateralTradeVolume": "USDollar", "InvestmentVolume": "USDollar", "EnterpriseCount": "ItemCount",
         "RailFreightVolume": "ItemCount", "TradeShare": "Percent"}
OFFICE_TITLES = ("President", "Prime Minister", "Minister of Foreign Affairs", "Minister of Economy",
                 "Minister of Energy", "Minister of Transport", "Speaker of the Senate", "Ambassador")
WORDS = ("hamkorlik", "savdo", "tashrif", "kelishuv", "muzokaralar", "investitsiya", "loyiha", "energetika",
         "transport", "madaniyat", "xavfsizlik", "suv", "chegara", "sanoat", "taʼlim", "turizm", "strategik",
         "sheriklik", "ittifoqchilik", "forum", "memorandum", "dastur", "yigʻilish", "sammit")

_CYR = [("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е"), ("kh", "х"),
        ("oʻ", "ў"), ("gʻ", "ғ"), ("zh", "ж"), ("ts", "ц"), ("a", "а"), ("b", "б"), ("d", "д"), ("e", "е"),
        ("f", "ф"), ("g", "г"), ("h", "ҳ"), ("i", "и"), ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"),
        ("n", "н"), ("o", "о"), ("p", "п"), ("q", "қ"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
        ("v", "в"), ("x", "х"), ("y", "й"), ("z", "з"), ("ʼ", "ъ")]


def cyrillic(text: str) -> str:
    """A rough Latin→Cyrillic transliteration, enough to give labels in both scripts."""
    out, i, low = [], 0, text.lower()
    while i < len(text):
        for lat, cyr in _CYR:
            if low.startswith(lat, i):
                out.append(cyr.upper() if text[i].isupper() else cyr)
                i += len(lat)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def iri(s: str) -> str:
    return f"<{s}>"


def lit(text: str, lang: str | None = None, dt: str | None = None) -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{esc}"@{lang}'
    if dt:
        return f'"{esc}"^^<{XSD}{dt}>'
    return f'"{esc}"'


class Writer:
    def __init__(self, out, budget: int):
        self.out = out
        self.budget = budget
        self.count = 0
        self.buf: list[str] = []

    def quad(self, s: str, p: str, o: str, g: str) -> None:
        self.buf.append(f"{s} {p} {o} {g} .\n")
        self.count += 1
        if len(self.buf) >= 50_000:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.buf).encode("utf-8"))
        self.buf.clear()

    @property
    def full(self) -> bool:
        return self.count >= self.budget


def ontology_lines(path: Path) -> list[str]:
    import pyoxigraph as ox

    g = ox.NamedNode(GRAPH + "ontology")
    # The parser names blank nodes at random; renaming them in order of appearance (which is
    # fixed by the file) keeps the output reproducible.
    names: dict[ox.BlankNode, ox.BlankNode] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term, ox.BlankNode(f"o{len(names)}"))
        return term

    quads = [ox.Quad(stable(t.subject), t.predicate, stable(t.object), g) for t in ox.parse(path=str(path))]
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return sorted(set(data.splitlines()))


def rand_date(rng: random.Random, start: int = 1992, end: int = 2025) -> date:
    first = date(start, 1, 1)
    return first + timedelta(days=rng.randrange((date(end, 12, 31) - first).days))


def generate(out, triples: int, seed: int, ontology: Path | None) -> int:
    rng = random.Random(seed)
    w = Writer(out, triples)
    P = lambda local: iri(ITT + local)  # noqa: E731
    skos_pref, skos_alt = iri(SKOS + "prefLabel"), iri(SKOS + "altLabel")
    ref_g, corpus_g = iri(GRAPH + "reference"), iri(GRAPH + "corpus")

    if ontology is not None:
        for line in ontology_lines(ontology):
            w.buf.append(line + "\n")
            w.count += 1
        w.flush()

    def labels(s: str, names: tuple[str, ...], g: str = ref_g) -> None:
        for lang, name in zip(LANGS, names, strict=True):
            w.quad(s, skos_pref, lit(name, lang), g)

    # --- Reference entities, scaled with the target size -----------------------------------
    n_persons = max(40, triples // 250)
    n_orgs = max(12, triples // 2000)
    n_cities = max(12, triples // 2000)
    states = list(STATES)
    for code, names in STATES.items():
        s = iri(f"{ID}state/{code}")
        w.quad(s, RDF_TYPE, P("State"), ref_g)
        labels(s, names)
        w.quad(s, P("isoCode"), lit(code), ref_g)
    regions = []
    for code in states:
        for k in range(3):
            r = iri(f"{ID}place/region-{code.lower()}-{k}")
            regions.append((r, code))
            w.quad(r, RDF_TYPE, P("Region"), ref_g)
            w.quad(r, P("locatedIn"), iri(f"{ID}state/{code}"), ref_g)
            name = f"{STATES[code][0]} region {k + 1}"
            w.quad(r, skos_pref, lit(name, "en"), ref_g)
            w.quad(r, skos_pref, lit(f"{STATES[code][1]} {k + 1}-hudud", "uz-Latn"), ref_g)
    cities = []
    for i in range(n_cities):
        c = iri(f"{ID}place/city-{i:05d}")
        region, code = regions[i % len(regions)]
        cities.append((c, code))
        name = rng.choice(CITY_ROOTS) + rng.choice(CITY_ENDS)
        w.quad(c, RDF_TYPE, P("City"), ref_g)
        w.quad(c, P("locatedIn"), region, ref_g)
        labels(c, (name, name, cyrillic(name), cyrillic(name), cyrillic(name), cyrillic(name)))
    offices = []
    for code in states:
        for k, title in enumerate(OFFICE_TITLES):
            o = iri(f"{ID}office/{code.lower()}-{k}")
            offices.append((o, code))
            w.quad(o, RDF_TYPE, P("Office"), ref_g)
            w.quad(o, P("officeOf"), iri(f"{ID}state/{code}"), ref_g)
            w.quad(o, skos_pref, lit(f"{title} of {STATES[code][0]}", "en"), ref_g)
            w.quad(o, skos_pref, lit(f"{STATES[code][1]} {title}", "uz-Latn"), ref_g)
    persons = []
    for i in range(n_persons):
        p = iri(f"{ID}person/p{i:06d}")
        code = states[i % 2] if rng.random() < 0.7 else rng.choice(states)
        persons.append((p, code))
        given, root = rng.choice(GIVEN), rng.choice(ROOTS)
        suffix = "ov" if root[-1] not in "aeiou" else "yev"
        name = f"{given} {root}{suffix}"
        w.quad(p, RDF_TYPE, P("Person"), ref_g)
        labels(p, (name, name, cyrillic(name), cyrillic(name), cyrillic(name), cyrillic(name)))
        w.quad(p, skos_alt, lit(f"{given[0]}. {root}{suffix}", "en"), ref_g)
    orgs = []
    for i in range(n_orgs):
        o = iri(f"{ID}organization/org-{i:05d}")
        kind = ORG_KINDS[i % len(ORG_KINDS)]
        orgs.append(o)
        a, b = rng.sample(states, 2)
        name = f"{STATES[a][0]}–{STATES[b][0]} {rng.choice(ORG_WORDS)} {i}"
        uz = f"{STATES[a][1]}–{STATES[b][1]} {rng.choice(WORDS)} {i}"
        w.quad(o, RDF_TYPE, P(kind), ref_g)
        labels(o, (name, uz, cyrillic(uz), cyrillic(uz), cyrillic(uz), cyrillic(uz)))
        if i >= 10:
            # Organisations form trees (bodies under bodies), for property-path queries.
            w.quad(o, P("parentOrganization"), orgs[rng.randrange(i // 2, i)], ref_g)
        w.quad(o, P("startDate"), lit(str(rand_date(rng, 1992, 2020).year), dt="gYear"), ref_g)

    # --- Documents and their facts ---------------------------------------------------------
    counters: dict[str, int] = {}

    def new_id(kind: str, stem: str) -> str:
        n = counters.get(stem, 0)
        counters[stem] = n + 1
        return iri(f"{ID}{kind}/{stem}-{n:06d}")

    def evidence(fact: str, doc_slug: str, doc: str, g: str, pos: int) -> int:
        quote = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(5, 14)))
        start, end = pos, pos + len(quote)
        ev = f"{ID}evidence/{doc_slug}/{start}-{end}"
        e, t, q, ps = iri(ev), iri(ev + "#target"), iri(ev + "#quote"), iri(ev + "#position")
        for s, p, o in (
            (fact, P("evidence"), e), (e, RDF_TYPE, P("Evidence")), (e, RDF_TYPE, iri(OA + "Annotation")),
            (e, iri(OA + "motivatedBy"), iri(OA + "describing")), (e, iri(OA + "hasBody"), fact),
            (e, P("sourceDocument"), doc), (e, iri(OA + "hasTarget"), t),
            (t, RDF_TYPE, iri(OA + "SpecificResource")), (t, iri(OA + "hasSource"), doc),
            (t, iri(OA + "hasSelector"), q), (t, iri(OA + "hasSelector"), ps),
            (q, RDF_TYPE, iri(OA + "TextQuoteSelector")), (q, iri(OA + "exact"), lit(quote)),
            (q, iri(OA + "prefix"), lit(rng.choice(WORDS))), (q, iri(OA + "suffix"), lit(rng.choice(WORDS))),
            (ps, RDF_TYPE, iri(OA + "TextPositionSelector")),
            (ps, iri(OA + "start"), lit(str(start), dt="nonNegativeInteger")),
            (ps, iri(OA + "end"), lit(str(end), dt="nonNegativeInteger")),
        ):
            w.quad(s, p, o, g)
        return end + rng.randrange(1, 200)

    def fact_labels(s: str, en: str, uz: str) -> None:
        w.quad(s, skos_pref, lit(en, "en"), ref_g)
        w.quad(s, skos_pref, lit(uz, "uz-Latn"), ref_g)

    doc_no = 0
    while not w.full:
        slug = f"bench-doc-{doc_no:06d}"
        doc_no += 1
        doc, g = iri(f"{ID}document/{slug}"), iri(GRAPH + slug)
        ddate = rand_date(rng, 2000, 2025)
        lang = rng.choice(LANGS)
        w.quad(doc, RDF_TYPE, P("SourceDocument"), corpus_g)
        w.quad(doc, iri(DCT + "title"), lit(" ".join(rng.choice(WORDS) for _ in range(6)), lang), corpus_g)
        w.quad(doc, iri(DCT + "date"), lit(ddate.isoformat(), dt="date"), corpus_g)
        w.quad(doc, iri(DCT + "language"), lit(lang), corpus_g)
        w.quad(doc, P("factsGraph"), g, corpus_g)
        pos = rng.randrange(0, 500)
        visits: list[str] = []
        for _ in range(rng.randrange(4, 16)):
            if w.full:
                break
            kind = rng.random()
            start = rand_date(rng, 1992, 2025)
            if kind < 0.30:
                f = new_id("event", "visit")
                (visitor, home) = rng.choice(persons)
                host = rng.choice([s for s in states if s != home])
                city = rng.choice([c for c, code in cities if code == host] or [cities[0][0]])
                w.quad(f, RDF_TYPE, P(rng.choice(VISIT_KINDS)), g)
                w.quad(f, P("visitor"), visitor, g)
                w.quad(f, P("hostState"), iri(f"{ID}state/{host}"), g)
                w.quad(f, P("location"), city, g)
                w.quad(f, P("startDate"), lit(start.isoformat(), dt="date"), g)
                w.quad(f, P("endDate"), lit((start + timedelta(days=rng.randrange(1, 4))).isoformat(), dt="date"), g)
                visits.append(f)
                fact_labels(f, f"Visit to {STATES[host][0]}, {start.isoformat()}",
                            f"{STATES[host][1]}ga tashrif, {start.isoformat()}")
            elif kind < 0.45:
                f = new_id("event", "event")
                w.quad(f, RDF_TYPE, P(rng.choice(EVENT_KINDS)), g)
                for pp, _ in rng.sample(persons, rng.randrange(2, 5)):
                    w.quad(f, P("participant"), pp, g)
                w.quad(f, P("location"), rng.choice(cities)[0], g)
                w.quad(f, P("date"), lit(start.isoformat(), dt="date"), g)
                w.quad(f, P("ofBody"), rng.choice(orgs), g)
                fact_labels(f, f"Meeting, {start.isoformat()}", f"Yigʻilish, {start.isoformat()}")
            elif kind < 0.65:
                f = new_id("agreement", "agreement")
                a, b = rng.sample(states, 2)
                w.quad(f, RDF_TYPE, P(rng.choice(AGREEMENT_KINDS)), g)
                w.quad(f, P("party"), iri(f"{ID}state/{a}"), g)
                w.quad(f, P("party"), iri(f"{ID}state/{b}"), g)
                w.quad(f, P("status"), P(rng.choice(STATUSES)), g)
                for fld in rng.sample(FIELDS, rng.randrange(1, 4)):
                    w.quad(f, P("field"), P(fld), g)
                if visits and rng.random() < 0.6:
                    w.quad(f, P("signedDuring"), rng.choice(visits), g)
                if rng.random() < 0.7:
                    w.quad(f, P("signingDate"), lit(start.isoformat(), dt="date"), g)
                    w.quad(f, P("signatory"), rng.choice(persons)[0], g)
                topic = rng.choice(WORDS)
                fact_labels(f, f"Agreement on {topic} between {STATES[a][0]} and {STATES[b][0]}",
                            f"{STATES[a][1]} va {STATES[b][1]} oʻrtasida {topic} toʻgʻrisida kelishuv")
            elif kind < 0.75:
                f = new_id("membership", "membership")
                member = iri(f"{ID}state/{rng.choice(states)}")
                w.quad(f, RDF_TYPE, P("Membership"), g)
                w.quad(f, iri(ORG + "member"), member, g)
                w.quad(f, iri(ORG + "organization"), rng.choice(orgs), g)
                w.quad(f, P("startDate"), lit(start.isoformat(), dt="date"), g)
                fact_labels(f, f"Membership since {start.year}", f"{start.year}-yildan aʼzolik")
            elif kind < 0.87:
                f = new_id("holding", "holding")
                (holder, home) = rng.choice(persons)
                office = rng.choice([o for o, code in offices if code == home])
                w.quad(f, RDF_TYPE, P("OfficeHolding"), g)
                w.quad(f, P("holder"), holder, g)
                w.quad(f, P("office"), office, g)
                w.quad(f, P("startDate"), lit(start.isoformat(), dt="date"), g)
                if rng.random() < 0.5:
                    w.quad(f, P("endDate"), lit((start + timedelta(days=rng.randrange(200, 3000))).isoformat(),
                                                dt="date"), g)
                fact_labels(f, f"Office holding from {start.year}", f"{start.year}-yildan lavozimda")
            else:
                f = new_id("observation", "observation")
                ind = rng.choice(INDICATORS)
                a, b = rng.sample(states, 2)
                year = str(start.year)
                w.quad(f, RDF_TYPE, P("Observation"), g)
                w.quad(f, P("indicator"), P(ind), g)
                w.quad(f, P("refArea"), iri(f"{ID}state/{a}"), g)
                w.quad(f, P("counterpart"), iri(f"{ID}state/{b}"), g)
                w.quad(f, P("value"), lit(f"{rng.randrange(1, 5_000_000) * 1000}", dt="decimal"), g)
                w.quad(f, P("unit"), P(UNITS[ind]), g)
                w.quad(f, P("observationKind"), P(rng.choice(("Actual", "Actual", "Target"))), g)
                w.quad(f, P("valueQualifier"), P(rng.choice(("Exactly", "Approximately", "MoreThan"))), g)
                w.quad(f, P("periodStart"), lit(year, dt="gYear"), g)
                w.quad(f, P("periodEnd"), lit(year, dt="gYear"), g)
                fact_labels(f, f"{ind} {a}–{b} {year}", f"{ind} {a}–{b} {year}-yil")
            pos = evidence(f, slug, doc, g, pos)
    w.flush()
    return w.count


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--triples", type=int, required=True, help="target size (statements)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("-o", "--output", required=True, help="file to write (.nq, or .nq.gz for gzip)")
    p.add_argument("--no-ontology", action="store_true", help="leave out the ontology graph")
    args = p.parse_args(argv)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    # gzip's header holds a timestamp and a file name; leaving both out keeps the bytes reproducible.
    with (open(tmp, "wb") if out.suffix != ".gz" else gzip.GzipFile(fileobj=open(tmp, "wb"), mode="wb", mtime=0,
                                                                      filename="")) as fh:
        n = generate(fh, args.triples, args.seed, None if args.no_ontology else ROOT / "ontology" / "ittifoq.ttl")
    tmp.replace(out)
    print(f"wrote {out} ({n} quads, seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
