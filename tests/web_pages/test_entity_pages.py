"""Entity pages, lists, citations and the interface languages (no browser: the test client)."""

from __future__ import annotations

import json
import re

from ittifoq.web.dates import date_words
from ittifoq.web.i18n import INTERFACE_LANGUAGES, MESSAGES_DIR


def test_dates_in_words_write_a_range_once():
    assert date_words("2022-12-21", "2022-12-22", "en") == "21–22 December 2022"
    assert date_words("2023", "2023", "en") == "2023"
    assert date_words("1992-11", "", "en") == "November 1992"
    assert date_words("2024-08-07", "2024-08-09", "ru") == "7–9 августа 2024"


def test_every_catalogue_has_every_english_key_and_marks_machine_translations():
    en = json.loads((MESSAGES_DIR / "en.json").read_text())["messages"]
    for tag in INTERFACE_LANGUAGES:
        data = json.loads((MESSAGES_DIR / f"{tag}.json").read_text())
        assert set(data["messages"]) == set(en), tag
        if tag != "en":
            assert data["review"], f"{tag}: machine-made strings must be marked for review"
        for key, text in data["messages"].items():
            assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", en[key])), (tag, key)


def test_html_lang_is_the_interface_language_not_the_request(client):
    assert '<html lang="kk">' in client.get("/?lang=kk").get_data(as_text=True)
    assert '<html lang="uz-Latn">' in client.get("/", headers={"Accept-Language": "uz"}).get_data(as_text=True)
    # An unsupported language asked for: the interface stays English.
    assert '<html lang="en">' in client.get("/?lang=de").get_data(as_text=True)
    page = client.get("/?lang=ru").get_data(as_text=True)
    assert "Исходные документы" in page
    # ?lang kept across the menu
    assert 'href="/search?lang=ru"' in page and 'href="/timeline?lang=ru"' in page


def test_quotes_and_texts_carry_their_own_language(client):
    page = client.get("/page/relation/uz-kz-diplomatic-relations").get_data(as_text=True)
    assert re.search(r'<blockquote lang="kaa">', page)
    doc = client.get("/page/document/dunyo-strategic-partnership-new-era").get_data(as_text=True)
    assert '<div class="text" lang="kaa">' in doc


def test_inverse_headings_are_english(client):
    page = client.get("/page/person/shavkat-mirziyoyev").get_data(as_text=True)
    incoming = page[page.index('id="incoming"'):]
    assert "offices held" in incoming and "chairs" in incoming
    assert not re.search(r">\s*is [^<]* of\s*<", incoming)


def test_person_page_lists_the_state_visit_recorded_by_office(client):
    # dunyo-strategic-partnership-new-era: the August 2024 state visit names only the President of Uzbekistan.
    page = client.get("/page/person/shavkat-mirziyoyev").get_data(as_text=True)
    events = page[page.index('id="events"'):page.index("</section>", page.index('id="events"'))]
    assert "7–9 August 2024" in events
    assert "as President of Uzbekistan" in events


def test_summary_at_the_top_with_dates_in_words(client):
    page = client.get("/page/person/shavkat-mirziyoyev").get_data(as_text=True)
    visit = re.search(r'href="(/page/event/[^"]+)"[^>]*>State visit of Shavkat Mirziyoyev to Kazakhstan, '
                      r"August 2024", page)
    assert visit
    event = client.get(visit.group(1)).get_data(as_text=True)
    summary = event[event.index('id="summary"'):event.index("</dl>")]
    assert "7–9 August 2024" in summary
    assert event.index('id="summary"') < event.index('id="properties"')


