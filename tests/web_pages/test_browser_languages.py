"""In Chromium at 1280 and 390 px: a treaty's page in each of the six interface languages has
its statement headings in that language (lang attribute and all), fits the screen and is
axe-clean; full-text search across scripts marks the hits in the original text."""

from __future__ import annotations

import pytest

from .browser_kit import SHOTS, WIDTHS, axe_findings

pytestmark = pytest.mark.slow

LANGUAGES = ("en", "uz-Latn", "uz-Cyrl", "kaa", "kk", "ru")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_treaty_page_headings_in_each_language(contexts, server, lang, width):
    page = contexts[width].new_page()
    try:
        page.goto(f"{server}/page/agreement/treaty-on-allied-relations?lang={lang}")
        assert page.evaluate("document.documentElement.lang") == lang
        langs = page.evaluate("""() => Array.from(document.querySelectorAll('table.properties th[scope=row]'))
            .map(th => [th.lang, th.querySelector('.tag.fallback') !== null])""")
        assert len(langs) >= 5
        # Every heading of a labelled property is in the interface language; none is marked.
        assert all(tag.lower() == lang.lower() and not marked for tag, marked in langs), langs
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{lang} at {width}px is {overflow}px wider than the screen"
        if lang in ("ru", "kaa"):
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"treaty-{lang}-{width}.png"))
        found = axe_findings(page)
        assert not found, found
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_full_text_search_across_scripts(contexts, server, width):
    page = contexts[width].new_page()
    try:
        page.goto(f"{server}/search?q=Toshkent")
        marks = page.locator("ol.text-hits .kwic mark").all_text_contents()
        # Тошкентда (the Uzbek Cyrillic briefing) and Toshkent (the Latin concept) both found.
        assert "Тошкент" in marks and "Toshkent" in marks
        cyrillic = page.locator("ol.text-hits .kwic", has_text="Тошкентда").first
        assert cyrillic.get_attribute("lang") == "uz-Cyrl"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#in-texts").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"search-texts-{width}.png"))
        found = axe_findings(page)
        assert not found, found
    finally:
        page.close()
