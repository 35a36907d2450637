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


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per screen width the tests check (a desktop and a phone)."""
    from .browser_kit import WIDTHS

    made = {w: browser.new_context(viewport={"width": w, "height": 900}, locale="en-GB") for w in WIDTHS}
    yield made
    for c in made.values():
        c.close()
