"""VoID description and dumps. The numbers VoID states are checked against the built N-Quads
file, parsed here independently; the dumps must hold exactly its quads (or, for Turtle, its
default graph: the consolidated view)."""

from __future__ import annotations

import gzip
import threading
from collections import Counter

import pyoxigraph as ox
import pytest

VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ITT = "https://w3id.org/ittifoq/ontology/"


@pytest.fixture(scope="module")
def built_quads(config, kg):
    # kg: the session fixture builds the dataset into config.build_dir first.
    return set(ox.parse(config.dataset_path.read_bytes(), format=ox.RdfFormat.N_QUADS))


@pytest.fixture(scope="module")
def void_graph(app):
    r = app.test_client().get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.content_type.startswith("text/turtle")
    return list(ox.parse(r.data, format=ox.RdfFormat.TURTLE))


def objects(triples, s, p):
    return [t.object for t in triples if t.subject.value == s and t.predicate.value == p]


def the_dataset(triples):
    found = [t.subject.value for t in triples if t.predicate.value == RDF_TYPE and t.object.value == VOID + "Dataset"
             and any(u.predicate.value == VOID + "sparqlEndpoint" and u.subject == t.subject for u in triples)]
    assert len(found) == 1
    return found[0]


def test_void_core_description(void_graph, built_quads):
    ds = the_dataset(void_graph)
    assert [o.value for o in objects(void_graph, ds, DCT + "license")] == ["https://creativecommons.org/licenses/by/4.0/"]
    assert [o.value for o in objects(void_graph, ds, VOID + "sparqlEndpoint")] == ["http://localhost/sparql"]
    dumps = sorted(o.value for o in objects(void_graph, ds, VOID + "dataDump"))
    assert dumps == sorted(f"http://localhost/dump.{e}" for e in ("nq", "trig", "ttl", "jsonld"))
    assert [o.value for o in objects(void_graph, ds, VOID + "uriSpace")] == ["https://w3id.org/ittifoq/id/"]
    assert int(objects(void_graph, ds, VOID + "triples")[0].value) == len(built_quads)
    vocabularies = {o.value for o in objects(void_graph, ds, VOID + "vocabulary")}
    assert {ITT, "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/oa#", DCT} <= vocabularies


def test_void_graphs_and_partitions_match_the_data(void_graph, built_quads):
    ds = the_dataset(void_graph)
    per_graph = Counter(q.graph_name.value for q in built_quads if not isinstance(q.graph_name, ox.DefaultGraph))
    stated = {}
    for named in objects(void_graph, ds, SD + "namedGraph"):
        name = objects(void_graph, named.value, SD + "name")[0].value
        subset = objects(void_graph, named.value, SD + "graph")[0].value
        assert subset in {o.value for o in objects(void_graph, ds, VOID + "subset")}
        stated[name] = int(objects(void_graph, subset, VOID + "triples")[0].value)
    assert stated == dict(per_graph)

    states = {q.subject for q in built_quads if q.predicate.value == RDF_TYPE and q.object.value == ITT + "State"}
    partitions = {objects(void_graph, p.value, VOID + "class")[0].value:
                  int(objects(void_graph, p.value, VOID + "entities")[0].value)
                  for p in objects(void_graph, ds, VOID + "classPartition")}
    assert partitions[ITT + "State"] == len(states)
    evidence = Counter(q.predicate.value for q in built_quads)[ITT + "evidence"]
    properties = {objects(void_graph, p.value, VOID + "property")[0].value:
                  int(objects(void_graph, p.value, VOID + "triples")[0].value)
                  for p in objects(void_graph, ds, VOID + "propertyPartition")}
    assert properties[ITT + "evidence"] == evidence


