"""The one table of formats (ittifoq.formats), checked against Oxigraph's own registry and the
W3C's list of format IRIs, and that the rest of the package reads it instead of keeping its own."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from ittifoq import formats

PACKAGE = Path(formats.__file__).parent
# http://www.w3.org/ns/formats/ (W3C "Unique URIs for File Formats")
W3C_NAMES = {"Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD", "RDF_XML", "SPARQL_Results_JSON",
             "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV"}


@pytest.mark.parametrize("f", formats.RDF, ids=lambda f: f.name)
def test_rdf_formats_agree_with_oxigraph(f):
    assert ox.RdfFormat.from_media_type(f.media_type) == f.ox_format
    assert ox.RdfFormat.from_extension(f.extension) == f.ox_format
    assert formats.rdf_by_extension("." + f.extension) is f
    assert formats.rdf_by_media_type(f.media_type + "; charset=utf-8") is f


@pytest.mark.parametrize("f", formats.RESULTS, ids=lambda f: f.name)
def test_result_formats_agree_with_oxigraph(f):
    assert ox.QueryResultsFormat.from_media_type(f.media_type) == f.ox_format
    assert formats.results_by_media_type(f.media_type) is f


def test_every_format_has_its_w3c_iri_and_a_unique_name():
    table = (*formats.RESULTS, *formats.RDF)
    assert {f.w3c for f in table} == W3C_NAMES
    assert len({f.name for f in table}) == len(table)


def test_no_other_module_keeps_a_table_of_media_types():
    """A second table shows up as a media type written out in another module (an Accept
    header sent to a backend and error-body types aside)."""
    pattern = re.compile(r'"(text/turtle|application/n-quads|application/trig|application/ld\+json|'
                         r'application/rdf\+xml|application/sparql-results\+xml|text/tab-separated-values)"')
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "formats.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)
