"""`ittifoq load --store`: formats (compressed too), named graphs, all-or-nothing loads, progress,
and opening the store read-only.

The expected triples are the ones these tests write into their own small files."""

from __future__ import annotations

import bz2
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from ittifoq.cli import main
from ittifoq.errors import ConfigError, IttifoqError
from ittifoq.load import Progress, load_files
from ittifoq.store import KnowledgeGraph

EX = "http://example.org/"
G1 = EX + "graph/one"
G2 = EX + "graph/two"

TURTLE = f"""@prefix ex: <{EX}> .
ex:tashkent ex:capitalOf ex:uzbekistan ; ex:label "Toshkent"@uz-Latn , "Тошкент"@uz-Cyrl .
ex:astana ex:capitalOf ex:kazakhstan .
"""
NTRIPLES = f"""<{EX}samarkand> <{EX}locatedIn> <{EX}uzbekistan> .
<{EX}almaty> <{EX}locatedIn> <{EX}kazakhstan> .
"""
NQUADS = f"""<{EX}uzbekistan> <{EX}borders> <{EX}kazakhstan> <{G1}> .
<{EX}kazakhstan> <{EX}borders> <{EX}uzbekistan> <{G2}> .
<{EX}kazakhstan> <{EX}population> "20000000" .
"""
TRIG = f"""@prefix ex: <{EX}> .
<{G1}> {{ ex:khiva ex:locatedIn ex:uzbekistan . }}
<{G2}> {{ ex:shymkent ex:locatedIn ex:kazakhstan . }}
"""
RDFXML = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">
  <rdf:Description rdf:about="{EX}bukhara"><ex:locatedIn rdf:resource="{EX}uzbekistan"/></rdf:Description>
