"""The build: deterministic sorted N-Quads, graphs as documented, clear errors with file and
line, and nothing half-written on failure."""

from __future__ import annotations

import pytest

from ittifoq import namespaces as ns
from ittifoq.build import build, is_stale
from ittifoq.config import Config
from ittifoq.errors import EvidenceError, SourceError


def test_build_is_deterministic(project_copy, tmp_path):
    first = build(project_copy, force=True).path.read_bytes()
    other = Config(root=project_copy.root, build_dir=tmp_path / "again")
    second = build(other, force=True).path.read_bytes()
    assert first == second
    lines = first.decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))


def test_graphs(kg):
    graphs = set(kg.named_graphs())
    assert {ns.ONTOLOGY_GRAPH, ns.REFERENCE_GRAPH, ns.CORPUS_GRAPH} <= graphs
    for slug in ("khayrullaev-uzbekistan-kazakhstan-cooperation", "dunyo-strategic-partnership-new-era"):
        assert ns.document_graph(slug) in graphs
    # The file's own default graph is the consolidated view (tests/test_consolidate.py), not empty.
    default = __import__("pyoxigraph").DefaultGraph()
    assert next(kg.store.quads_for_pattern(None, None, None, default), None) is not None


def test_rebuild_only_when_sources_change(project_copy):
    assert build(project_copy).rebuilt
    assert not is_stale(project_copy)
    assert not build(project_copy).rebuilt
    ref = project_copy.reference_dir / "places.ttl"
    ref.write_text(ref.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    assert is_stale(project_copy)
    assert build(project_copy).rebuilt


def test_syntax_error_names_file_and_line(project_copy):
    path = project_copy.reference_dir / "places.ttl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(12, 'place:broken skos:prefLabel "no end ;')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        build(project_copy)
    assert str(err.value).startswith("data/reference/places.ttl:13:")


def _facts(project_copy, slug: str, body: str):
    path = project_copy.facts_dir / f"{slug}.ttl"
    header = (
        "@prefix itt: <https://w3id.org/ittifoq/ontology/> .\n"
        "@prefix oa: <http://www.w3.org/ns/oa#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix event: <https://w3id.org/ittifoq/id/event/> .\n"
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix dct: <http://purl.org/dc/terms/> .\n"
    )
    path.write_text(path.read_text(encoding="utf-8") + "\n" + header + body, encoding="utf-8")
    return path


def test_quote_not_found_fails_with_file_and_line(project_copy):
    _facts(project_copy, "dunyo-strategic-partnership-new-era",
           'event:x a itt:Event ;\n    itt:evidence [ oa:exact "words that are not in the text" ] .\n')
    with pytest.raises(EvidenceError) as err:
        build(project_copy)
    msg = str(err.value)
    assert msg.startswith("data/facts/dunyo-strategic-partnership-new-era.ttl:")
    assert "not found" in msg and "words that are not in the text" in msg
    line = int(msg.split(":")[1])
    text = (project_copy.facts_dir / "dunyo-strategic-partnership-new-era.ttl").read_text(encoding="utf-8")
    assert "words that are not in the text" in text.splitlines()[line - 1]
    assert not project_copy.dataset_path.exists()


def test_ambiguous_quote_needs_prefix_or_suffix(project_copy):
    # "Қазақстан Президенти" stands several times in the Karakalpak text.
    _facts(project_copy, "dunyo-strategic-partnership-new-era",
           'event:x a itt:Event ;\n    itt:evidence [ oa:exact "Қазақстан Президенти" ] .\n')
    with pytest.raises(EvidenceError, match="times; add oa:prefix or oa:suffix"):
        build(project_copy)


def test_prefix_disambiguates(project_copy):
    _facts(project_copy, "dunyo-strategic-partnership-new-era",
           'event:x a itt:Event ;\n'
           '    itt:evidence [ oa:exact "Қазақстан Президенти" ; oa:prefix "Бүгин, 14-ноябрь күни" ;\n'
           '                   itt:supports rdf:type ] .\n')
    path = build(project_copy).path
    text = (project_copy.sources_dir / "dunyo-strategic-partnership-new-era.kaa.txt").read_text(encoding="utf-8")
    start = text.index("Қазақстан Президенти", text.index("14-ноябрь"))
    end = start + len("Қазақстан Президенти")
    nq = path.read_text(encoding="utf-8")
    ev = f"<https://w3id.org/ittifoq/id/evidence/dunyo-strategic-partnership-new-era/{start}-{end}"
    assert f'{ev}#position> <http://www.w3.org/ns/oa#start> "{start}"' in nq
    assert f'{ev}> <http://www.w3.org/ns/oa#hasBody> <https://w3id.org/ittifoq/id/event/x>' in nq


def test_surface_form_must_occur_in_its_document(project_copy):
    _facts(project_copy, "dunyo-strategic-partnership-new-era",
           '<https://w3id.org/ittifoq/id/state/UZ> skos:altLabel "Oʻzbekiston"@uz-Latn .\n')
    with pytest.raises(EvidenceError, match="does not occur in document dunyo-strategic-partnership-new-era"):
        build(project_copy)


def test_facts_file_must_name_a_document(project_copy):
    (project_copy.facts_dir / "no-such-document.ttl").write_text("", encoding="utf-8")
    with pytest.raises(SourceError, match="no document 'no-such-document'"):
        build(project_copy)


def test_evidence_offsets_point_at_the_quote(kg):
    rows = kg.query("""
        SELECT ?exact ?start ?end ?text WHERE {
          ?ev a itt:Evidence ; itt:sourceDocument ?doc ; oa:hasTarget/oa:hasSelector ?q, ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end . ?doc schema:text ?text }""")
    n = 0
    for r in rows:
        start, end = int(r["start"].value), int(r["end"].value)
        assert r["text"].value[start:end] == r["exact"].value
        n += 1
    assert n > 0


# ---------------------------------------------------------------------------
# Evidence per statement (itt:supports)
# ---------------------------------------------------------------------------

DUNYO = "dunyo-strategic-partnership-new-era"
# "Қазақстан Президенти" stands several times in the Karakalpak text; the prefix picks one.
QUOTE = 'oa:exact "Қазақстан Президенти" ; oa:prefix "Бүгин, 14-ноябрь күни"'


def _line_with(path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(i for i, line in enumerate(lines, 1) if needle in line)


def test_a_statement_without_support_fails_with_file_and_line(project_copy):
    path = _facts(project_copy, DUNYO,
                  'event:x a itt:Event ;\n'
                  '    itt:startDate "2025-11-14"^^xsd:date ;\n'
                  f'    itt:evidence [ {QUOTE} ; itt:supports rdf:type ] .\n')
    with pytest.raises(EvidenceError) as err:
        build(project_copy)
    msg = str(err.value)
    line = _line_with(path, 'itt:startDate "2025-11-14"')
    assert msg.startswith(f"data/facts/{DUNYO}.ttl:{line}: event:x itt:startDate has no evidence supporting it"), msg
    assert msg.count("\n") == 0  # rdf:type is supported: one problem only
    assert not project_copy.dataset_path.exists()


def test_a_support_naming_an_unstated_property_fails(project_copy):
    path = _facts(project_copy, DUNYO,
                  'event:x a itt:Event ;\n'
                  f'    itt:evidence [ {QUOTE} ;\n'
                  '                   itt:supports rdf:type , itt:endDate ] .\n')
    with pytest.raises(EvidenceError) as err:
        build(project_copy)
    msg = str(err.value)
    # Located at the evidence's quote, the place an author corrects.
    line = _line_with(path, QUOTE)
    assert msg.startswith(f"data/facts/{DUNYO}.ttl:{line}: an evidence of event:x says itt:supports itt:endDate"), msg
    assert "states no itt:endDate" in msg


def test_every_supported_property_is_kept(project_copy):
    # Two values in one bracket and a third in another bracket quoting the same words: all kept.
    _facts(project_copy, DUNYO,
           'event:x a itt:Event ;\n'
           '    itt:startDate "2025-11-14"^^xsd:date ; itt:endDate "2025-11-14"^^xsd:date ;\n'
           f'    itt:evidence [ {QUOTE} ; itt:supports rdf:type , itt:startDate ] ,\n'
           f'                 [ {QUOTE} ; itt:supports itt:endDate ] .\n')
    nq = build(project_copy).path.read_text(encoding="utf-8")
    supports = {line.split()[2] for line in nq.splitlines()
                if line.startswith(f"<{ns.ID}evidence/{DUNYO}/") and f"<{ns.ITT}supports>" in line
                and f"<{ns.document_graph(DUNYO)}>" in line and _evidence_of(nq, line.split()[0]) == "event/x"}
    assert supports == {f"<{ns.RDF}type>", f"<{ns.ITT}startDate>", f"<{ns.ITT}endDate>"}


def _evidence_of(nq: str, evidence: str) -> str | None:
    for line in nq.splitlines():
        if line.startswith(evidence + f" <{ns.OA}hasBody> "):
            return line.split()[2].removeprefix(f"<{ns.ID}").removesuffix(">")
    return None


def test_notes_and_surface_forms_need_no_support(project_copy):
    _facts(project_copy, DUNYO,
           'event:x a itt:Event ;\n'
           '    dct:description "A test event."@en ; itt:interpretation "A reading."@en ;\n'
           '    itt:derivation "A derivation."@en ; itt:timeNotStated true ;\n'
           f'    itt:evidence [ {QUOTE} ; itt:supports rdf:type ] .\n')
    assert build(project_copy).rebuilt


def test_the_exempt_properties_are_the_notes_and_checked_forms(config):
    from ittifoq.sources import parse_rdf
    from ittifoq.support import exempt_properties

    ontology = parse_rdf(config, config.ontology_dir / "ittifoq.ttl")
    names = {p.value for p in exempt_properties(ontology)}
    assert names == {ns.ITT + "evidence", ns.ITT + "interpretation", ns.ITT + "derivation", ns.DCT + "description",
                     ns.RDFS + "comment", ns.SKOS + "note", ns.SKOS + "altLabel", ns.ITT + "acronym",
                     ns.ITT + "timeNotStated"}


def test_two_facts_quoting_the_same_words_fail(project_copy):
    path = _facts(project_copy, DUNYO,
                  f'event:x a itt:Event ; itt:evidence [ {QUOTE} ; itt:supports rdf:type ] .\n'
                  f'event:y a itt:Event ; itt:evidence [ {QUOTE} ; itt:supports rdf:type ] .\n')
    with pytest.raises(EvidenceError) as err:
        build(project_copy)
    msg = str(err.value)
    assert msg.startswith(f"data/facts/{DUNYO}.ttl:"), msg
    assert f"<{ns.ID}event/y> quotes the same words as <{ns.ID}event/x>" in msg
    assert "Қазақстан Президенти" in msg
    # Named at the second fact's quote, with the place of the first.
    assert int(msg.split(":")[1]) == _line_with(path, "event:y a itt:Event")
    assert f"(data/facts/{DUNYO}.ttl:{_line_with(path, 'event:x a itt:Event')})" in msg
