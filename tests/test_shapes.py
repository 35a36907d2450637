"""The SHACL shapes: each rule catches what it is for, and only that; the real data conforms.

Fixtures (tests/shapes/): ``base.trig`` is a small dataset that conforms; every other
``{Shape}.trig`` adds a few statements that break one shape and lists, in ``# expect:``
lines, the results that shape must give (severity, focus node, path, value). The
expectations are written from what each rule is for, not copied from the validator's output.
``valid-*.trig`` hold tricky but correct statements that the ``# never:`` shapes must accept.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, Literal, URIRef
from rdflib.namespace import SH

from ittifoq import namespaces as ns
from ittifoq.config import Config
from ittifoq.validation import (
    ITTS,
    ShapesError,
    ValidationReport,
    check_shapes,
    load_shapes,
    shape_files,
    short_term,
    shorten,
    shorten_text,
    validate,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "shapes"
BASE = FIXTURES / "base.trig"
CONFIG = Config(ROOT)
ITT = rdflib.Namespace(ns.ITT)

EXPECT = re.compile(
    r"^# expect: (?P<severity>Violation|Warning|Info) (?P<shape>itts:\w+) focus=(?P<focus>\S+)"
    r"(?: path=(?P<path>.+?))?(?: value=(?P<value>.+))?$"
)
NEVER = re.compile(r"^# never: (?P<shape>itts:\w+)$")


def invalid_fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*.trig") if p != BASE and not p.name.startswith("valid-"))


def expectations(path: Path) -> list[dict]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = EXPECT.match(line)
        if m:
            found.append(m.groupdict())
    return found


def itts(name: str) -> str:
    return ITTS + name.split(":", 1)[1]


def matches(result, expected: dict) -> bool:
    if result.severity != expected["severity"] or shorten(result.focus_node) != expected["focus"]:
        return False
    path = shorten_text(result.path) if result.path else None
    if path != expected["path"]:
        return False
    return expected["value"] is None or (result.value is not None and short_term(result.value) == expected["value"])


@pytest.fixture(scope="module")
def shapes_graph() -> rdflib.Graph:
    return load_shapes(shape_files(CONFIG), CONFIG)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    g = rdflib.Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def real_report() -> ValidationReport:
    return validate(CONFIG)


# ---------------------------------------------------------------------------
# The shapes themselves
# ---------------------------------------------------------------------------


def test_shapes_are_valid_shacl(shapes_graph):
    check_shapes(shapes_graph)  # SHACL-for-SHACL, as shipped with pySHACL; raises ShapesError


def test_shacl_for_shacl_rejects_a_malformed_shape():
    bad = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:x:S> a sh:NodeShape ; sh:targetClass "not an IRI" ;
            sh:property [ sh:path <urn:x:p> ; sh:minCount -1 ] .
    """, format="turtle")
    with pytest.raises(ShapesError, match="SHACL-for-SHACL"):
        check_shapes(bad)


def test_every_class_of_the_ontology_has_a_shape(ontology, shapes_graph):
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(ns.ITT)}
    targeted = set(shapes_graph.objects(None, SH.targetClass))
    assert classes, "no itt: classes found in the ontology"
    assert sorted(map(str, classes - targeted)) == []


def test_every_shape_has_an_english_message(shapes_graph):
    # A shape with a SPARQL constraint carries its message on the constraint node.
    shapes = {s for s in shapes_graph.subjects(RDF.type, SH.NodeShape) if (s, SH.sparql, None) not in shapes_graph}
    shapes |= set(shapes_graph.objects(None, SH.property)) | set(shapes_graph.objects(None, SH.sparql))
    missing = [
        str(s) for s in shapes
        if not any(isinstance(m, Literal) and m.language == "en" for m in shapes_graph.objects(s, SH.message))
    ]
    assert missing == []


