"""The dataset described in VoID (``/.well-known/void``, ``/void``) and the dumps it points to
(``/dump.nq``, ``/dump.trig``, ``/dump.ttl``, ``/dump.jsonld``).

The description is computed from the data (counts, classes, properties, vocabularies,
languages, named graphs, links to Wikidata and DBpedia), so it never disagrees with what is
served. ``void:triples`` counts statements per graph, the way the N-Quads dump holds them, so the
whole dataset's number is the sum of its graphs' (the default graph, a build's consolidated
view, included); the Turtle dump is the default graph alone.

Dumps are serialised once per data generation, in the query process, by
:func:`ittifoq.export.export_quads`, and kept, with their gzip form, in memory; a client that
accepts gzip gets it with ``Content-Encoding: gzip``.
"""

from __future__ import annotations

import gzip
import hashlib
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request, url_for

from .. import catalog, formats
from .. import namespaces as ns
from ..errors import NotFound
from ..provenance import graph_version, unknown_graph
from . import conneg
from . import linked_data as ld

bp = Blueprint("void", __name__)

VOID = ns.VOID
SD = ns.SD
FORMATS_NS = formats.W3C_FORMATS
LICENSE = catalog.LICENSE
DATASET_IRI = catalog.DATASET_IRI

_DUMP_FORMATS = [formats.BY_NAME[n] for n in ("nquads", "trig", "turtle", "jsonld")]
# extension → (name, export format, media type)
DUMPS = {f.extension: (f.label if f.keeps_graphs else f"{f.label} (the default graph: the consolidated view)",
                       f.name, f.media_type) for f in _DUMP_FORMATS}
DUMP_FEATURES = {f.extension: f.w3c for f in _DUMP_FORMATS}

# Vocabularies the data may use, longest namespace first when matching a term.
VOCABULARIES = sorted({
    ns.ITT, ns.RDF, ns.RDFS, ns.OWL, ns.XSD, ns.SKOS, ns.DCT, ns.OA, ns.PROV, ns.ORG, ns.SCHEMA,
    ns.FOAF, "http://purl.org/vocab/vann/", "http://www.w3.org/2006/time#",
}, key=len, reverse=True)
LINK_TARGETS = {"wikidata": ns.WD, "dbpedia": "http://dbpedia.org/resource/"}

VOID_PREFIXES = {
    "void": VOID, "dct": ns.DCT, "sd": SD, "foaf": ns.FOAF, "xsd": ns.XSD, "rdfs": ns.RDFS,
    "owl": ns.OWL, "itt": ns.ITT, "skos": ns.SKOS, "oa": ns.OA, "schema": ns.SCHEMA, "org": ns.ORG,
    "prov": ns.PROV, "graph": ns.GRAPH, "formats": FORMATS_NS, **catalog.PREFIXES,
}
VOID_FORMATS = {k: ld.DATA_FORMATS[k] for k in ("ttl", "nt", "jsonld", "rdf")}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_n(ns.XSD + "integer"))


def vocabulary_of(term: str) -> str | None:
    """The namespace a term belongs to, or None when it has none to name (``urn:C``: no ``/``
    or ``#``, and ``urn:`` alone is not an IRI)."""
    for v in VOCABULARIES:
        if term.startswith(v):
            return v
    cut = max(term.rfind("#"), term.rfind("/"))
    return term[: cut + 1] if cut >= 0 else None


STATS_QUERIES = {
    # Per graph, the default graph (a build's consolidated view) included, as the N-Quads dump holds them.
    "quads": "SELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }",
    "subjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
    "objects": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
    "entities": 'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o '
                'FILTER(STRSTARTS(STR(?s), "https://w3id.org/ittifoq/id/")) }',
}
CLASSES_QUERY = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER isIRI(?c) } GROUP BY ?c ORDER BY ?c"
PROPERTIES_QUERY = ("SELECT ?p (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } "
                    "GROUP BY ?p ORDER BY ?p")
GRAPHS_QUERY = """
SELECT ?g (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { GRAPH ?g { ?s ?p ?o } }
GROUP BY ?g ORDER BY ?g"""
LANGUAGES_QUERY = 'SELECT DISTINCT (LANG(?o) AS ?l) WHERE { ?s ?p ?o FILTER(isLITERAL(?o) && LANG(?o) != "") }'
LINKS_QUERY = "SELECT ?o WHERE { GRAPH ?g { ?s owl:sameAs ?o } }"
EXAMPLES_QUERY = """
SELECT ?s WHERE { VALUES ?s { state:UZ state:KZ person:shavkat-mirziyoyev person:kassym-jomart-tokayev
                              relation:uz-kz-diplomatic-relations agreement:treaty-on-allied-relations }
                  FILTER EXISTS { ?s ?p ?o } }"""


