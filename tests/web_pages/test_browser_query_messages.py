"""The query page shows the server's own words for a refused query (``ittifoq.query_hints``,
one source of truth: the page computes none), marks the place, and keeps the parser's message
in a disclosure; in Chromium at 1280 and 390 px, with axe-core clean and nothing wider than
the screen."""

from __future__ import annotations

import pytest

from .browser_kit import SHOTS, WIDTHS, axe_findings, wait_until

pytestmark = pytest.mark.slow

CASES = [
    ("SELECT ?n WHERE {\n  ?x persn:name ?n\n}",
     "line 2, column 6: unknown prefix `persn:` — did you mean `person:`?", "persn:"),
    ("SELCT ?x WHERE { ?x ?p ?o } LIMIT 1",
     "line 1, column 1: `SELCT` is not a SPARQL keyword — did you mean `SELECT`?", "SELCT"),
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  OPTIONAL { ?s ?q ?r }\n",
     "line 1, column 16: `{` is never closed: add `}`", "{"),
]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_shows_the_server_s_words_and_marks_the_place(contexts, server, width):
    page = contexts[width].new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    answers: list[str] = []
    page.on("response", lambda r: answers.append(r.text()) if r.url.endswith("/sparql") and r.status == 400 else None)
    try:
        page.goto(server + "/query")
        # No plain-words logic of its own any more: only the server's.
        assert page.evaluate("typeof window.IttifoqQueryWords") == "undefined"
        for i, (query, words, marked) in enumerate(CASES):
            page.evaluate("t => document.querySelector('.CodeMirror').CodeMirror.setValue(t)", query)
            page.locator("#run").click()
            wait_until(page, f"document.querySelector('#message.error') && "
                             f"document.querySelector('#message').textContent.includes({words.split(': ', 1)[1]!r})")
            shown = page.locator("#message").evaluate("el => el.firstChild.textContent")
            assert shown.startswith("400 ") and shown.endswith(" — " + words), shown
            # the same words the server sent (its 400's body), laid out, not recomputed
            assert answers and words.split(": ", 1)[1] in answers[-1]
            assert page.locator(".cm-error-mark").text_content() == marked
            # the parser's message, for experts, one click away
            details = page.locator("#message details")
            assert details.count() == 1 and not details.evaluate("d => d.open")
            details.locator("summary").click()
            assert "error at" in details.locator("code").text_content()
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"the query page at {width}px is {overflow}px wider than the screen"
            if i == 0:
                SHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SHOTS / f"query-error-words-{width}.png"))
                found = axe_findings(page)
                assert not found, found
        assert not errors, errors
    finally:
        page.close()
