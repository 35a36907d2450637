"""The second wall behind the query guard: the engine's process cannot open a connection,
whatever a query says. With the guard switched off in the server, a SERVICE query to a
listener on 127.0.0.1 reaches no one (``ittifoq.sandbox``, wired in ``web.engine``); that the
same query does connect without the block is shown in ``tests/test_sandbox.py``."""

from __future__ import annotations

import pytest

from ittifoq import query_guard, sandbox
from ittifoq.web import user_query
from test_sandbox import Counter

from .conftest import running_app

ABI = sandbox.landlock_abi()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not isinstance(ABI, int) or ABI < 4,
                       reason=f"the kernel has no Landlock network rules (ABI ≥ 4, Linux 6.7): {ABI}"),
]


def test_a_service_query_past_a_disabled_guard_makes_no_connection(kg, monkeypatch):
    counter = Counter()
    try:
        # The guard as if it had not seen the SERVICE: only the engine's process stands in the way.
        monkeypatch.setattr(user_query.guard, "check", lambda text, **_: query_guard.Checked(
            text=text, kind="query", form="SELECT", depth=2))
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{counter.port}/sparql> {{ ?s ?p ?o }} }}"
        with running_app(kg, query_threads=1) as app:
            assert "outbound network blocked" in app.extensions["ittifoq"].engine.started_status
            r = app.test_client().get("/sparql", query_string={"query": query})
            assert r.status_code != 200
            assert counter.count() == 0
    finally:
        counter.close()