def test_a_sparql_shape_holds_one_constraint_and_nothing_else(shapes_graph):
    # SHACL fills a template's {?var}s from the SPARQL constraint's own sh:message; a message
    # on the shape is left as written by other engines (Jena) and would also apply to every
    # other constraint of the shape.
    core = {SH.property, SH.nodeKind, SH.pattern, SH["class"], SH["not"], SH["or"], SH.datatype, SH["in"]}
    for shape in set(shapes_graph.subjects(SH.sparql, None)):
        assert len(list(shapes_graph.objects(shape, SH.sparql))) == 1, shape
        assert not [p for p in shapes_graph.predicates(shape) if p in core], shape
        assert shapes_graph.value(shape, SH.message) is None, shape


def test_no_shape_reads_named_graphs(shapes_graph):
    # A SHACL engine validates one graph: GRAPH patterns match nothing outside pySHACL. Shapes
    # read a statement's graph from its reification (ittifoq.validation.data.statement_view).
    uses_graph = [str(s) for s, q in shapes_graph.subject_objects(SH.select) if re.search(r"\bGRAPH\b", str(q))]
    assert uses_graph == []


def test_severities_are_used_meaningfully(shapes_graph):
    used = Counter(shapes_graph.objects(None, SH.severity))
    assert set(used) <= {SH.Violation, SH.Warning, SH.Info}
    assert used[SH.Warning] and used[SH.Info], "warnings and infos are both used for something"


def test_iri_kinds_are_the_project_prefixes(shapes_graph):
    pattern = str(shapes_graph.value(URIRef(ITTS + "DescribedResourceShape"), SH.pattern))
    kinds = set(re.search(r"/id/\(\((?P<kinds>[a-z|]+)\)/", pattern).group("kinds").split("|"))
    assert kinds == set(ns.ID_KINDS) - {"evidence"}


def test_language_tags_are_the_allowed_set(shapes_graph):
    # sh:languageIn matches ranges ("uz" would admit uz-Latn and uz-Cyrl), so the exact list is in SPARQL.
    query = str(shapes_graph.value(
        shapes_graph.value(URIRef(ITTS + "LanguageTagShape"), SH.sparql), SH.select))
    listed = set(re.findall(r'"([a-z-]+)"', query.split("IN (")[1]))
    assert listed == {"en", "ru", "uz-latn", "uz-cyrl", "kaa", "kaa-latn", "kk"}


def test_every_shape_has_an_invalid_fixture(shapes_graph):
    named = {str(s) for s in shapes_graph.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    covered = {itts(e["shape"]) for p in invalid_fixtures() for e in expectations(p)}
    assert sorted(named - covered) == []
    assert sorted(covered - named) == []


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


def test_base_fixture_conforms_without_any_result():
    report = validate(CONFIG, files=[BASE], check=False)
    assert report.conforms
    assert report.results == [], report.text()


@pytest.mark.parametrize("fixture", invalid_fixtures(), ids=lambda p: p.stem)
def test_invalid_fixture(fixture: Path):
    expected = expectations(fixture)
    assert expected, f"{fixture.name} has no # expect: line"
    report = validate(CONFIG, files=[BASE, fixture], check=False)
    shapes = {itts(e["shape"]) for e in expected}
    remaining = [r for r in report.results if r.shape in shapes]
    for e in expected:
        hit = next((r for r in remaining if r.shape == itts(e["shape"]) and matches(r, e)), None)
        assert hit is not None, f"expected {e} in\n{report.text()}"
        remaining.remove(hit)
        assert hit.message and not re.search(r"\{[?$]\w+\}", hit.message), hit.message
    assert remaining == [], "the shape reports more than expected:\n" + "\n".join(map(str, remaining))
    assert report.conforms == (not any(r.severity == "Violation" for r in report.results))
    if any(e["severity"] == "Violation" for e in expected):
        assert not report.conforms


def test_valid_edge_cases_are_accepted():
    for fixture in sorted(FIXTURES.glob("valid-*.trig")):
        never = {itts(m.group("shape")) for line in fixture.read_text(encoding="utf-8").splitlines()
                 if (m := NEVER.match(line))}
        assert never
        report = validate(CONFIG, files=[BASE, fixture], check=False)
        wrong = [r for r in report.results if r.shape in never]
        assert wrong == [], report.text()


def test_results_name_the_graph_and_the_line(tmp_path):
    fixture = FIXTURES / "VisitHostNotOwnStateShape.trig"
    lines = fixture.read_text(encoding="utf-8").splitlines()
    defined = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("event:fixture-visit-home a "))
    report = validate(CONFIG, files=[BASE, fixture], check=False)
    hit = next(r for r in report.results
               if r.shape == ITTS + "VisitHostNotOwnStateShape" and r.focus_node.endswith("fixture-visit-home"))
    assert hit.graphs == (ns.REFERENCE_GRAPH,)
    assert hit.location is not None
    assert (Path(hit.location.path).name, hit.location.line) == (fixture.name, defined)
    # An annotation written out in a file is located where it is defined.
    fixture = FIXTURES / "EvidenceQuoteAtOffsetsShape.trig"
    lines = fixture.read_text(encoding="utf-8").splitlines()
    subject = "<https://w3id.org/ittifoq/id/evidence/fixture-doc/27-79> a "
    defined = next(i for i, line in enumerate(lines, 1) if line.strip().startswith(subject))
    report = validate(CONFIG, files=[BASE, fixture], check=False)
    hit = next(r for r in report.results if r.shape == ITTS + "EvidenceQuoteAtOffsetsShape")
    assert hit.graphs == (ns.document_graph("fixture-doc"),)
    assert hit.location is not None
    assert (Path(hit.location.path).name, hit.location.line) == (fixture.name, defined)


