"""The application under test: the real factory (``ittifoq.web.create_app``), serving the
dataset built once per session by the top-level conftest."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

# Debian's chromium, driven by Playwright (never a downloaded browser).
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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


@pytest.fixture(scope="session")
def pages_kg(kg, tmp_path_factory):
    """The built data, with which statements some quotes support where the facts files do not
    say it yet (tests/web_pages/supports_fixture.py); the built data itself once they do."""
    from ittifoq.store import KnowledgeGraph

    from .supports_fixture import write

    path, _ = write(kg.source.paths[0], tmp_path_factory.mktemp("pages") / "pages.nq")
    return KnowledgeGraph.from_files([path])


@pytest.fixture(scope="session")
def pages_app(pages_kg, config):
    app = make_app(pages_kg, config)
    app.config["TESTING"] = True
    yield app
    app.extensions["ittifoq"].close()


@pytest.fixture
def pages_client(pages_app):
    return pages_app.test_client()


def serve(app):
    """``app`` served by waitress on a free local port: (its address, a function that stops it)."""
    import waitress

    srv = waitress.create_server(app, host="127.0.0.1", port=0, threads=6)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{srv.effective_port}", srv.close


@pytest.fixture(scope="session")
def pages_server(pages_app):
    """The pages' data (``pages_kg``) over HTTP, for the browser tests of the pages."""
    url, stop = serve(pages_app)
    yield url
    stop()


# One server and one browser for all the browser tests of the session.
@pytest.fixture(scope="session")
def server(kg, config):
    import waitress

    app = make_app(kg, config)
    srv = waitress.create_server(app, host="127.0.0.1", port=0, threads=6)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()
    close = getattr(app.extensions.get("ittifoq"), "close", None)
    if callable(close):
        close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "chromium is not installed: CI must install the Debian package chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
