"""Web fixtures: applications over the session's built dataset, with the settings each test
needs, and over small stores seeded for the W3C protocol tests. Every application started
here is closed (its worker processes stopped) when its fixture ends."""

from __future__ import annotations

import contextlib
import json
import time

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from ittifoq.namespaces import CORPUS_GRAPH, ITT, ONTOLOGY_GRAPH
from ittifoq.store import KnowledgeGraph
from ittifoq.web import ServerSettings, create_app

TOKEN = "test-token-not-secret"
SOURCE_DOCUMENT = ITT + "SourceDocument"


@contextlib.contextmanager
def running_app(kg, source=None, **settings):
    settings.setdefault("query_threads", 2)
    app = create_app(ServerSettings(**settings), kg=kg, source=source)
    app.config["TESTING"] = True
    try:
        yield app
    finally:
        app.extensions["ittifoq"].close()


def empty_kg() -> KnowledgeGraph:
    return KnowledgeGraph(Dataset(store="Oxigraph", default_union=True))


@pytest.fixture(scope="session")
def web_app(kg):
    with running_app(kg, timeout=10) as app:
        yield app


@pytest.fixture
def client(web_app):
    return web_app.test_client()


@pytest.fixture
def make_app():
    """Start applications with given settings; all are closed after the test."""
    with contextlib.ExitStack() as stack:
        yield lambda kg, **settings: stack.enter_context(running_app(kg, **settings))


def bindings(resp) -> list[dict]:
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return json.loads(resp.data)["results"]["bindings"]


def ask(resp) -> bool:
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return json.loads(resp.data)["boolean"]


__all__ = ["TOKEN", "SOURCE_DOCUMENT", "CORPUS_GRAPH", "ONTOLOGY_GRAPH", "running_app", "empty_kg",
           "bindings", "ask", "ox"]


def wait_until(condition, within: float = 60.0) -> None:
    """Wait for ``condition()`` to hold (a state the test waits for, not a time it assumes);
    fails after ``within`` seconds, a bound only a broken server reaches."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.005)