def test_build_evidence_is_located_at_its_quote():
    # In a build, annotations are the build's: their IRIs are in no source file, so a result on
    # one points at the line of the facts file where the author wrote the quote.
    from ittifoq.validation.data import _load_build
    from ittifoq.validation.locate import SourceFinder as _SourceFinder

    data = _load_build(CONFIG)
    finder = _SourceFinder(data)
    checked = 0
    for s, _, exact, g in data.dataset.quads((None, URIRef(ns.OA + "exact"), None, None)):
        evidence = URIRef(str(s).split("#")[0])
        location = finder.location(evidence, [str(g)])
        assert location is not None, evidence
        slug = str(evidence).split("/evidence/")[1].split("/")[0]
        assert location.path == f"data/facts/{slug}.ttl"
        line = (ROOT / location.path).read_text(encoding="utf-8").splitlines()[location.line - 1]
        assert "oa:exact" in line and str(exact).split()[0] in line, (evidence, line)
        checked += 1
        if checked == 25:
            break
    assert checked


def test_an_unreadable_fixture_cannot_run(tmp_path):
    bad = tmp_path / "bad.trig"
    bad.write_text("graph:x { this is not trig", encoding="utf-8")
    with pytest.raises(Exception) as info:
        validate(CONFIG, files=[bad], check=False)
    assert getattr(info.value, "exit_code", None) == 2
    assert "bad.trig" in str(info.value)


# ---------------------------------------------------------------------------
# The real data
# ---------------------------------------------------------------------------


def test_real_data_has_no_violation(real_report):
    violations = [r for r in real_report.results if r.severity == "Violation"]
    assert violations == [], real_report.text(min_severity="Violation")


def test_real_data_validates_in_seconds(real_report):
    # Measured around 5-10 s on two cores; the bound leaves room for a loaded CI machine.
    assert real_report.elapsed < 90, real_report.timings
    assert real_report.triples > 1000


