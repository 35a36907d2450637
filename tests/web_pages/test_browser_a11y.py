"""Every main page in real Chromium at 1280 and 390 px: axe-core finds nothing serious or
critical, nothing is wider than the screen, the skip link is the first stop of Tab and leads
to the content, focus is visible, and <html lang> is the interface language. Screenshots of
each page at both widths are written to build/screenshots/ for people to look at.

axe-core is vendored (tests/web_pages/vendor/axe-core/, MPL-2.0) and injected from disk: the
tests fetch nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import CHROMIUM

pytestmark = pytest.mark.slow

if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
if not os.environ.get("CI"):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"

PAGES = {
    "landing": "/",
    "person": "/page/person/shavkat-mirziyoyev",
    "treaty": "/page/agreement/treaty-on-allied-relations",
    "document": "/page/document/dunyo-strategic-partnership-new-era",
    "search": "/search?q=Mirziyoyev",
    "timeline": "/timeline",
    "list": "/page/agreement/",
    "classes": "/browse?lang=kaa",
    "query-error": "/query?query=SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20persn%3Aname%20%3Fy%20%7D",
}
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def contexts(browser):
    made = {w: browser.new_context(viewport={"width": w, "height": 900}, locale="en-GB") for w in WIDTHS}
    yield made
    for c in made.values():
        c.close()


def wait_until(page, expression: str, within_ms: int = 15_000) -> None:
    """Wait until a JavaScript expression holds in the page. Evaluated through the DevTools
    protocol, which the pages' Content-Security-Policy does not cover (Playwright's
    wait_for_function would evaluate it with eval, which the policy rightly forbids)."""
    page.evaluate(f"""() => new Promise((resolve, reject) => {{
        const until = Date.now() + {within_ms};
        (function poll() {{
            if ({expression}) resolve(true);
            else if (Date.now() > until) reject(new Error("not reached: " + {expression!r}));
            else setTimeout(poll, 50);
        }})();
    }})""")


def _axe(page) -> list[dict]:
    # Injected through the DevTools protocol (a script tag would be refused by the CSP).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


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
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px is {overflow}px wider than the screen"
        SHOTS.mkdir(parents=True, exist_ok=True)
        # The first screen, as a reader sees it, and the whole page.
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"))
        page.screenshot(path=str(SHOTS / f"{name}-{width}-full.png"), full_page=True)
        found = _axe(page)
        assert not found, found
        assert not errors, errors
    finally:
        page.close()


def test_interface_language_and_lang_attributes(contexts, server):
    page = contexts[390].new_page()
    try:
        page.goto(server + "/page/relation/uz-kz-diplomatic-relations?lang=uz-Cyrl")
        assert page.evaluate("document.documentElement.lang") == "uz-Cyrl"
        assert page.locator("h2", has_text="Тасдиқлар").count() == 1
        # the Karakalpak quote is marked as Karakalpak, whatever the interface language
        assert page.locator("blockquote[lang='kaa']").count() >= 1
        # the choice is kept across the menu
        page.locator("header nav.menu a").first.click()
        assert "lang=uz-Cyrl" in page.url
        assert page.evaluate("document.documentElement.lang") == "uz-Cyrl"
    finally:
        page.close()


def test_cite_button_shows_the_citation(contexts, server):
    page = contexts[1280].new_page()
    try:
        page.goto(server + "/page/agreement/treaty-on-allied-relations")
        page.locator("details.cite-box summary").click()
        wait_until(page, "document.querySelector('pre.cite-text').textContent.length > 0")
        text = page.locator("pre.cite-text").text_content()
        assert "https://w3id.org/ittifoq/id/agreement/treaty-on-allied-relations" in text and "Accessed" in text
    finally:
        page.close()


def test_type_ahead_suggests_with_type(contexts, server):
    page = contexts[390].new_page()
    try:
        page.goto(server + "/search")
        box = page.locator("main input[name=q]")
        box.press_sequentially("Tokay")
        page.wait_for_selector("main ul.suggestions li a")
        first = page.locator("main ul.suggestions li a").first
        assert "Kassym-Jomart Tokayev" in first.text_content()
        box.press("ArrowDown")
        box.press("Enter")
        page.wait_for_url("**/page/person/kassym-jomart-tokayev**")
    finally:
        page.close()


def _set_query(page, text: str) -> None:
    page.evaluate("t => document.querySelector('.CodeMirror').CodeMirror.setValue(t)", text)


def test_query_editor_colours_completes_marks_errors_and_lets_tab_out(contexts, server):
    page = contexts[1280].new_page()
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
    finally:
        page.close()


def test_query_results_labels_sorting_paging_downloads_and_shared_link(contexts, server):
    from urllib.parse import quote

    page = contexts[1280].new_page()
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
    finally:
        page.close()


def test_document_page_full_text_overlaps_and_search_hits(contexts, server):
    page = contexts[390].new_page()
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
    finally:
        page.close()


def test_lists_sort_and_filter(contexts, server):
    page = contexts[390].new_page()
    try:
        page.goto(server + "/class/Agreement")
        rows = page.locator("#list-table tbody tr")
        total = rows.count()
        page.locator("#list-filter").fill("treaty")
        visible = [r for r in rows.all() if r.is_visible()]
        assert 0 < len(visible) < total
        assert all("treaty" in r.text_content().casefold() for r in visible)
        page.locator("#list-filter").fill("")
        page.locator("#list-table th button", has_text="Name").click()
        names = [n.strip() for n in page.locator("#list-table tbody td:first-child").all_text_contents()]
        assert names == sorted(names, key=str.casefold) or names == sorted(names, key=lambda n: n.lower())
        assert page.locator("#list-table th[aria-sort='ascending']").text_content().strip().startswith("Name")
    finally:
        page.close()


def test_cancel_abandons_a_running_query(contexts, server):
    # Last: Cancel stops the query on the server too (tests/web_pages/test_browser_cancel.py).
    page = contexts[1280].new_page()
    try:
        page.goto(server + "/query")
        _set_query(page, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        page.locator("#run").click()
        wait_until(page, "!document.querySelector('#cancel').disabled")
        page.locator("#cancel").click()
        wait_until(page, "document.querySelector('#status').textContent === 'Cancelled'")
        assert page.locator("#run").is_enabled() and page.locator("#cancel").is_disabled()
    finally:
        page.close()
