"""Cancel on the query page, in real Chromium: the button stops the query on the server (the
engine process running it is replaced), not only the page's wait for it, and the server then
answers the next query at once."""

from __future__ import annotations

import os
import threading

import pytest

from ittifoq.web import cancel

from .conftest import CHROMIUM
from .test_browser_a11y import _set_query, wait_until

pytestmark = pytest.mark.slow

if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
if not os.environ.get("CI"):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

# Hours of work on any data: 200^4 rows made from nothing.
_VALUES = " ".join(map(str, range(200)))
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?{v} {{ {_VALUES} }}" for v in "abcd") + " }"


@pytest.fixture
def own_server(kg, config):
    """A server of its own (its engine process is the one the test watches), with a time
    limit far longer than the test."""
    import waitress

    from ittifoq.web import ServerSettings, create_app

    app = create_app(ServerSettings(query_threads=2, timeout=300), kg=kg, config=config)
    srv = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.effective_port}", app
    finally:
        srv.close()
        app.extensions["ittifoq"].close()




def test_cancel_stops_the_query_on_the_server(browser, own_server):
    url, app = own_server
    sup, tickets = app.extensions["ittifoq"].engine, cancel.registry(app)
    before = sup._engine
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(url + "/query")
        _set_query(page, ENDLESS)
        page.locator("#run").click()
        wait_until(page, "!document.querySelector('#cancel').disabled")
        # The query has reached the engine (its id is known to the server) before Cancel.
        assert _wait_for(lambda: any(t.sent is not None for t in tickets.tickets()))
        page.locator("#cancel").click()
        wait_until(page, "document.querySelector('#status').textContent === 'Cancelled'")
        assert page.locator("#run").is_enabled() and page.locator("#cancel").is_disabled()
        # On the server: the engine process that ran it is killed and reaped, and replaced,
        # long before the 300 s time limit.
        assert before.ended.wait(60) and before.process.exitcode == -9
        assert before.killed == cancel.REASON and sup.kills == 0
        assert _wait_for(lambda: not tickets.tickets())  # its request has ended too
        _set_query(page, "SELECT (COUNT(*) AS ?n) WHERE { ?d a itt:SourceDocument }")
        page.locator("#run").click()
        wait_until(page, "document.querySelector('#results td') !== null")
        assert page.locator("#results td").first.text_content().split()[0] == "5"
        assert sup._engine is not before
    finally:
        context.close()
    assert not errors, errors


def _wait_for(condition, within: float = 60.0) -> bool:
    import time

    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
