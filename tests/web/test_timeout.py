"""The hard time limit: a query that runs too long is really stopped (its worker process is
killed and replaced), the client gets 503, and other clients keep being answered meanwhile.
Also: the store's memory is shared by the worker processes, not copied into each."""

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

    with running_app(kg, timeout=1.0, workers=2) as app:
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
    busy = set(before) - set(pool.worker_pids())
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
    # The worker that ran the product is gone (its CPU and memory freed), and replaced.
    assert pool.kills == kills + 1
    assert len(busy) == 1
    assert _gone(busy.pop())
    after = set(pool.worker_pids())
    assert len(after) == 2 and after != before


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


def test_more_slow_queries_than_workers(short_app):
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
    assert len(short_app.extensions["ittifoq"].pool.worker_pids()) == 2


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
    app = make_app(kg, worker_memory_mb=128, timeout=20, workers=1)
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
def test_workers_share_the_store_memory(make_app):
    kg = empty_kg()
    rss_empty = _memory(os.getpid())["Rss"]
    p, g = ox.NamedNode("http://example.org/p"), ox.NamedNode("http://example.org/g")
    kg.store.extend(
        ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(f"value number {i} " + "x" * 40), g)
        for i in range(150_000)
    )
    store_kib = _memory(os.getpid())["Rss"] - rss_empty
    assert store_kib > 50_000  # a store big enough for a copy to show
    app = make_app(kg, workers=2, timeout=30)
    state = app.extensions["ittifoq"]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(STRLEN(?o) > 3) }"
    barrier = threading.Barrier(2)

    def scan():
        barrier.wait()
        r = app.test_client().get("/sparql", query_string={"query": count})
        assert json.loads(r.data)["results"]["bindings"][0]["n"]["value"] == "150000"

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    workers = state.pool.worker_pids()
    assert len(workers) == 2
    m = _memory(state.pool.zygote_pid)
    assert m["Private_Dirty"] + m["Private_Clean"] < 0.05 * store_kib
    for pid in workers:
        m = _memory(pid)
        private = m["Private_Dirty"] + m["Private_Clean"]
        # A copy per worker would make this >= the store's size. Each worker has read the whole
        # store; Oxigraph's reads write to part of its index (about a third of the pages, measured),
        # which copy-on-write then duplicates; the rest stays shared with the server.
        assert m["Rss"] > 0.9 * store_kib and private < 0.5 * store_kib, (pid, private, store_kib)


def test_writes_refork_the_pool_and_leave_no_process_behind(kg):
    from .conftest import TOKEN, running_app

    with running_app(empty_kg(), workers=2, allow_update=True, token=TOKEN) as app:
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
