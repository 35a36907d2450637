"""``ittifoq validate``: exit codes, the three output formats, and reports on a broken facts file."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, Literal
from rdflib.namespace import SH

from ittifoq.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "shapes"
BASE = FIXTURES / "base.trig"
TIME = r"\d+\.\d\d s"


def run(capsys, *args: str | Path, root: Path = ROOT) -> tuple[int, str, str]:
    code = main(["--root", str(root), "validate", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.strip().startswith(start))


# ---------------------------------------------------------------------------
# Exit codes
# ---------------------------------------------------------------------------


def test_conforming_data_exits_0(capsys):
    code, out, _ = run(capsys, BASE, "--no-shapes-check")
    assert code == 0
    assert re.search(rf"^Conforms: 0 violation\(s\), 0 warning\(s\), 0 info\(s\) on 0 focus node\(s\).* in {TIME}\.$",
                     out, re.M), out


def test_warnings_do_not_fail(capsys):
    code, out, _ = run(capsys, BASE, FIXTURES / "DocumentsDisagreeOnDateShape.trig", "--no-shapes-check")
    assert code == 0
    assert "WARNING: Documents disagree on itt:startDate" in out
    assert re.search(r"^Conforms: 0 violation\(s\), 1 warning\(s\)", out, re.M), out
    # SHACL 1.0's sh:conforms counts every result: the output says which rule it follows.
    assert "SHACL's own sh:conforms (in --format turtle or json) is false" in out


def test_the_standard_report_follows_shacl_on_conformance(capsys):
    code, out, err = run(capsys, BASE, FIXTURES / "DocumentsDisagreeOnDateShape.trig", "--no-shapes-check",
                         "--format", "turtle")
    assert code == 0
    report = rdflib.Graph().parse(data=out, format="turtle")
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    assert "conforms (only violations fail): 0 violation(s), 1 warning(s)" in err
    assert "sh:conforms false (SHACL 1.0" in err
    code, out, err = run(capsys, BASE, "--no-shapes-check", "--format", "json")
    assert code == 0
    assert json.loads(out)["conforms"] is True and "sh:conforms true" in err


def test_a_violation_exits_1_and_says_what_and_where(capsys):
    fixture = FIXTURES / "VisitShape.trig"
    code, out, _ = run(capsys, BASE, fixture, "--no-shapes-check")
    assert code == 1
    line = line_of(fixture, "event:fixture-visit a itt:Visit")
    assert f"event:fixture-visit  (tests/shapes/VisitShape.trig:{line})" in out
    assert "VIOLATION: A visit has a host or destination: itt:hostState" in out
    assert "path (itt:hostState | itt:location)" in out
    assert "graph reference   shape itts:VisitShape" in out
    assert re.search(rf"^Does not conform: \d+ violation\(s\).* in {TIME}\.$", out, re.M), out


def test_min_severity_hides_less_severe_results(capsys):
    args = (BASE, FIXTURES / "VisitShape.trig", "--no-shapes-check")
    _, everything, _ = run(capsys, *args)
    code, violations, _ = run(capsys, *args, "--min-severity", "violation")
    assert code == 1
    assert "WARNING:" in everything and "WARNING:" not in violations
    assert "VIOLATION: A visit has a start" in violations
    assert re.search(r"\(\d+ result\(s\) below violation not shown\.\)", violations)


@pytest.mark.parametrize("setup, message", [
    ("missing", "no such file"),
    ("garbage", "cannot parse"),
    ("suffix", "unsupported file type"),
])
def test_unreadable_input_exits_2(capsys, tmp_path, setup, message):
    path = {
        "missing": tmp_path / "absent.trig",
        "garbage": tmp_path / "garbage.ttl",
        "suffix": tmp_path / "data.csv",
    }[setup]
    if setup != "missing":
        path.write_text("this is { not RDF", encoding="utf-8")
    code, out, err = run(capsys, path, "--no-shapes-check")
    assert code == 2
    assert out == ""
    assert err.startswith("ittifoq: error: ") and message in err and path.name in err
    assert "Traceback" not in err


def test_shapes_that_do_not_parse_exit_2(capsys, tmp_path):
    shapes = tmp_path / "broken-shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:x:S> a sh:NodeShape ;\n", encoding="utf-8")
    code, _, err = run(capsys, BASE, "--shapes", shapes, "--no-shapes-check")
    assert code == 2
    assert "broken-shapes.ttl: cannot parse the shapes" in err


def test_shapes_that_are_not_valid_shacl_exit_2(capsys, tmp_path):
    shapes = tmp_path / "invalid-shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:x:S> a sh:NodeShape ; sh:targetClass \"not an IRI\" ;\n"
        "    sh:property [ sh:path <urn:x:p> ; sh:minCount \"one\" ] .\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, BASE, "--shapes", shapes)
    assert code == 2
    assert "not valid SHACL" in err or "cannot run the shapes" in err


# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------


def test_turtle_is_the_standard_report(capsys):
    code, out, err = run(capsys, BASE, FIXTURES / "EndNotBeforeStartShape.trig", "--no-shapes-check",
                         "--format", "turtle")
    assert code == 1
    report = rdflib.Graph().parse(data=out, format="turtle")
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    results = list(report.objects(node, SH.result))
    assert results and all((r, RDF.type, SH.ValidationResult) in report for r in results)
    assert all(report.value(r, SH.focusNode) is not None and report.value(r, SH.resultSeverity) is not None
               and report.value(r, SH.sourceShape) is not None for r in results)
    ends = [r for r in results if report.value(r, SH.sourceShape) == rdflib.URIRef(
        "https://w3id.org/ittifoq/shapes/EndNotBeforeStartShape")]
    assert {str(report.value(r, SH.value)) for r in ends} == {"2016", "2017"}
    # the time and the verdict go to stderr, so stdout stays a clean Turtle document
    assert re.search(rf"does not conform \(only violations fail\): .* in {TIME}", err)


def test_json_is_json_ld_with_locations(capsys):
    fixture = FIXTURES / "VisitHostNotOwnStateShape.trig"
    code, out, err = run(capsys, BASE, fixture, "--no-shapes-check", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["conforms"] is False and doc["@type"] == "sh:ValidationReport"
    assert re.search(rf"in {TIME}", err)
    hit = next(r for r in doc["result"] if r["sourceShape"].endswith("/VisitHostNotOwnStateShape")
               and r["focusNode"].endswith("fixture-visit-home"))
    assert hit["resultSeverity"] == "sh:Violation"
    assert hit["resultPath"] == "https://w3id.org/ittifoq/ontology/hostState"
    assert hit["value"] == {"@id": "https://w3id.org/ittifoq/id/state/UZ"}
    assert hit["graph"] == ["https://w3id.org/ittifoq/graph/reference"]
    assert (hit["file"], hit["line"]) == ("tests/shapes/VisitHostNotOwnStateShape.trig",
                                          line_of(fixture, "event:fixture-visit-home a "))
    # and it is linked data: the same report read as RDF
    g = rdflib.Graph().parse(data=out, format="json-ld")
    (node,) = g.subjects(RDF.type, SH.ValidationReport)
    assert g.value(node, SH.conforms) == Literal(False)
    assert len(list(g.objects(node, SH.result))) == len(doc["result"])


# ---------------------------------------------------------------------------
# A contributor's mistake in a facts file, in a copy of the project
# ---------------------------------------------------------------------------


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    root = tmp_path / "project"
    for part in ("ontology", "data", "shapes"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_a_broken_facts_file_is_reported_with_file_line_and_graph(capsys, project_copy):
    facts = project_copy / "data/facts/khayrullaev-uzbekistan-kazakhstan-cooperation.ttl"
    text = facts.read_text(encoding="utf-8")
    # The document says the visit was on 22–23 March 2017; the contributor swaps the days.
    right = 'itt:startDate "2017-03-22"^^xsd:date ; itt:endDate "2017-03-23"^^xsd:date'
    assert right in text
    facts.write_text(text.replace(right, 'itt:startDate "2017-03-23"^^xsd:date ; itt:endDate "2017-03-22"^^xsd:date'),
                     encoding="utf-8")
    code, out, _ = run(capsys, "--no-shapes-check", root=project_copy)
    assert code == 1
    line = line_of(facts, "event:2017-03-mirziyoyev-state-visit-to-kazakhstan a ")
    where = f"event:2017-03-mirziyoyev-state-visit-to-kazakhstan  (data/facts/{facts.name}:{line})"
    assert where in out, out
    block = out.split(where, 1)[1].split("\n\n", 1)[0]
    assert "VIOLATION: The end 2017-03-22 (itt:endDate) is before the start 2017-03-23." in block
    assert 'path itt:endDate   value "2017-03-22"^^xsd:date' in block
    assert "graph khayrullaev-uzbekistan-kazakhstan-cooperation   shape itts:EndNotBeforeStartShape" in block


# ---------------------------------------------------------------------------
# Triples only: the project's own Turtle export
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_a_triples_only_export_is_validated_without_the_graph_aware_shapes(capsys, tmp_path):
    """A Turtle file has no named graphs, so nothing says which document states what: the shapes
    that need to know are not run (they misfired on every statement), the output names them and
    the formats that would let them run, and the other shapes give the results they give on the
    dataset."""
    from ittifoq.config import Config
    from ittifoq.validation import validate
    from ittifoq.validation.shapes import graph_aware_shapes, load_shapes, shape_files

    export = tmp_path / "ittifoq.ttl"
    assert main(["--root", str(ROOT), "export", "--format", "turtle", "-o", str(export)]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, export, "--no-shapes-check")
    assert code == 0, out
    config = Config(ROOT)
    shapes = load_shapes(shape_files(config), config)
    named = sorted(str(s) for s in shapes.subjects(RDF.type, SH.NodeShape))
    aware = graph_aware_shapes(shapes, named)
    # The evidence, "one value per document", "documents disagree" and "defined by the
    # ontology" rules: 14 shapes read a statement's graph.
    assert {a.rsplit("/", 1)[1] for a in aware} >= {
        "EvidencePresenceShape", "EvidenceInItsDocumentGraphShape", "OneValuePerDocumentShape",
        "DocumentsDisagreeOnDateShape", "DocumentsDisagreeOnValueShape", "DocumentsDifferInDatePrecisionShape",
        "DescribedResourceShape", "OntologyPropertyShape", "TypedWithOntologyClassShape",
        "ControlledTermDefinedByOntologyShape", "PreferredLabelNotInFactsShape", "SurfaceFormLanguageShape",
        "LanguageTagShape", "ActualObservationNotFromFutureShape"}
    note = re.search(r"NOT CHECKED: (\d+) shape\(s\) need.*?: (.*?)\. Validate TriG or N-Quads", out, re.S)
    assert note, out
    assert int(note.group(1)) == len(aware)
    assert all(f"itts:{a.rsplit('/', 1)[1]}" in note.group(2) for a in aware)
    # The other shapes report exactly what they report on the dataset itself.
    on_dataset = validate(config, check=False)
    on_export = validate(config, files=[export], check=False)
    assert on_export.skipped_shapes == aware

    def key(r):
        return (r.focus_node, r.path, r.severity, r.shape, r.value)

    assert sorted(map(key, on_export.results), key=repr) == sorted(
        (key(r) for r in on_dataset.results if r.shape not in aware), key=repr)
