"""The application under test: the real factory (``ittifoq.web.create_app``), serving the
dataset built once per session by the top-level conftest."""

from __future__ import annotations

import pytest


def make_app(kg, config):
    from ittifoq.web import ServerSettings, create_app

    return create_app(ServerSettings(query_threads=1), kg=kg, config=config)


@pytest.fixture(scope="session")
def app(kg, config):
    app = make_app(kg, config)
    app.config["TESTING"] = True
    yield app
    app.extensions["ittifoq"].close()


@pytest.fixture
def client(app):
    return app.test_client()
