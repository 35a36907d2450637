"""Evidence per statement on the pages (no browser: the test client): under each value, the
quotes that support that statement, with their document's tag; under each quote, the
statements it supports; quotes that name no statement stay evidence for the whole fact.

Expected quotes are read from the documents: the Treaty on Allied Relations' signing month is
given only by president-uz-allied-relations-briefing ("Иттифоқчилик муносабатлари тўғрисидаги
шартноманинг имзолангани ташрифнинг энг муҳим натижаси бўлди", the signing was the most
important result of the visit, dated by the document); the establishment of diplomatic
relations is dated 23 November 1992 by dunyo-strategic-partnership-new-era and November 1992 by
khayrullaev-uzbekistan-kazakhstan-cooperation.
"""

from __future__ import annotations

import html
import re

import pytest

from .without_supports import RELATIONS, write

TREATY = "/page/agreement/treaty-on-allied-relations"
RELATION = "/page/relation/uz-kz-diplomatic-relations"
BRIEFING = "president-uz-allied-relations-briefing"
SIGNING_QUOTE = "Иттифоқчилик муносабатлари тўғрисидаги шартноманинг имзолангани ташрифнинг энг муҳим натижаси бўлди."


def _text(fragment: str) -> str:
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()
    return re.sub(r" ([:,;])", r"\1", text)


def statement_row(page: str, short: str) -> str:
    """The row of the statements table for the property ``short`` (``itt:signingDate``)."""
    section = page[page.index('id="properties"'):]
    at = section.index(f'<div class="iri">{short}</div>')
    return section[at:section.index("</tr>", at)]


def value_item(row: str, text: str) -> str:
    """The <li> of the value that shows ``text``."""
    items = re.split(r'\n?\s*<li>(?=<(?:a|span) )', row)
    found = [i for i in items if text in _text(i.split('<details class="refs">')[0])]
    assert len(found) == 1, (text, [_text(i)[:80] for i in items])
    return found[0]


def quotes_in(item: str) -> list[tuple[str, str]]:
    """(quote, document tag) of each quote folded under one value."""
    if '<details class="refs">' not in item:
        return []
    refs = item[item.index('<details class="refs">'):item.index("</details>")]
    return [(_text(q), _text(tag)) for q, tag in
            re.findall(r'<q[^>]*>(.*?)</q>\s*<span class="ref-source">\s*(<a class="graph"[^>]*>.*?</a>)', refs, re.S)]


@pytest.fixture(scope="module")
def treaty(app):
    return app.test_client().get(TREATY).get_data(as_text=True)


def test_the_signing_date_shows_the_one_quote_that_gives_it(treaty):
    item = value_item(statement_row(treaty, "itt:signingDate"), "2022-12")
    assert quotes_in(item) == [(SIGNING_QUOTE, BRIEFING)]
    assert "1 quote" in _text(item[item.index("<summary>"):item.index("</summary>")])
    # the quote carries the document's language, so a screen reader reads it as Uzbek
    assert re.search(r'<q lang="uz-Cyrl">' + re.escape(SIGNING_QUOTE), item)
    # the summary at the top says when, and which quote says so
    summary = treaty[treaty.index('id="summary"'):treaty.index("</dl>")]
    when = summary[:summary.index("</dd>")]
    assert "December 2022" in when and SIGNING_QUOTE in _text(when)
    # the other six quotes are not offered as evidence of the date
    assert len(re.findall(r"<blockquote", treaty)) >= 7
    assert _text(when).count("characters") == 1


def test_the_quote_stands_in_its_document_at_its_offsets(client, treaty):
    item = value_item(statement_row(treaty, "itt:signingDate"), "2022-12")
    start, end = map(int, re.search(r"characters (\d+)–(\d+)", _text(item)).groups())
    text = client.get(f"/text/document/{BRIEFING}").get_data(as_text=True)
    assert " ".join(text[start:end].split()) == SIGNING_QUOTE  # the text breaks its lines


