"""The dataset's catalogue record in VoID and DCAT: title, licence, version, date, and one
``dcat:Distribution`` per dump (media type, download URL, size, SHA-256).

One function for both places that describe the dataset, so they never disagree: the release
folder's ``void.ttl`` (``ittifoq release``) and the server's ``/void``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from . import namespaces as ns
from .provenance import GraphVersion
from .results import GRAPH_FORMATS

DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DATASET_IRI = ns.BASE + "void#ittifoq"
TITLE = "ittifoq"
DESCRIPTION = (
    "A knowledge graph of the relations between Uzbekistan and Kazakhstan: states, persons and "
    "offices, organisations and bilateral bodies, agreements, visits and other events, and "
    "statistics, every fact linked to the verbatim words of a source document (W3C Web "
    "Annotation with character offsets).")
PREFIXES = {"void": ns.VOID, "dcat": DCAT, "dct": ns.DCT, "spdx": SPDX, "owl": ns.OWL, "xsd": ns.XSD,
            "rdfs": ns.RDFS, "foaf": ns.FOAF}


@dataclass(frozen=True)
class Distribution:
    url: str
    fmt: str  # an export format (ittifoq.results.GRAPH_FORMATS)
    gzip: bool = False
    size: int | None = None  # bytes of the file as downloaded
    sha256: str | None = None  # of the file as downloaded

    @property
    def media_type(self) -> str:
        return GRAPH_FORMATS[self.fmt].media_type


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _typed(value, datatype: str) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(ns.XSD + datatype))


def dataset_triples(version: GraphVersion, distributions: Sequence[Distribution] = ()) -> list[ox.Triple]:
    """The VoID/DCAT description of the dataset at ``version``, with its ``distributions``."""
    ds = _n(DATASET_IRI)
    t: list[ox.Triple] = []

    def add(subj, pred: str, obj):
        t.append(ox.Triple(subj, _n(pred), obj))

    add(ds, ns.RDF + "type", _n(ns.VOID + "Dataset"))
    add(ds, ns.RDF + "type", _n(DCAT + "Dataset"))
    add(ds, ns.DCT + "title", ox.Literal(TITLE, language="en"))
    add(ds, ns.DCT + "description", ox.Literal(DESCRIPTION, language="en"))
    add(ds, ns.DCT + "license", _n(LICENSE))
    add(ds, ns.OWL + "versionInfo", ox.Literal(version.label))
    add(ds, DCAT + "version", ox.Literal(version.label))
    if version.date:
        add(ds, ns.DCT + "issued", _typed(version.date, "date"))
    if version.sha256:
        # The version's hash is that of the built N-Quads, which every command serves.
        add(ds, ns.DCT + "identifier", ox.Literal(f"sha256:{version.sha256}"))
    for i, d in enumerate(distributions):
        dist = _n(d.url)
        add(ds, ns.VOID + "dataDump", dist)
        add(ds, DCAT + "distribution", dist)
        add(dist, ns.RDF + "type", _n(DCAT + "Distribution"))
        add(dist, DCAT + "downloadURL", dist)
        add(dist, DCAT + "mediaType", _n(IANA_MEDIA_TYPES + d.media_type))
        add(dist, ns.DCT + "format", _n(GRAPH_FORMATS[d.fmt].iri))
        add(dist, ns.DCT + "license", _n(LICENSE))
        add(dist, ns.DCT + "title", ox.Literal(f"{TITLE} {version.label} in {GRAPH_FORMATS[d.fmt].name}"
                                               + (", gzipped" if d.gzip else ""), language="en"))
        if d.gzip:
            add(dist, DCAT + "compressFormat", _n(IANA_MEDIA_TYPES + "application/gzip"))
        if d.size is not None:
            add(dist, DCAT + "byteSize", _typed(d.size, "nonNegativeInteger"))
        if d.sha256:
            checksum = ox.BlankNode(f"checksum{i}")  # a fixed label: the file is the same for the same data
            add(dist, SPDX + "checksum", checksum)
            add(checksum, ns.RDF + "type", _n(SPDX + "Checksum"))
            add(checksum, SPDX + "algorithm", _n(SPDX + "checksumAlgorithm_sha256"))
            add(checksum, SPDX + "checksumValue", _typed(d.sha256, "hexBinary"))
    return t