@pytest.mark.parametrize("path", ["/void", "/.well-known/void"])
@pytest.mark.parametrize("accept, media, fmt", [
    ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_void_negotiates(client, path, accept, media, fmt):
    r = client.get(path, headers={"Accept": accept})
    assert r.status_code == 200 and r.content_type.startswith(media)
    assert list(ox.parse(r.data, format=fmt))


def test_void_for_browsers(client):
    r = client.get("/void", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.content_type.startswith("text/html")
    assert "void:sparqlEndpoint" in r.get_data(as_text=True)
    assert client.get("/void", headers={"Accept": "image/png"}).status_code == 406


DUMPS = {
    "nq": ("application/n-quads", ox.RdfFormat.N_QUADS, True),
    "trig": ("application/trig", ox.RdfFormat.TRIG, True),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD, True),
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE, False),
}


def as_stored(term):
    """Blank nodes are renamed by every parse, so they compare as one placeholder."""
    if isinstance(term, ox.BlankNode):
        return "_:b"
    return term


def statements(items, keep_graph):
    return Counter((as_stored(q.subject), q.predicate, as_stored(q.object)) + ((q.graph_name,) if keep_graph else ())
            for q in (items if keep_graph else set(ox.Triple(i.subject, i.predicate, i.object) for i in items)))


@pytest.mark.parametrize("ext", DUMPS)
def test_dumps_hold_the_dataset(client, built_quads, ext):
    media, fmt, quads = DUMPS[ext]
    r = client.get(f"/dump.{ext}")
    assert r.status_code == 200 and r.content_type.startswith(media)
    assert "Content-Encoding" not in r.headers
    parsed = list(ox.parse(r.data, format=fmt))
    # A triple format holds the file's default graph (the consolidated view), not every graph.
    expected = built_quads if quads else [q for q in built_quads if isinstance(q.graph_name, ox.DefaultGraph)]
    assert statements(parsed, quads) == statements(expected, quads)


def test_dumps_keep_declared_datatypes(client, built_quads):
    parsed = ox.parse(client.get("/dump.nq").data, format=ox.RdfFormat.N_QUADS)
    literals = {q.object for q in parsed if isinstance(q.object, ox.Literal)}
    assert literals == {q.object for q in built_quads if isinstance(q.object, ox.Literal)}


@pytest.mark.parametrize("ext", DUMPS)
def test_dumps_are_gzipped_when_accepted(client, ext):
    plain = client.get(f"/dump.{ext}").data
    r = client.get(f"/dump.{ext}", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert r.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in r.headers["Vary"]
    assert gzip.decompress(r.data) == plain
    assert len(r.data) < len(plain)


def test_gzip_refused_or_ranked_low_gets_identity(client):
    for header in ("gzip;q=0", "identity, gzip;q=0.5", "br"):
        r = client.get("/dump.nq", headers={"Accept-Encoding": header})
        assert "Content-Encoding" not in r.headers, header


def test_dump_etag_and_conditional_request(client):
    r = client.get("/dump.nq")
    etag = r.headers["ETag"]
    again = client.get("/dump.nq", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert client.get("/dump.xyz").status_code == 404


def test_a_dump_asked_for_by_several_clients_at_once_is_exported_once(app, monkeypatch):
    """The first requests for a dump, arriving together, export it once: the others wait for
    that export instead of making their own (the export reads the whole store)."""
    from ittifoq.web import void

    clients = 4
    state = app.extensions["ittifoq"]
    real_export, real_dump_bytes = state.export, void.dump_bytes
    exports, arrived, all_arrived, lock = [], [], threading.Event(), threading.Lock()

    def dump_bytes(ext):  # a request has reached the dump's cache
        with lock:
            arrived.append(ext)
            if len(arrived) == clients:
                all_arrived.set()
        return real_dump_bytes(ext)

    def export(fmt):  # the first export finishes only once every client has asked
        exports.append(fmt)
        assert all_arrived.wait(60), "the clients never all arrived"
        return real_export(fmt)

    monkeypatch.setattr(void, "dump_bytes", dump_bytes)
    monkeypatch.setattr(state, "export", export)
    app.extensions.pop("ittifoq.pages", None)  # nothing computed yet: these are first requests
    answers = []

    def fetch():
        r = app.test_client().get("/dump.nq", headers={"Accept-Encoding": "identity"})
        answers.append((r.status_code, r.data))

    threads = [threading.Thread(target=fetch) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert exports == ["nquads"]
    assert len(answers) == clients and len({a for a in answers}) == 1 and answers[0][0] == 200
