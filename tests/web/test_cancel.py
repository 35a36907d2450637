"""Cancel (``ittifoq.web.cancel``): a client that sent its query with an id stops it on the
server with ``POST /sparql/cancel``: the engine process running it is killed and replaced,
another client's query running beside it is sent again and answered, and the stop comes no
sooner than the floor of ``?timeout=`` (cancelling cannot force restarts cheaply). Only the
id stops a query: a wrong one stops nothing."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from ittifoq.web import cancel

from .conftest import bindings, wait_until
from .test_supervisor import ENDLESS, LIGHT, finite_but_slow, numbers_kg

pytestmark = pytest.mark.slow

HEADER = "X-Ittifoq-Query-Id"


def _sent(app, query_id: str) -> bool:
    ticket = cancel.registry(app).get(query_id)
    return ticket is not None and ticket.sent is not None


def test_cancel_stops_the_query_on_the_server_and_others_are_answered(make_app):
    app = make_app(numbers_kg(), timeout=60, query_threads=2)
    sup = app.extensions["ittifoq"].engine
    mid, expected = finite_but_slow(app)
    before, resent = sup._engine, sup.resent
    innocent, cancelled = {}, {}

    def run_innocent():  # another client's query, running when the engine process is killed
        r = app.test_client().get("/sparql", query_string={"query": mid})
        innocent.update(status=r.status_code, n=bindings(r)[0]["n"]["value"] if r.status_code == 200 else None)

    qid = str(uuid.uuid4())

    def run_cancelled():
        t0 = time.monotonic()
        r = app.test_client().get("/sparql", query_string={"query": ENDLESS}, headers={HEADER: qid})
        cancelled.update(status=r.status_code, body=r.get_data(as_text=True), took=time.monotonic() - t0)

    threads = [threading.Thread(target=run_innocent)]
    threads[0].start()
    wait_until(lambda: len(sup._user_busy) >= 1)
    threads.append(threading.Thread(target=run_cancelled))
    threads[1].start()
    wait_until(lambda: _sent(app, qid))

    c = app.test_client()
    # Another id, however well formed, stops nothing.
    assert c.post("/sparql/cancel", headers={HEADER: str(uuid.uuid4())}).status_code == 404
    r = c.post("/sparql/cancel", headers={HEADER: qid})
    assert r.status_code == 202
    for t in threads:
        t.join()

    assert cancelled["status"] == 503 and "cancelled" in cancelled["body"]
    # Not sooner than a request's shortest time limit (1 s, or the engine's start time).
    assert cancelled["took"] >= max(1.0, sup.start_seconds) - 0.05
    # The engine process that ran it was killed (and reaped), and replaced.
    assert before.killed == cancel.REASON and sup.kills == 0
    assert before.ended.wait(30) and before.process.exitcode == -9
    wait_until(lambda: sup._engine is not None)
    assert sup._engine is not before
    # The other client's query was sent again to the replacement and answered in full.
    assert sup.resent >= resent + 1
    assert innocent == {"status": 200, "n": expected}
    # The id is free again; cancelling a query that is over finds nothing.
    assert c.post("/sparql/cancel", data={"id": qid}).status_code == 404
    assert bindings(c.get("/sparql", query_string={"query": LIGHT}, headers={HEADER: qid}))[0]["n"]["value"] == "0"


def test_a_query_cancelled_before_it_is_sent_is_never_run(make_app, kg):
    app = make_app(kg, timeout=30, query_threads=1)
    sup = app.extensions["ittifoq"].engine
    first = sup._engine
    hold = threading.Thread(target=lambda: app.test_client().get(
        "/sparql", query_string={"query": ENDLESS, "timeout": "1"}))
    hold.start()
    wait_until(lambda: len(sup._user_busy) >= 1)  # the one user thread is taken
    qid, answer = "a" * 22, {}
    waiting = threading.Thread(target=lambda: answer.update(
        r=app.test_client().get("/sparql", query_string={"query": LIGHT}, headers={HEADER: qid})))
    waiting.start()
    wait_until(lambda: cancel.registry(app).get(qid) is not None)
    assert app.test_client().post("/sparql/cancel", headers={HEADER: qid}).status_code == 202
    hold.join()
    waiting.join()
    assert answer["r"].status_code == 503 and "cancelled" in answer["r"].get_data(as_text=True)
    # Nothing was running to stop: the one engine process killed is the one the time limit stopped.
    assert sup.kills == 1 and first.killed.startswith("a request ran past")
    assert sup._engine is None or sup._engine.killed is None


@pytest.mark.parametrize("headers, data, status", [
    ({}, None, 400),
    ({HEADER: "short"}, None, 400),
    ({HEADER: "x" * 30 + "<script>"}, None, 400),
    ({}, {"id": "y" * 129}, 400),
    ({HEADER: "z" * 22}, None, 404),
])
def test_cancel_needs_a_well_formed_id(client, headers, data, status):
    r = client.post("/sparql/cancel", headers=headers, data=data)
    assert r.status_code == status and r.mimetype == "text/plain"


def test_a_malformed_id_on_a_query_is_refused(client):
    r = client.get("/sparql", query_string={"query": LIGHT}, headers={HEADER: "not random"})
    assert r.status_code == 400 and "query id" in r.get_data(as_text=True)
    assert client.get("/cancel").status_code == 404 and client.get("/sparql/cancel").status_code == 405
