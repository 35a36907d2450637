"""The hard time limit: a query that runs too long is really stopped (the query process is
killed and replaced), the client gets 503, and other clients keep being answered meanwhile;
queries that were running beside it are sent again and answered. Also: the store is held
once: read-only, by the query process alone; given loaded, shared with it copy-on-write."""

from __future__ import annotations

import json
import os
import threading
import time

import pyoxigraph as ox
import pytest

from .conftest import bindings, empty_kg
from .procs import children

# Every triple with every triple with every triple: ~10^12 rows on the seed data, hours of work.
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LIGHT = "SELECT (COUNT(*) AS ?n) WHERE { ?d a itt:SourceDocument }"


@pytest.fixture(scope="module")
def short_app(kg):
    from .conftest import running_app

    with running_app(kg, timeout=1.0, query_threads=2) as app:
        yield app


def _gone(pid: int, within: float = 2.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not os.path.exists(f"/proc/{pid}"):
            return True
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().split(")")[-1].split()[0] == "Z":
                    return True
        except OSError:
            return True
        time.sleep(0.02)
    return False


def test_cartesian_product_is_stopped_while_others_are_served(short_app):
    pool = short_app.extensions["ittifoq"].pool
    before = set(pool.worker_pids())
    kills = pool.kills
    heavy = {}

    def run_heavy():
        t0 = time.monotonic()
        r = short_app.test_client().get("/sparql", query_string={"query": CARTESIAN})
        heavy.update(status=r.status_code, body=r.get_data(as_text=True), elapsed=time.monotonic() - t0)

    thread = threading.Thread(target=run_heavy)
    thread.start()
    time.sleep(0.1)
    light = []
    client = short_app.test_client()
    while thread.is_alive():
        t0 = time.monotonic()
        r = client.get("/sparql", query_string={"query": LIGHT})
        light.append((r.status_code, time.monotonic() - t0, bindings(r)[0]["n"]["value"]))
        time.sleep(0.05)
    thread.join()

    assert heavy["status"] == 503
    assert "1 s limit" in heavy["body"] and "stopped" in heavy["body"]
    assert 0.9 <= heavy["elapsed"] < 3.0
    # The second client was answered all along, quickly and correctly (five source documents).
    assert len(light) >= 5
    assert all(status == 200 and n == "5" for status, _, n in light)
    assert max(t for _, t, _ in light) < 0.5
    # The process that ran the product is gone (its CPU and memory freed), and replaced.
    assert pool.kills == kills + 1
    assert len(before) == 1 and _gone(before.pop())
    after = set(pool.worker_pids())
    assert len(after) == 1 and after != before


def test_a_request_may_lower_the_limit(short_app):
    t0 = time.monotonic()
    r = short_app.test_client().get("/sparql", query_string={"query": CARTESIAN, "timeout": "0.3"})
    elapsed = time.monotonic() - t0
    assert r.status_code == 503 and "0.3 s limit" in r.get_data(as_text=True)
    assert elapsed < 0.9


def test_a_request_cannot_raise_the_limit(short_app):
    t0 = time.monotonic()
    r = short_app.test_client().get("/sparql", query_string={"query": CARTESIAN, "timeout": "60"})
    assert r.status_code == 503 and "1 s limit" in r.get_data(as_text=True)
    assert time.monotonic() - t0 < 3.0


def test_more_slow_queries_than_threads(short_app):
    results = []

    def go():
        r = short_app.test_client().get("/sparql", query_string={"query": CARTESIAN})
        results.append(r.status_code)

    threads = [threading.Thread(target=go) for _ in range(3)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [503, 503, 503]
    assert time.monotonic() - t0 < 4.0
    r = short_app.test_client().get("/sparql", query_string={"query": LIGHT})
    assert bindings(r)[0]["n"]["value"] == "5"
    assert len(short_app.extensions["ittifoq"].pool.worker_pids()) == 1


def test_a_query_running_beside_a_stopped_one_is_sent_again(make_app):
    kg = empty_kg()
    p = ox.NamedNode("http://example.org/p")
    kg.store.extend(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(i)) for i in range(6000))
    app = make_app(kg, timeout=20, query_threads=2)
    c = app.test_client()
    pool = app.extensions["ittifoq"].pool
    # A query that takes a while (at least 0.4 s here, however fast the machine): a pairing of
    # the first m subjects with themselves.
    m, took = 500, 0.0
    while took < 0.4:
        m *= 2
        mid = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y "
               f"FILTER(?x < {m} && ?y < {m} && ?x + ?y > -1) }}")
        t0 = time.monotonic()
        assert bindings(c.get("/sparql", query_string={"query": mid}))[0]["n"]["value"] == str(min(m, 6000) ** 2)
        took = time.monotonic() - t0
        assert m < 6000 or took >= 0.4, "the machine is too fast for this store"
    resent, kills, before = pool.resent, pool.kills, pool.worker_pids()
    answer = {}

    def run_mid():
        r = app.test_client().get("/sparql", query_string={"query": mid})
        answer.update(status=r.status_code, n=bindings(r)[0]["n"]["value"] if r.status_code == 200 else None)

    thread = threading.Thread(target=run_mid)
    thread.start()
    time.sleep(0.05)
    r = c.get("/sparql", query_string={"query": CARTESIAN, "timeout": "0.2"})
    assert r.status_code == 503 and "0.2 s limit" in r.get_data(as_text=True)
    thread.join()
    # The product was stopped by killing the process the other query was running in too;
    # that one was sent again to the new process and its client got the right answer.
    assert pool.kills == kills + 1 and pool.worker_pids() != before
    assert pool.resent >= resent + 1
    assert answer == {"status": 200, "n": str(min(m, 6000) ** 2)}