def test_each_value_has_the_quotes_of_its_own_document(client):
    page = client.get(RELATION).get_data(as_text=True)
    row = statement_row(page, "itt:startDate")
    day = quotes_in(value_item(row, "1992-11-23"))
    month = quotes_in(value_item(row, "1992-11 "))
    assert [tag for _, tag in day] == ["dunyo-strategic-partnership-new-era"]
    assert "23-ноябрьде" in day[0][0]
    assert [tag for _, tag in month] == ["khayrullaev-uzbekistan-kazakhstan-cooperation"]
    assert "1992 йил ноябрь ойида" in month[0][0]


def test_each_quote_lists_the_statements_it_supports(treaty):
    evidence = treaty[treaty.index('id="evidence"'):]
    at = evidence.index('<div class="supports">', evidence.index(SIGNING_QUOTE))
    supports = _text(evidence[at:evidence.index("</div>", at)])
    assert supports.startswith("Supports:")
    assert "signing date: 2022-12" in supports and "signed during" in supports
    assert "party" not in supports  # the briefing's sentence names no party


def test_the_evidence_page_lists_what_its_quote_supports(client, treaty):
    evidence = treaty[treaty.index('id="evidence"'):]
    after_quote = evidence[evidence.index(SIGNING_QUOTE):]
    link = re.search(r'href="(/page/evidence/' + BRIEFING + r'/\d+-\d+)"', after_quote).group(1)
    page = client.get(link).get_data(as_text=True)
    assert re.search(r'<h1 lang="uz-Cyrl">“Иттифоқчилик', page)  # its name is the quote, in its language
    quote = page[page.index('id="evidence"'):]
    supports = _text(quote[quote.index('class="supports"'):quote.index("</div>", quote.index('class="supports"'))])
    assert "Treaty on Allied Relations between Uzbekistan and Kazakhstan — " in supports
    assert "signing date: 2022-12" in supports


def test_statements_pointing_here_show_their_quotes(treaty):
    # The two ratification laws name the treaty (itt:ratifies): "ratified by" on its page.
    incoming = treaty[treaty.index('id="incoming"'):]
    row = incoming[incoming.index("ratified by"):]
    row = row[:row.index("</tr>")]
    assert "Қосим-Жомарт Тоқаев Қозоғистон ва Ўзбекистоннинг" in _text(row)
    assert "Senat yalpi majlisida" in _text(row)


@pytest.fixture(scope="module")
def unscoped_client(kg, config, tmp_path_factory):
    """The data with no quote of the diplomatic relations naming what it supports (as data
    loaded with --data may be)."""
    from ittifoq.store import KnowledgeGraph

    from .conftest import make_app

    path = write(kg.source.paths[0], tmp_path_factory.mktemp("unscoped") / "data.nq", (RELATIONS,))
    app = make_app(KnowledgeGraph.from_files([path]), config)
    yield app.test_client()
    app.extensions["ittifoq"].close()


def test_quotes_that_name_no_statement_are_evidence_for_the_whole_fact(unscoped_client):
    page = unscoped_client.get(RELATION).get_data(as_text=True)
    evidence = page[page.index('id="evidence"'):]
    assert evidence.count("<blockquote") == 3  # dunyo, interstate, khayrullaev
    assert evidence.count("evidence for the whole fact") == 3
    statements = page[page.index('id="properties"'):page.index('id="evidence"')]
    assert '<details class="refs">' not in statements
    row = statement_row(page, "itt:startDate")
    assert _text(row).count("quoted for the whole fact") == 2  # one per value


def test_the_document_page_names_what_each_passage_supports(client):
    page = client.get(f"/page/document/{BRIEFING}").get_data(as_text=True)
    notes = page[page.index('class="notes"'):page.index("</ol>", page.index('class="notes"'))]
    item = next(li for li in notes.split("<li ")[1:] if f"“{SIGNING_QUOTE}”" in _text(li))
    assert re.search(r"Treaty on Allied Relations between Uzbekistan and Kazakhstan \([^)]*signing date[^)]*\)",
                     _text(item))
