"""Every format the project reads or writes, in one table: short names (``?format=``,
``--format``), media types and the aliases clients send, file extensions, Oxigraph's format,
the W3C format IRI (``http://www.w3.org/ns/formats/…``) and rdflib's parser name.

Everything else (content negotiation, exports, dumps, data views, the service description,
Graph Store bodies, remote answers, validation inputs) reads this table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

W3C_FORMATS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    name: str  # short name, as in ?format= and --format
    media_type: str
    aliases: tuple[str, ...] = ()  # other media types clients use for the same bytes
    names: tuple[str, ...] = ()  # other short names accepted for it
    ox_format: object = None  # ox.RdfFormat or ox.QueryResultsFormat
    extension: str = ""  # file extension, without the dot
    label: str = ""
    w3c: str = ""  # local name under W3C_FORMATS
    rdflib: str = ""  # rdflib's parser name

    @property
    def content_type(self) -> str:
        # Textual formats are UTF-8 (the SPARQL and RDF specs say so); say it for clients that
        # would otherwise guess Latin-1 for text/*.
        if self.media_type.startswith("text/") or self.name in ("ntriples", "nquads", "trig"):
            return f"{self.media_type}; charset=utf-8"
        return self.media_type

    @property
    def keeps_graphs(self) -> bool:
        return bool(getattr(self.ox_format, "supports_datasets", False))

    @property
    def takes_prefixes(self) -> bool:
        """Whether the serialiser writes prefix declarations (Turtle, TriG, RDF/XML)."""
        return self.name in ("turtle", "trig", "rdfxml")

    @property
    def w3c_iri(self) -> str:
        return W3C_FORMATS + self.w3c


R, F = ox.QueryResultsFormat, ox.RdfFormat

# SPARQL results (SELECT, ASK), in the server's order of preference.
RESULTS = (
    Format("json", "application/sparql-results+json", ("application/json",), ("srj",), R.JSON,
           "srj", "SPARQL results in JSON", "SPARQL_Results_JSON"),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), ("srx",), R.XML,
           "srx", "SPARQL results in XML", "SPARQL_Results_XML"),
    Format("csv", "text/csv", (), (), R.CSV, "csv", "SPARQL results in CSV", "SPARQL_Results_CSV"),
    Format("tsv", "text/tab-separated-values", (), (), R.TSV, "tsv", "SPARQL results in TSV", "SPARQL_Results_TSV"),
)

# RDF (graphs and datasets), in the server's order of preference. Turtle is also the answer
# to N3 requests: a Turtle document is N3.
RDF = (
    Format("turtle", "text/turtle", ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3"),
           ("ttl", "n3"), F.TURTLE, "ttl", "Turtle", "Turtle", "turtle"),
    Format("ntriples", "application/n-triples", ("text/plain",), ("nt",), F.N_TRIPLES,
           "nt", "N-Triples", "N-Triples", "nt"),
    Format("nquads", "application/n-quads", ("text/x-nquads",), ("nq",), F.N_QUADS,
           "nq", "N-Quads", "N-Quads", "nquads"),
    Format("trig", "application/trig", (), (), F.TRIG, "trig", "TriG", "TriG", "trig"),
    Format("jsonld", "application/ld+json", ("application/json",), ("json-ld", "json"), F.JSON_LD,
           "jsonld", "JSON-LD", "JSON-LD", "json-ld"),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), ("rdf", "xml", "owl"), F.RDF_XML,
           "rdf", "RDF/XML", "RDF_XML", "xml"),
)

HTML = Format("html", "text/html", ("application/xhtml+xml",), label="HTML")

BY_NAME = {f.name: f for f in (*RESULTS, *RDF)}


def rdf_by_extension(ext: str) -> Format | None:
    """The RDF format of a file extension (with or without its dot), or None."""
    key = ext.lower().lstrip(".")
    for f in RDF:
        if key == f.extension or key in f.names:
            return f
    return None


def results_by_media_type(media_type: str) -> Format | None:
    key = media_type.split(";")[0].strip().lower()
    for f in RESULTS:
        if key == f.media_type or key in f.aliases:
            return f
    return None


def rdf_by_media_type(media_type: str) -> Format | None:
    key = media_type.split(";")[0].strip().lower()
    for f in RDF:
        if key == f.media_type or key in f.aliases:
            return f
    return None
