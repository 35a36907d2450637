"""Every main page in real Chromium at 1280 and 390 px: axe-core finds nothing serious or
critical, nothing is wider than the screen, the skip link is the first stop of Tab and leads
to the content, focus is visible, headings go down one level at a time, and <html lang> is the
interface language. Screenshots of each page at both widths are written to build/screenshots/
for people to look at. Then the query page's editor and results, at both widths.

The pages serve the built data, whose quotes say which statements they support."""

from __future__ import annotations

import pytest

from .browser_kit import (
    WIDTHS,
    axe_findings,
    check_page,
    heading_levels,
    overflow,
    screenshot,
    skip_without_a_browser,
    wait_until,
)

pytestmark = pytest.mark.slow
skip_without_a_browser()

PAGES = {
    "landing": "/",
    "person": "/page/person/shavkat-mirziyoyev",
    "treaty": "/page/agreement/treaty-on-allied-relations",
    "document": "/page/document/dunyo-strategic-partnership-new-era",
    "evidence": "/page/evidence/president-uz-allied-relations-briefing/1145-1245",
    "state": "/page/state/UZ",
    "event": "/page/event/2022-12-tokayev-state-visit-to-uzbekistan",
    "search": "/search?q=Mirziyoyev",
    "timeline": "/timeline",
    "list": "/page/agreement/",
    "classes": "/browse?lang=kaa",
    "query-error": "/query?query=SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20persn%3Aname%20%3Fy%20%7D",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible_and_fits_the_screen(contexts, server, name, width):
    page = contexts[width].new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(server + PAGES[name])
        page.wait_for_load_state("networkidle")
        # Tab: first the skip link, visibly focused; Enter moves to the content.
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
            return { cls: el.className, outline: s.outlineStyle, top: el.getBoundingClientRect().top }; }""")
        assert focused["cls"] == "skip-link" and focused["outline"] != "none" and focused["top"] >= 0
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "content"
        if name == "query-error":
            page.locator("#run").click()
            page.wait_for_selector("#message.error")
        assert page.evaluate("document.documentElement.lang") == ("kaa" if "lang=kaa" in PAGES[name] else "en")
        wider = overflow(page)
        assert wider <= 0, f"{name} at {width}px is {wider}px wider than the screen"
        # Headings in order: one h1 first, and never a level skipped on the way down.
        levels = heading_levels(page)
        assert levels[0] == 1 and levels.count(1) == 1, levels
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
        # The first screen, as a reader sees it, and the whole page.
        page.evaluate("window.scrollTo(0, 0)")
        screenshot(page, f"{name}-{width}")
        screenshot(page, f"{name}-{width}-full", full=True)
        found = axe_findings(page)
        assert not found, found
        assert not errors, errors
    finally:
        page.close()


def _set_query(page, text: str) -> None:
    page.evaluate("t => document.querySelector('.CodeMirror').CodeMirror.setValue(t)", text)


@pytest.mark.parametrize("width", WIDTHS)
def test_query_editor_colours_completes_marks_errors_and_lets_tab_out(contexts, server, width):
    page = contexts[width].new_page()
    try:
        page.goto(server + "/query")
        assert page.locator(".CodeMirror .cm-keyword").count() >= 1  # syntax colouring
        # the predeclared prefixes are listed
        assert page.locator("#prefixes code", has_text="person:").count() == 1
        # completion: a prefix, then the ontology's terms after itt:
        _set_query(page, "SELECT * WHERE { ?s a ")
        page.evaluate("document.querySelector('.CodeMirror').CodeMirror.execCommand('goDocEnd')")
        page.locator(".CodeMirror textarea").focus()
        page.keyboard.type("itt:StateV")
        page.wait_for_selector(".CodeMirror-hints li")
        assert "itt:StateVisit" in page.locator(".CodeMirror-hints").text_content()
        page.keyboard.press("Escape")
        # Tab leaves the editor (no trap)
        page.locator(".CodeMirror textarea").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "run"
        # an unknown prefix, in plain words, marked at its place
        page.on("console", lambda m: None)
        _set_query(page, "SELECT ?n WHERE {\n  ?x persn:name ?n\n}")
        page.locator("#run").click()
        page.wait_for_selector("#message.error")
        text = page.locator("#message").text_content()
        assert "unknown prefix `persn:` — did you mean `person:`?" in text and "line 2, column 6" in text
        assert page.locator(".cm-error-mark").text_content() == "persn:"
        _set_query(page, "SELCT ?x WHERE { ?x ?p ?o } LIMIT 1")
        page.locator("#run").click()
        wait_until(page, "document.querySelector('#message').textContent.includes('SELCT')")
        assert "did you mean `SELECT`?" in page.locator("#message").text_content()
        check_page(page, f"query page with an error at {width}px")
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_query_results_labels_sorting_paging_downloads_and_shared_link(contexts, server, width):
    from urllib.parse import quote

    page = contexts[width].new_page()
    try:
        query = "SELECT ?p WHERE { ?p a itt:Person } ORDER BY ?p"
        page.goto(f"{server}/query?query={quote(query)}")  # a shared link runs its query
        page.wait_for_selector("#results td.label-col span:not(:empty)")
        headers = page.locator("#results th").all_text_contents()
        assert headers[:2] == ["p", "p label"]
        labels = page.locator("#results td.label-col").all_text_contents()
        assert "Shavkat Mirziyoyev" in labels
        page.locator("#results th button", has_text="p label").click()
        after = page.locator("#results td.label-col").all_text_contents()
        assert after == sorted(after, key=str.casefold) or after == sorted(after)
        link = page.locator("#download-results a[data-format='csv']")
        assert link.get_attribute("download") == "query-results.csv"
        # paging past 100 rows
        big = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 250"
        _set_query(page, big)
        page.locator("#run").click()
        wait_until(page, "document.querySelector('#page-info').textContent.includes('/ 250')")
        assert page.locator("#results tbody tr").count() == 100
        page.locator("#next-page").click()
        assert page.locator("#page-info").text_content().startswith("101–200")
        # cancel: a running query can be abandoned
        assert page.locator("#cancel").is_disabled()
        check_page(page, f"query results, page 2, at {width}px")
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_document_page_full_text_overlaps_and_search_hits(contexts, server, width):
    page = contexts[width].new_page()
    try:
        # full-text search finds the words in the document's text and links to their place
        page.goto(server + "/search?q=" + "23-ноябрьде")
        hit = page.locator("ol.text-hits li a").first
        assert page.locator("ol.text-hits mark").first.text_content().casefold() == "23-ноябрьде"
        hit.click()
        page.wait_for_selector(".document-text mark.found")
        assert page.locator(".document-text mark.found").first.text_content() == "23-ноябрьде"
        assert page.locator(".document-text mark.found").first.is_visible()
        # the whole text, no scroll box, also in print
        page.emulate_media(media="print")
        box = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.document-text .text'));
            return [s.maxHeight, s.overflowY]; }""")
        assert box == ["none", "visible"]
        page.emulate_media(media="screen")
        # passages quoted by several facts are drawn darker than those quoted once
        single = page.locator(".document-text mark.depth-1").first.evaluate("e => getComputedStyle(e).backgroundColor")
        overlapping = page.locator(".document-text mark.depth-2, .document-text mark.depth-3")
        assert overlapping.count() >= 1
        assert overlapping.first.evaluate("e => getComputedStyle(e).backgroundColor") != single
        # the source's metadata: plain-text download offered
        assert page.locator("a[href^='/text/document/']").count() == 1
        check_page(page, f"document with a search hit marked at {width}px")
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_cancel_abandons_a_running_query(contexts, server, width):
    # Last: Cancel stops the query on the server too (tests/web_pages/test_browser_cancel.py).
    page = contexts[width].new_page()
    try:
        page.goto(server + "/query")
        _set_query(page, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        page.locator("#run").click()
        wait_until(page, "!document.querySelector('#cancel').disabled")
        page.locator("#cancel").click()
        wait_until(page, "document.querySelector('#status').textContent === 'Cancelled'")
        assert page.locator("#run").is_enabled() and page.locator("#cancel").is_disabled()
        check_page(page, f"query page after Cancel at {width}px")
    finally:
        page.close()