def _count(sparql: str) -> int:
    return int(ld.rows(sparql)[0]["n"].value)


def _statistics() -> dict:
    cat = ld.catalogue()
    stats = {k: _count(q) for k, q in STATS_QUERIES.items()}
    stats["classes"] = [(r["c"].value, int(r["n"].value)) for r in ld.rows(CLASSES_QUERY)]
    stats["properties"] = [(r["p"].value, int(r["n"].value)) for r in ld.rows(PROPERTIES_QUERY)]
    stats["graphs"] = [(r["g"].value, int(r["n"].value), int(r["subjects"].value)) for r in ld.rows(GRAPHS_QUERY)]
    stats["languages"] = sorted({ld.display_tag(r["l"].value.lower()) for r in ld.rows(LANGUAGES_QUERY)})
    links: dict[str, int] = {}
    for r in ld.rows(LINKS_QUERY):
        for name, base in LINK_TARGETS.items():
            if r["o"].value.startswith(base):
                links[name] = links.get(name, 0) + 1
    stats["links"] = links
    stats["examples"] = [r["s"].value for r in ld.rows(EXAMPLES_QUERY)]
    stats["documents"] = dict(cat.graph_document)
    return stats


def statistics() -> dict:
    return ld.per_data().get("void-statistics", _statistics)


def served_version():
    """The version of the graph served: known when ittifoq built it (a checkout, the packaged graph)."""
    config = getattr(ld.state(), "config", None)
    # A checkout's version is that of the build loaded at start (rebuild=False), not a newer one.
    return ld.per_data().get("graph-version",
                             lambda: graph_version(config, rebuild=False) if config else unknown_graph())


def void_triples(base: str) -> list[ox.Triple]:
    """The VoID description; ``base`` is the server's public root (ending in /)."""
    s = statistics()
    ds = _n(DATASET_IRI)
    t: list[ox.Triple] = []

    def add(subj, pred: str, obj):
        t.append(ox.Triple(subj, _n(pred), obj))

    # Title, licence, version, date and dumps: the same record as a release's (ittifoq.catalog).
    t.extend(catalog.dataset_triples(served_version(), [
        catalog.Distribution(base + f"dump.{ext}", DUMPS[ext][1]) for ext in DUMPS]))
    add(ds, ns.RDF + "type", _n(SD + "Dataset"))
    add(ds, ns.FOAF + "homepage", _n(base))
    add(ds, VOID + "sparqlEndpoint", _n(base + "sparql"))
    add(ds, VOID + "uriSpace", ox.Literal(ns.ID))
    for feature in DUMP_FEATURES.values():
        add(ds, VOID + "feature", _n(FORMATS_NS + feature))
    add(ds, VOID + "triples", _int(s["quads"]))
    add(ds, VOID + "entities", _int(s["entities"]))
    add(ds, VOID + "distinctSubjects", _int(s["subjects"]))
    add(ds, VOID + "distinctObjects", _int(s["objects"]))
    add(ds, VOID + "classes", _int(len(s["classes"])))
    add(ds, VOID + "properties", _int(len(s["properties"])))
    for lang in s["languages"]:
        add(ds, ns.DCT + "language", ox.Literal(lang, datatype=_n(ns.XSD + "language")))
    for ex in s["examples"]:
        add(ds, VOID + "exampleResource", _n(ex))
    vocabularies = {vocabulary_of(c) for c, _ in s["classes"]} | {vocabulary_of(p) for p, _ in s["properties"]}
    for v in sorted(vocabularies - {None}):
        add(ds, VOID + "vocabulary", _n(v))

    for i, (c, n) in enumerate(s["classes"]):
        part = _n(f"{DATASET_IRI}-class-{i}")
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", _n(c))
        add(part, VOID + "entities", _int(n))
    for i, (p, n) in enumerate(s["properties"]):
        part = _n(f"{DATASET_IRI}-property-{i}")
        add(ds, VOID + "propertyPartition", part)
        add(part, VOID + "property", _n(p))
        add(part, VOID + "triples", _int(n))

    for g, n, subjects in s["graphs"]:
        name = ld.graph_name(g)
        # A graph outside the project's namespace is named by its whole IRI: escaped, so that
        # its own '#' or spaces do not make an invalid IRI (Virtuoso's system graphs have '#').
        key = quote(name, safe="-._~")
        sub = _n(f"{DATASET_IRI}-graph-{key}")
        named = _n(f"{DATASET_IRI}-named-graph-{key}")
        add(ds, VOID + "subset", sub)
        add(ds, SD + "namedGraph", named)
        add(named, ns.RDF + "type", _n(SD + "NamedGraph"))
        add(named, SD + "name", _n(g))
        add(named, SD + "graph", sub)
        add(sub, ns.RDF + "type", _n(VOID + "Dataset"))
        add(sub, ns.RDF + "type", _n(SD + "Graph"))
        add(sub, VOID + "triples", _int(n))
        add(sub, VOID + "distinctSubjects", _int(subjects))
        doc = s["documents"].get(g)
        if doc:
            add(sub, ns.DCT + "source", _n(doc))
            add(sub, ns.DCT + "description", ox.Literal(f"What document {name} states, with evidence.", language="en"))
        else:
            add(sub, ns.DCT + "description", ox.Literal(f"The {name} graph.", language="en"))

    for name, n in sorted(s["links"].items()):
        ls = _n(f"{DATASET_IRI}-links-{name}")
        add(ds, VOID + "subset", ls)
        add(ls, ns.RDF + "type", _n(VOID + "Linkset"))
        add(ls, VOID + "linkPredicate", _n(ns.OWL + "sameAs"))
        add(ls, VOID + "subjectsTarget", ds)
        add(ls, VOID + "objectsTarget", _n(f"{DATASET_IRI}-target-{name}"))
        add(ls, VOID + "triples", _int(n))
        add(_n(f"{DATASET_IRI}-target-{name}"), ns.RDF + "type", _n(VOID + "Dataset"))
        add(_n(f"{DATASET_IRI}-target-{name}"), VOID + "uriSpace", ox.Literal(LINK_TARGETS[name]))
    return t