def _mutated_dataset(tmp_path: Path) -> tuple[Path, dict]:
    ds = rdflib.Dataset()
    ds.parse(CONFIG.dataset_path, format="nquads")
    itt = ITT
    oa = rdflib.Namespace(ns.OA)
    holding = URIRef(ns.ID + "holding/shavkat-mirziyoyev-president-of-uzbekistan")
    visit = URIRef(ns.ID + "event/2017-03-mirziyoyev-state-visit-to-kazakhstan")
    relation = URIRef(ns.ID + "relation/uz-kz-diplomatic-relations")
    khayrullaev = URIRef(ns.document_graph("khayrullaev-uzbekistan-kazakhstan-cooperation"))
    assert any(ds.quads((holding, itt.office, None, None)))
    assert any(ds.quads((visit, itt.startDate, None, khayrullaev)))

    # 1. Delete a required property: the office of a holding, in every graph.
    for q in list(ds.quads((holding, itt.office, None, None))):
        ds.remove(q)
    # 2. Shift an evidence's offsets by one character.
    evidence = next(o for _, _, o, g in ds.quads((relation, itt.evidence, None, khayrullaev)))
    position = URIRef(str(evidence) + "#position")
    for p in (oa.start, oa.end):
        (s, _, o, g) = next(ds.quads((position, p, None, None)))
        ds.remove((s, p, o, g))
        ds.add((s, p, Literal(int(o) + 1), g))
    # 3. Swap the start and end of the 22–23 March 2017 visit (as the document states them).
    start = next(q[2] for q in ds.quads((visit, itt.startDate, None, khayrullaev)))
    end = next(q[2] for q in ds.quads((visit, itt.endDate, None, khayrullaev)))
    assert (str(start), str(end)) == ("2017-03-22", "2017-03-23")
    g = ds.graph(khayrullaev)
    g.remove((visit, itt.startDate, start))
    g.remove((visit, itt.endDate, end))
    g.add((visit, itt.startDate, end))
    g.add((visit, itt.endDate, start))
    # 4. Take the host state out of what the visit's evidence in that document supports.
    hosts = [(ev, p, o, gr) for _, _, ev, gr in ds.quads((visit, itt.evidence, None, khayrullaev))
             for _, p, o, _ in ds.quads((ev, itt.supports, itt.hostState, khayrullaev))]
    assert hosts and any(ds.quads((visit, itt.hostState, None, khayrullaev)))
    for q in hosts:
        ds.remove(q)

    out = tmp_path / "mutated.nq"
    ds.serialize(out, format="nquads")
    return out, {"holding": holding, "evidence": evidence, "visit": visit}


def test_mutations_of_the_real_data_are_caught(tmp_path, real_report):
    mutated, nodes = _mutated_dataset(tmp_path)
    report = validate(CONFIG, files=[mutated], check=False)

    def found(shape, focus, path=None, value=None, severity="Violation"):
        return [r for r in report.results
                if r.shape == ITTS + shape and r.focus_node == str(focus) and r.severity == severity
                and (path is None or r.path == path) and (value is None or r.value == value)]

    def before(shape, focus):
        return [r for r in real_report.results if r.shape == ITTS + shape and r.focus_node == str(focus)]

    # the required property
    assert found("OfficeHoldingShape", nodes["holding"], ns.ITT + "office")
    assert not before("OfficeHoldingShape", nodes["holding"])
    # the shifted offsets: the quote is no longer the text at the offsets, nor the IRI's span
    assert found("EvidenceQuoteAtOffsetsShape", nodes["evidence"], ns.OA + "exact")
    assert found("EvidenceIriMatchesSelectorsShape", nodes["evidence"])
    assert not before("EvidenceQuoteAtOffsetsShape", nodes["evidence"])
    # the swapped dates: the end (22 March) is before the start (23 March)
    end = Literal("2017-03-22", datatype=rdflib.XSD.date).n3()
    assert found("EndNotBeforeStartShape", nodes["visit"], ns.ITT + "endDate", end)
    assert not before("EndNotBeforeStartShape", nodes["visit"])
    # the host state no evidence of that document supports any more
    assert found("StatementSupportShape", nodes["visit"], ns.ITT + "hostState", f"<{ns.ID}state/KZ>")
    assert not before("StatementSupportShape", nodes["visit"])
    assert not report.conforms
