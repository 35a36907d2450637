"""The pages in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright,
against the real application served by waitress on a free local port.

Skipped only where Chromium (or Playwright) is missing and ``CI`` is not set; in CI a missing
browser is a failure. Screenshots go to the temporary folder (``ITTIFOQ_SCREENSHOTS`` to
choose another) for people to look at.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from .conftest import CHROMIUM

pytestmark = pytest.mark.slow

SHOTS = Path(os.environ.get("ITTIFOQ_SCREENSHOTS", tempfile.gettempdir()))

# dunyo-strategic-partnership-new-era, the sentence on the establishment of diplomatic relations
DUNYO_QUOTE = "Өзбекстан ҳәм Қазақстан арасында дипломатиялық қатнасықлар 1992-жыл 23-ноябрьде орнатылған."

if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
if not os.environ.get("CI"):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


@pytest.fixture
def page(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    problems: list[str] = []
    outside: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:")) else None)
    pg.expected_problems = []  # substrings of messages a test provokes on purpose
    yield pg
    context.close()
    problems = [m for m in problems if not any(e in m for e in pg.expected_problems)]
    assert not problems, problems
    assert not outside, f"the page reached outside the server: {outside}"


def test_example_query_runs_and_shows_rows(page, server):
    page.goto(f"{server}/query")
    example = page.locator("button.example[data-name^='01-']")
    if example.count() == 0:
        example = page.locator("button.example").first
    example.click()
    page.wait_for_selector("#results table tbody tr")
    rows = page.locator("#results table tbody tr")
    assert rows.count() >= 1
    assert "row" in page.locator("#status").text_content()
    # 01 asks when diplomatic relations were established: the Karakalpak document says 23 November 1992.
    assert "1992-11-23" in page.locator("#results").text_content()
    # IRIs in the results link to the server's own pages
    link = page.locator("#results a[href^='/page/document/']").first
    assert link.count() == 1
    # and every download format is offered for the query just run
    assert page.locator("#download-results a[data-format='csv']").get_attribute("href").startswith("/sparql?query=")
    page.screenshot(path=str(SHOTS / "ittifoq-query-page.png"), full_page=True)

    # A syntax error: the endpoint answers 400 with the parser's message, shown on the page.
    page.expected_problems.append("status of 400")
    page.evaluate("document.querySelector('.CodeMirror').CodeMirror.setValue('SELECT ?x WHERE { ?x ?y }')")
    page.locator("#run").click()
    page.wait_for_selector("#message.error")
    assert page.locator("#message").is_visible()
    message = page.locator("#message").text_content()
    assert "400" in message and "object" not in message  # the parser's words, not a JS object
    assert "line 1, column 26" in message  # the parser's position, in words
    assert page.locator(".cm-error-line").count() == 1
    page.screenshot(path=str(SHOTS / "ittifoq-query-error.png"))


def test_resource_page_highlights_evidence(page, server):
    # Through the IRI, as a linked-data client would: /id/ answers 303 to the page.
    page.goto(f"{server}/id/relation/uz-kz-diplomatic-relations")
    assert page.url.startswith(f"{server}/page/relation/uz-kz-diplomatic-relations")
    marks = page.locator("section.evidence mark")
    assert marks.count() >= 2
    texts = [" ".join(t.split()) for t in marks.all_text_contents()]
    assert DUNYO_QUOTE in texts
    mark = marks.nth(texts.index(DUNYO_QUOTE))
    assert mark.is_visible()
    background = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(SHOTS / "ittifoq-resource-page.png"), full_page=True)

    # "show in the document" leads to the quote's place in the whole text, emphasised.
    item = page.locator("ol.quotes li", has=page.locator("mark", has_text="1992-жыл 23-ноябрьде"))
    item.locator("a", has_text="show in the document").click()
    page.wait_for_url("**/page/document/dunyo-strategic-partnership-new-era**#ev-*")
    current = page.locator(".document-text mark.current")
    assert current.count() >= 1
    assert " ".join(" ".join(current.all_text_contents()).split()) == DUNYO_QUOTE
    assert current.first.is_visible()
    page.screenshot(path=str(SHOTS / "ittifoq-document-page.png"))


def test_search_from_the_header_in_cyrillic(page, server):
    page.goto(f"{server}/")
    box = page.locator("header input[name=q]")
    box.fill("Мирзиёев")
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    first = page.locator("ol.hits li a.hit").first
    assert first.text_content().strip() == "Shavkat Mirziyoyev"
    first.click()
    assert page.url.endswith("/page/person/shavkat-mirziyoyev")


def test_timeline_links_to_pages(page, server):
    page.goto(f"{server}/timeline?all=1")
    item = page.locator("svg.timeline a[href='/page/relation/uz-kz-diplomatic-relations']")
    assert item.count() == 1
    item.click()
    assert page.url.endswith("/page/relation/uz-kz-diplomatic-relations")
