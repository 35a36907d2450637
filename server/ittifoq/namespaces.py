"""IRIs used across the project, in one place."""

import re

BASE = "https://w3id.org/ittifoq/"
ITT = BASE + "ontology/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

ONTOLOGY_GRAPH = GRAPH + "ontology"
REFERENCE_GRAPH = GRAPH + "reference"
CORPUS_GRAPH = GRAPH + "corpus"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "http://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
WD = "http://www.wikidata.org/entity/"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {
    "itt": ITT,
    "id": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dct": DCT,
    "oa": OA,
    "prov": PROV,
    "org": ORG,
    "schema": SCHEMA,
    "foaf": FOAF,
    "wd": WD,
    "graph": GRAPH,
}

# One prefix per kind of resource, /id/{kind}/{slug}.
ID_KINDS = (
    "state", "person", "office", "organization", "place", "document", "event", "agreement",
    "observation", "relation", "membership", "holding", "chairmanship", "cooperation", "decision",
    "claim", "ranking",
    "evidence",
)
PREFIXES.update({kind: f"{ID}{kind}/" for kind in ID_KINDS})


def document_iri(slug: str) -> str:
    return f"{ID}document/{slug}"


def document_graph(slug: str) -> str:
    return f"{GRAPH}{slug}"


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


# A local part that a prefixed name can hold as it is, in SPARQL and Turtle (PN_LOCAL without
# escapes or % codes): no '/', '#' or '?', and no '.' at its end.
_PLAIN_LOCAL = re.compile(r"(?:[\w:](?:[\w.:-]*[\w:-])?)?")
# For reports read by people: '/' and '#' kept as they are (evidence:doc/26-78).
_READABLE_LOCAL = re.compile(r"(?:[\w:](?:[\w.:/#-]*[\w:/#-])?)?")


def shorten(iri: str, prefixes: dict[str, str] | None = None, *, slashes: bool = False) -> str | None:
    """``prefix:local`` for the longest namespace of ``prefixes`` (default: the project's)
    that ``iri`` starts with and whose remainder is a plain local name (with ``slashes``, one
    that may also hold '/' and '#', which SPARQL would need escaped); None when none fits
    (each caller has its own fallback: ``<iri>``, the last path segment…)."""
    local_name = _READABLE_LOCAL if slashes else _PLAIN_LOCAL
    best = None
    for prefix, namespace in (PREFIXES if prefixes is None else prefixes).items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(best[1])):
            if local_name.fullmatch(iri[len(namespace):]):
                best = (prefix, namespace)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else None