def test_pages_answer_while_users_queries_hold_every_thread(make_app, kg):
    app = make_app(kg, timeout=1.5, query_threads=1)
    heavy = threading.Thread(target=lambda: app.test_client().get("/sparql", query_string={"query": CARTESIAN}))
    heavy.start()
    time.sleep(0.1)
    t0 = time.monotonic()
    # The server's own queries use channels users' queries may not take.
    r = app.test_client().get("/", headers={"Accept": "text/html"})
    assert r.status_code == 200 and time.monotonic() - t0 < 1.0
    # A second user query waits for the one thread users may use: it runs after the product
    # has been stopped.
    r = app.test_client().get("/sparql", query_string={"query": LIGHT})
    assert bindings(r)[0]["n"]["value"] == "5" and time.monotonic() - t0 >= 1.2
    heavy.join()


def test_a_worker_that_died_is_replaced(short_app):
    pool = short_app.extensions["ittifoq"].pool
    for pid in pool.worker_pids():
        os.kill(pid, 9)
    for pid in list(pool.worker_pids()):
        assert _gone(pid)
    for _ in range(3):
        r = short_app.test_client().get("/sparql", query_string={"query": LIGHT})
        assert bindings(r)[0]["n"]["value"] == "5"


def test_a_query_that_needs_too_much_memory_is_stopped(make_app, kg):
    app = make_app(kg, worker_memory_mb=128, timeout=20, query_threads=1)
    c = app.test_client()
    t0 = time.monotonic()
    r = c.get("/sparql", query_string={
        "query": "SELECT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } ORDER BY ?a ?b ?c LIMIT 1"})
    assert r.status_code == 503 and "memory" in r.get_data(as_text=True)
    assert time.monotonic() - t0 < 10
    assert bindings(c.get("/sparql", query_string={"query": LIGHT}))[0]["n"]["value"] == "5"


def _memory(pid: int) -> dict:
    out = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "kB":
                out[parts[0].rstrip(":")] = int(parts[1])
    return out


@pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="needs Linux smaps_rollup")
def test_queries_running_at_once_share_one_query_process(make_app):
    kg = empty_kg()
    rss_empty = _memory(os.getpid())["Rss"]
    p, g = ox.NamedNode("http://example.org/p"), ox.NamedNode("http://example.org/g")
    kg.store.extend(
        ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(f"value number {i} " + "x" * 40), g)
        for i in range(150_000)
    )
    store_kib = _memory(os.getpid())["Rss"] - rss_empty
    assert store_kib > 50_000  # a store big enough for a copy to show
    server_private = _private(os.getpid())
    app = make_app(kg, query_threads=4, timeout=30)
    state = app.extensions["ittifoq"]
    (worker,) = state.pool.worker_pids()
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(STRLEN(?o) > 3) }"

    def scan(barrier=None):
        if barrier:
            barrier.wait()
        r = app.test_client().get("/sparql", query_string={"query": count})
        assert json.loads(r.data)["results"]["bindings"][0]["n"]["value"] == "150000"

    scan()
    one = _private(worker)
    # A copy of the store would make this >= its size. Oxigraph's reads write to part of its
    # index (about a third of the pages for this scan, measured), which copy-on-write then
    # duplicates in the query process; the rest stays shared with the server.
    assert _memory(worker)["Rss"] > 0.9 * store_kib and one < 0.5 * store_kib, (one, store_kib)
    barrier = threading.Barrier(4)
    threads = [threading.Thread(target=scan, args=(barrier,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Four queries reading the whole store at once cost what one did: they ran in one process.
    assert state.pool.worker_pids() == [worker] and children(state.pool.zygote_pid) == [worker]
    assert _private(worker) - one < 0.05 * store_kib, (_private(worker), one, store_kib)
    # The zygote holds nothing of its own, and the server's own queries read in the query
    # process too: the server copies nothing of the store by reading it.
    assert _private(state.pool.zygote_pid) < 0.05 * store_kib
    assert len(state.query("SELECT ?s WHERE { ?s ?p ?o }")) == 150_000
    assert _private(os.getpid()) - server_private < 0.1 * store_kib


def _private(pid: int) -> int:
    m = _memory(pid)
    return m["Private_Dirty"] + m["Private_Clean"]


def test_writes_refork_the_pool_and_leave_no_process_behind(kg):
    from .conftest import TOKEN, running_app

    with running_app(empty_kg(), query_threads=2, allow_update=True, token=TOKEN) as app:
        state = app.extensions["ittifoq"]
        c = app.test_client()
        auth = {"Authorization": f"Bearer {TOKEN}"}
        first = state.pool.zygote_pid
        for i in range(3):
            r = c.post("/sparql", data=f"INSERT DATA {{ <http://e/s> <http://e/p> {i} }}",
                       content_type="application/sparql-update", headers=auth)
            assert r.status_code == 204
            n = bindings(c.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}))
            assert n[0]["n"]["value"] == str(i + 1)  # every worker sees the write
        assert state.generation == 3 and state.pool.zygote_pid != first
        assert _gone(first)
        zygote = state.pool.zygote_pid
        workers = children(zygote)
    # Closing the application stops the zygote and its workers, and collects them all.
    assert _gone(zygote) and all(_gone(w) for w in workers)
    assert zygote not in children(os.getpid())


# --------------------------------------------------------------------------- data loaded by the query process


@pytest.fixture
def deferred_app(config, make_app):
    from functools import partial

    from ittifoq.build import ensure_built
    from ittifoq.store import KnowledgeGraph

    # What `ittifoq serve` does when read-only: the query process loads the data itself.
    kg = KnowledgeGraph.deferred(partial(KnowledgeGraph.from_nquads, ensure_built(config)))
    return make_app(kg, timeout=1.0, query_threads=2)


@pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="needs Linux smaps_rollup")
def test_data_loaded_by_the_query_process_is_held_there_only(deferred_app, kg):
    state = deferred_app.extensions["ittifoq"]
    c = deferred_app.test_client()
    n = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    expected = str(sum(1 for q in kg.store if not isinstance(q.graph_name, ox.DefaultGraph)))
    assert bindings(c.get("/sparql", query_string={"query": n}))[0]["n"]["value"] == expected
    # The server's own store is empty: it holds none of the data, and never read it.
    assert len(state.kg.store) == 0
    assert c.get("/", headers={"Accept": "text/html"}).status_code == 200
    # Only the query process has the data; the zygote it was forked from has none.
    (worker,) = state.pool.worker_pids()
    assert children(state.pool.zygote_pid) == [worker]
    # Private memory, not RSS: both inherit this test process's pages, and the query process
    # gives freed ones back (malloc_trim), so its RSS can be the smaller of the two.
    assert _memory(worker)["Private_Dirty"] > _memory(state.pool.zygote_pid)["Private_Dirty"]


def test_data_loaded_by_the_query_process_survives_a_stopped_query(deferred_app, kg):
    state = deferred_app.extensions["ittifoq"]
    c = deferred_app.test_client()
    before = state.pool.worker_pids()
    t0 = time.monotonic()
    r = c.get("/sparql", query_string={"query": CARTESIAN})
    assert r.status_code == 503 and "1 s limit" in r.get_data(as_text=True)
    assert time.monotonic() - t0 < 3.0
    assert _gone(before[0])
    # The replacement loads the data again, and answers.
    assert bindings(c.get("/sparql", query_string={"query": LIGHT}))[0]["n"]["value"] == "5"
    assert state.pool.worker_pids() != before


def test_data_that_cannot_be_loaded_is_reported_at_start(tmp_path):
    from functools import partial

    from ittifoq.errors import IttifoqError
    from ittifoq.store import KnowledgeGraph
    from ittifoq.web import ServerSettings, create_app

    bad = tmp_path / "bad.nq"
    bad.write_text("<http://e/s> <http://e/p> \"unterminated .\n")
    with pytest.raises(IttifoqError, match="bad.nq"):
        kg = KnowledgeGraph.deferred(partial(KnowledgeGraph.from_files, [bad]))
        create_app(ServerSettings(query_threads=1), kg=kg)


# --------------------------------------------------------------------------- descriptors across fork

AT_FORK_SCRIPT = """
import os
r, w = os.pipe()  # an event loop's wake-up pipe, on the lowest free descriptors
mine = {"r": r, "w": w}

def recreate():
    # What such a loop does in every forked child (granian's does): drop the parent's pipe
    # and make its own, which takes the lowest free numbers.
    os.close(mine["r"]); os.close(mine["w"])
    mine["r"], mine["w"] = os.pipe()

os.register_at_fork(after_in_child=recreate)
from rdflib import Dataset
from ittifoq.store import KnowledgeGraph
from ittifoq.web import ServerSettings, create_app
app = create_app(ServerSettings(query_threads=1), kg=KnowledgeGraph(Dataset(store="Oxigraph", default_union=True)))
r = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
print(r.status_code, r.get_data(as_text=True).strip())
app.extensions["ittifoq"].close()
"""


def test_a_library_recreating_its_descriptors_at_fork_cannot_take_a_channel():
    # The zygote must keep the numbers of the descriptors it drops taken, or the channels it
    # receives land on them and the library's at-fork handler closes them in the query process.
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", AT_FORK_SCRIPT], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == '200 {"head":{},"boolean":true}'