def test_class_lists_count_subclasses_and_agree_with_void(client):
    from ittifoq.web.void import CLASSES_QUERY  # noqa: F401  (the VoID figures are the reference)

    void = client.get("/void", headers={"Accept": "text/turtle"}).get_data(as_text=True)
    entities = int(re.search(r"void:entities (\d+)", void).group(1))
    landing = client.get("/").get_data(as_text=True)
    stats = re.sub(r"\D", "", re.search(r'id="stats">[^·]*·\s*([\d,]+)', landing).group(1))
    assert int(stats) == entities
    agreements = client.get("/class/Agreement").get_data(as_text=True)
    treaties = client.get("/class/Treaty").get_data(as_text=True)
    n_agreements = int(re.search(r'id="list-count">(\d+)', agreements).group(1))
    n_treaties = int(re.search(r'id="list-count">(\d+)', treaties).group(1))
    assert 0 < n_treaties < n_agreements
    people = client.get("/page/person/").get_data(as_text=True)
    assert "Shavkat Mirziyoyev" in people and "Kassym-Jomart Tokayev" in people


def test_cite_in_three_formats_and_by_content_negotiation(client):
    ev_page = client.get("/page/relation/uz-kz-diplomatic-relations").get_data(as_text=True)
    text = client.get("/cite/relation/uz-kz-diplomatic-relations?format=text").get_data(as_text=True)
    assert "https://w3id.org/ittifoq/id/relation/uz-kz-diplomatic-relations" in text
    assert "Characters" in text and "Accessed" in text
    bib = client.get("/cite/document/dunyo-strategic-partnership-new-era?format=bibtex").get_data(as_text=True)
    assert bib.startswith("@misc{document-dunyo-strategic-partnership-new-era,")
    assert "url = {https://w3id.org/ittifoq/id/document/dunyo-strategic-partnership-new-era}" in bib
    # the one document whose metadata names its web address cites that address
    bib = client.get("/cite/document/president-uz-allied-relations-briefing?format=bibtex").get_data(as_text=True)
    assert "url = {https://president.uz/uz/lists/view/5782}" in bib
    csl = client.get("/cite/document/dunyo-strategic-partnership-new-era",
                     headers={"Accept": "application/vnd.citationstyles.csl+json"})
    assert csl.status_code == 200 and json.loads(csl.data)[0]["issued"]["date-parts"]
    r = client.get("/id/document/dunyo-strategic-partnership-new-era", headers={"Accept": "application/x-bibtex"})
    assert r.status_code == 303 and "/cite/document/dunyo-strategic-partnership-new-era" in r.headers["Location"]
    assert "/cite/relation/uz-kz-diplomatic-relations" in ev_page
    assert client.get("/cite/relation/uz-kz-diplomatic-relations?format=doc").status_code == 400


def test_document_text_download(client):
    r = client.get("/text/document/dunyo-strategic-partnership-new-era")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"]
    assert "1992-жыл 23-ноябрьде" in r.get_data(as_text=True)


def test_search_counts_pages_and_searches_the_texts(client):
    page = client.get("/search?q=a&limit=5").get_data(as_text=True)
    total = int(re.search(r'id="hit-count" class="hint">(\d+)', page).group(1))
    assert total > 5 and 'rel="next"' in page
    texts = client.get("/search?q=ноябрьде").get_data(as_text=True)
    assert "<mark>ноябрьде</mark>" in texts
    sugg = client.get("/search/suggest?q=Mirz").get_json()
    assert sugg["results"][0]["label"] == "Shavkat Mirziyoyev"


def test_every_interface_string_used_is_in_the_catalogue():
    from pathlib import Path

    web = Path(__file__).resolve().parents[2] / "server" / "ittifoq" / "web"
    en = json.loads((MESSAGES_DIR / "en.json").read_text())["messages"]
    used = set()
    for path in [*web.glob("templates/*.html"), *web.glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\(['\"]([a-z_.]+)['\"]", text))
        used |= set(re.findall(r"\btranslate\(['\"]([a-z_.]+)['\"]", text))
        used |= set(re.findall(r'\("(summary\.[a-z_]+)"', text))
        used |= set(re.findall(r'"(timeline\.(?!html|timeline)[a-z_]+)"', text))
    assert used and not used - set(en), sorted(used - set(en))