def public_base() -> str:
    st = ld.state()
    fn = getattr(st, "public_base", None)
    base = fn() if callable(fn) else (getattr(getattr(st, "settings", None), "base_url", None) or request.url_root)
    return base if base.endswith("/") else base + "/"


@bp.route("/.well-known/void")
@bp.route("/void")
def void():
    fmt = request.args.get("format")
    if fmt is None:
        # Turtle (the first offer) for */* and for clients that send no Accept at all.
        offers = (*(formats.rdf_by_extension(e) for e in VOID_FORMATS), formats.HTML)
        best = conneg.negotiate(request.headers.get("Accept"), offers)
        if best is None:
            raise ld.not_acceptable([o.media_type for o in offers])
        fmt = best.extension or best.name
    base = public_base()
    triples = void_triples(base)
    if fmt == "html":
        turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=VOID_PREFIXES).decode("utf-8")
        s = statistics()
        resp = Response(render_template("void.html", turtle=turtle, stats=s, base=base,
                                        dumps=[(e, DUMPS[e][0]) for e in DUMPS]))
    elif fmt in VOID_FORMATS:
        media, rdf_format, _ = VOID_FORMATS[fmt]
        prefixes = VOID_PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        resp = Response(ox.serialize(triples, format=rdf_format, prefixes=prefixes),
                        content_type=f"{media}; charset=utf-8")
    else:
        raise ld.unknown_format(fmt, ("html", *VOID_FORMATS))
    resp.headers["Vary"] = "Accept"
    resp.headers.setdefault("Access-Control-Allow-Origin", "*")
    return resp


# ---------------------------------------------------------------------------
# Dumps
# ---------------------------------------------------------------------------

def dump_bytes(ext: str) -> tuple[bytes, bytes, str]:
    """(plain bytes, gzip bytes, ETag) of a dump, made once per data generation (requests that
    ask for it while it is being made wait for that one)."""

    def make():
        data = ld.state().export(DUMPS[ext][1])
        # mtime=0: the same data gives the same bytes, so the ETag holds across restarts.
        return data, gzip.compress(data, compresslevel=6, mtime=0), hashlib.sha256(data).hexdigest()[:32]

    return ld.per_data().get(f"dump-{ext}", make)


def _accepts_gzip() -> bool:
    enc = request.accept_encodings
    gz = enc["gzip"]
    # identity is acceptable unless refused, so gzip must not be ranked below it when named.
    return gz > 0 and ("identity" not in enc or gz >= enc["identity"])


@bp.route("/dump.<ext>")
def dump(ext: str):
    if ext not in DUMPS:
        raise NotFound(f"there is no dump /dump.{ext}; the dumps are {', '.join(f'/dump.{e}' for e in DUMPS)}")
    data, zipped, etag = dump_bytes(ext)
    name, _, media = DUMPS[ext]
    if _accepts_gzip():
        resp = Response(zipped, content_type=f"{media}; charset=utf-8")
        resp.headers["Content-Encoding"] = "gzip"
        resp.set_etag(etag + "-gzip")
    else:
        resp = Response(data, content_type=f"{media}; charset=utf-8")
        resp.set_etag(etag)
    resp.headers["Vary"] = "Accept-Encoding"
    resp.headers["Content-Disposition"] = f'inline; filename="ittifoq.{ext}"'
    resp.headers.setdefault("Access-Control-Allow-Origin", "*")
    return resp.make_conditional(request)


def dump_url(ext: str) -> str:
    return url_for("void.dump", ext=ext)