</rdf:RDF>
"""
JSONLD = json.dumps({"@id": EX + "turkistan", EX + "locatedIn": {"@id": EX + "kazakhstan"}})


def quads(store_dir: Path) -> set[tuple[str, str, str, str | None]]:
    kg = KnowledgeGraph.open_store(store_dir)
    out = set()
    for q in kg.store.quads_for_pattern(None, None, None):
        g = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        out.add((q.subject.value, q.predicate.value, str(q.object) if isinstance(q.object, ox.Literal)
                 else q.object.value, g))
    return out


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def state(store_dir: Path) -> tuple:
    """What a reader sees: the active generation, the manifest and every quad."""
    return (os.readlink(store_dir / "active"), (store_dir / "manifest.json").read_text(), quads(store_dir))


def test_every_format_and_compression_lands_where_asked(tmp_path, capsys):
    ttl = write(tmp_path / "capitals.ttl", TURTLE)
    nt_gz = tmp_path / "places.nt.gz"
    nt_gz.write_bytes(gzip.compress(NTRIPLES.encode()))
    nq_bz2 = tmp_path / "borders.nq.bz2"
    nq_bz2.write_bytes(bz2.compress(NQUADS.encode()))
    trig = write(tmp_path / "cities.trig", TRIG)
    rdf = write(tmp_path / "bukhara.rdf", RDFXML)
    jsonld = write(tmp_path / "turkistan.jsonld", JSONLD)
    store = tmp_path / "store"

    assert main(["load", str(ttl), str(nt_gz), str(rdf), "--store", str(store), "--graph", G1]) == 0
    assert main(["load", str(nq_bz2), str(trig), str(jsonld), "--store", str(store)]) == 0

    got = quads(store)
    # Triple formats went to --graph.
    assert (EX + "tashkent", EX + "capitalOf", EX + "uzbekistan", G1) in got
    assert (EX + "tashkent", EX + "label", '"Тошкент"@uz-cyrl', G1) in got
    assert (EX + "samarkand", EX + "locatedIn", EX + "uzbekistan", G1) in got
    assert (EX + "bukhara", EX + "locatedIn", EX + "uzbekistan", G1) in got
    # Dataset formats kept their own graphs, the default graph included.
    assert (EX + "uzbekistan", EX + "borders", EX + "kazakhstan", G1) in got
    assert (EX + "kazakhstan", EX + "borders", EX + "uzbekistan", G2) in got
    assert (EX + "kazakhstan", EX + "population", '"20000000"', None) in got
    assert (EX + "khiva", EX + "locatedIn", EX + "uzbekistan", G1) in got
    assert (EX + "shymkent", EX + "locatedIn", EX + "kazakhstan", G2) in got
    # JSON-LD without a graph: the default graph.
    assert (EX + "turkistan", EX + "locatedIn", EX + "kazakhstan", None) in got
    # 4 + 2 + 1 triples, then 3 + 2 + 1 quads.
    assert len(got) == 13
    out = capsys.readouterr().out
    assert "13 quads" in out


def test_loaded_store_answers_like_the_engine(tmp_path):
    store = tmp_path / "store"
    load_files(store, [write(tmp_path / "b.nq", NQUADS)])
    kg = KnowledgeGraph.open_store(store)
    # The data has a default graph of its own (the population triple): it is the default
    # graph (ittifoq.store.dataset_options); the named graphs are asked with GRAPH.
    rows = list(kg.query(f"SELECT ?x WHERE {{ ?x <{EX}borders> ?y }} ORDER BY ?x"))
    assert rows == []
    rows = list(kg.query(f"SELECT ?x WHERE {{ ?x <{EX}population> ?y }}"))
    assert [r["x"].value for r in rows] == [EX + "kazakhstan"]
    rows = list(kg.query(f"SELECT ?x WHERE {{ GRAPH ?g {{ ?x <{EX}borders> ?y }} }} ORDER BY ?x"))
    assert [r["x"].value for r in rows] == [EX + "kazakhstan", EX + "uzbekistan"]
    assert kg.named_graphs() == [G1, G2]
    rows = list(kg.query(f"SELECT ?x WHERE {{ ?x <{EX}borders> ?y }}", default_graphs=[G2]))
    assert [r["x"].value for r in rows] == [EX + "kazakhstan"]
    assert kg.manifest["quads"] == 3


def test_store_opened_for_serving_is_read_only(tmp_path):
    store = tmp_path / "store"
    load_files(store, [write(tmp_path / "p.nt", NTRIPLES)])
    kg = KnowledgeGraph.open_store(store)
    with pytest.raises(RuntimeError, match="read-write"):
        kg.store.add(ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "b"), ox.NamedNode(EX + "c")))
    with pytest.raises(RuntimeError, match="read-write"):
        kg.store.update(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")
    assert len(quads(store)) == 2


def test_a_plain_oxigraph_directory_can_be_served_but_not_loaded_into(tmp_path):
    plain = tmp_path / "plain"
    s = ox.Store(str(plain))
    s.add(ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "b"), ox.NamedNode(EX + "c"), ox.NamedNode(G1)))
    s.flush()
    del s
    assert quads(plain) == {(EX + "a", EX + "b", EX + "c", G1)}
    with pytest.raises(ConfigError, match="not a store written by ittifoq load"):
        load_files(plain, [write(tmp_path / "p.nt", NTRIPLES)])


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="no such store directory"):
        KnowledgeGraph.open_store(tmp_path / "nowhere")


def test_graph_option_is_refused_for_dataset_formats(tmp_path, capsys):
    nq = write(tmp_path / "b.nq", NQUADS)
    assert main(["load", str(nq), "--store", str(tmp_path / "s"), "--graph", G1]) == 2
    assert "--graph applies to triple formats" in capsys.readouterr().err


def test_unknown_extension_asks_for_format(tmp_path, capsys):
    f = write(tmp_path / "data.rdfdata", NTRIPLES)
    assert main(["load", str(f), "--store", str(tmp_path / "s")]) == 2
    assert "--format" in capsys.readouterr().err
    assert main(["load", str(f), "--store", str(tmp_path / "s"), "--format", "nt"]) == 0


def test_a_failed_load_leaves_the_store_as_it_was(tmp_path, capsys):
    store = tmp_path / "store"
    load_files(store, [write(tmp_path / "good.nq", NQUADS)])
    before = state(store)
    good = write(tmp_path / "more.nt", NTRIPLES)
    # The second file breaks on its last line, after the first file was loaded in full.
    bad = write(tmp_path / "bad.nt", NTRIPLES + f"<{EX}x> <{EX}y> .\n")
    assert main(["load", str(good), str(bad), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "bad.nt" in err
    assert state(store) == before
    assert not list(store.glob(".loading-*"))
    assert sorted(p.name for p in store.glob("gen-*")) == ["gen-000001"]


def test_an_interrupted_load_leaves_the_store_as_it_was(tmp_path):
    store = tmp_path / "store"
    load_files(store, [write(tmp_path / "good.nq", NQUADS)])
    before = state(store)

    def interrupt(i):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_files(store, [write(tmp_path / "p.nt", NTRIPLES), write(tmp_path / "c.ttl", TURTLE)],
                   _after_file=interrupt)
    assert state(store) == before
    assert not list(store.glob(".loading-*"))


def test_a_reader_keeps_its_generation_while_a_load_publishes_the_next(tmp_path):
    store = tmp_path / "store"
    load_files(store, [write(tmp_path / "good.nq", NQUADS)])
    reader = KnowledgeGraph.open_store(store)
    load_files(store, [write(tmp_path / "p.nt", NTRIPLES)])
    assert len(reader.store) == 3
    assert len(KnowledgeGraph.open_store(store).store) == 5
    # Loads add to what the store holds; the generation before the active one is kept.
    load_files(store, [write(tmp_path / "c.ttl", TURTLE)])
    assert sorted(p.name for p in store.glob("gen-*")) == ["gen-000002", "gen-000003"]
    assert len(KnowledgeGraph.open_store(store).store) == 9


def test_one_load_at_a_time(tmp_path):
    from ittifoq.load import _Lock

    store = tmp_path / "store"
    store.mkdir()
    with _Lock(store), pytest.raises(IttifoqError, match="another load is running"):
        load_files(store, [write(tmp_path / "p.nt", NTRIPLES)])


def test_progress_reports_triples_rate_and_totals(tmp_path):
    import io

    lines = "".join(f"<{EX}s{i}> <{EX}p> \"{i}\" .\n" for i in range(20_000))
    f = write(tmp_path / "many.nt", lines)
    out = io.StringIO()
    report = load_files(tmp_path / "store", [f], progress=Progress(out, interval=0.0001))
    text = out.getvalue()
    assert text.splitlines()[0].startswith(f"loading {f} (")
    assert "loaded" in text and "20,000 triples" in text and "triples/s" in text
    assert report.files[0].statements == 20_000
    assert report.quads_after == 20_000


def _ittifoq(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ittifoq", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def _feed_then_signal(tmp_path: Path, store: Path, sig: int) -> subprocess.CompletedProcess:
    """Start a load from a named pipe, feed it part of the data, and signal it while it waits
    for the rest: an interruption in the middle of a file, at a known point."""
    fifo = tmp_path / "stream.nt"
    os.mkfifo(fifo)
    proc = _ittifoq("load", str(fifo), "--store", str(store))
    try:
        deadline = time.monotonic() + 60
        while True:  # opening a pipe's write end without a reader would block: poll instead
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out, err = proc.communicate(timeout=30)
                    pytest.fail(f"the load never opened the pipe: {err}")
                time.sleep(0.05)
        os.set_blocking(fd, True)
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write("".join(f"<{EX}s{i}> <{EX}p> \"{i}\" .\n" for i in range(5000)))
            fh.flush()
            time.sleep(1.0)
            proc.send_signal(sig)
            out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.slow
def test_ctrl_c_in_the_middle_of_a_file_changes_nothing(tmp_path):
    store = tmp_path / "store"
    load_files(store, [write(tmp_path / "good.nq", NQUADS)])
    before = state(store)
    done = _feed_then_signal(tmp_path, store, signal.SIGINT)
    assert done.returncode == 130, done.stderr
    assert "as it was before" in done.stderr
    assert "Traceback" not in done.stderr
    assert state(store) == before
    assert not list(store.glob(".loading-*"))


@pytest.mark.slow
def test_a_killed_load_changes_nothing_and_the_next_load_cleans_up(tmp_path):
    store = tmp_path / "store"
    load_files(store, [write(tmp_path / "good.nq", NQUADS)])
    before = state(store)
    done = _feed_then_signal(tmp_path, store, signal.SIGKILL)
    assert done.returncode == -signal.SIGKILL
    assert state(store) == before
    assert list(store.glob(".loading-*")), "a killed load cannot clean up after itself"
    load_files(store, [write(tmp_path / "p.nt", NTRIPLES)])
    assert not list(store.glob(".loading-*"))
    assert len(quads(store)) == 5


@pytest.mark.slow
def test_command_line_progress_and_summary(tmp_path):
    f = write(tmp_path / "capitals.ttl", TURTLE)
    done = subprocess.run([sys.executable, "-m", "ittifoq", "load", str(f), "--store", str(tmp_path / "s")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"loading {f}" in done.stderr
    assert "4 quads (+4)" in done.stdout
