"""A curator reviews a new document in each of uz-Cyrl, uz-Latn, kk and ru in real Chromium
(1280 px), on the review page of ``serve --review`` (in a copy of the project's data): each is
ingested and suggested, then its candidates are decided on the page (accepted, edited,
rejected with a reason, mentions accepted in bulk), and what is written is checked in the
facts and reference files and the built graph. axe-core finds nothing serious on the page.
How long each review took (seconds, and the clicks and fields filled) is written to
build/review-timings.json and printed."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from ittifoq.grow.ingest import ingest
from ittifoq.grow.review import load, short_id
from ittifoq.grow.suggest import run

from .browser_kit import axe_findings
from .conftest import CHROMIUM

pytestmark = pytest.mark.slow

if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
if not os.environ.get("CI"):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

FIXTURES = ROOT / "tests/grow/fixtures"
DOCS = {"uz-cyrl-call": ("uz-Cyrl-call.txt", "2025-11-14"), "uz-latn-commission": ("uz-Latn-commission.txt",
                                                                                    "2025-11-14"),
        "kk-meeting": ("kk-meeting.txt", "2025-11-14"), "ru-visit": ("ru-visit.txt", "2022-12-23")}
TIMINGS = ROOT / "build" / "review-timings.json"
APPLY_MS = 600_000  # an apply runs the build and the shapes: half a minute to two on a busy 2-core machine


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import waitress

    from ittifoq.web import ServerSettings, create_app, review

    config = copy_project(tmp_path_factory.mktemp("review-browser") / "project")
    for slug, (name, published) in DOCS.items():
        ingest(config, FIXTURES / name, slug, published=published)
        run(config, slug)
    app = create_app(ServerSettings(query_threads=1), config=config)
    state = review.install(app, config)
    srv = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=srv.run, daemon=True).start()
    yield f"http://127.0.0.1:{srv.effective_port}", state, config
    srv.close()
    app.extensions["ittifoq"].close()


@pytest.fixture(scope="module")
def timings():
    found: dict[str, dict] = {}
    yield found
    TIMINGS.parent.mkdir(exist_ok=True)
    TIMINGS.write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\nreview timings:", json.dumps(found, ensure_ascii=False))


class Curator:
    """The page and a count of what the curator did on it."""

    def __init__(self, page, slug, config):
        self.page, self.slug, self.config = page, slug, config
        self.clicks = self.fields = self.decisions = 0

    def sid(self, kind, what="", exact=None):
        hits = [c for c in load(self.config, self.slug) if c.kind == kind and what in (c.body_iri or c.assertion)
                and exact in (None, c.exact)]
        assert len(hits) == 1, [c.assertion for c in hits]
        return short_id(hits[0], self.slug)

    def decide(self, sid, op, reason=None):
        self.page.locator(f'input[name="op-{sid}"][value="{op}"]').check()
        self.clicks += 1
        self.decisions += 1
        if reason:
            self.page.locator(f"#reason-{sid}").fill(reason)
            self.fields += 1

    def edit(self, sid, **values):
        details = self.page.locator(f"#c-{sid} details.edit")
        if not details.evaluate("d => d.open"):
            details.locator("summary").click()
            self.clicks += 1
        for key, value in values.items():
            self.page.locator(f'input[name="edit-{sid}-{key.replace("_", "@")}"]').fill(value)
            self.fields += 1

    def submit(self, button="#apply"):
        with self.page.expect_navigation(timeout=APPLY_MS):
            self.page.locator(button).click(timeout=APPLY_MS)
        self.clicks += 1
        done = self.page.locator("p.done")
        assert done.count() == 1, (self.page.locator("p.error").all_text_contents() or self.page.content()[:600])
        return done.text_content()


def facts(config, slug):
    return (config.facts_dir / f"{slug}.ttl").read_text(encoding="utf-8")


def _review(browser, site, slug, steps, timings):
    base, state, config = site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        t0 = time.perf_counter()
        page.goto(f"{base}/review/{slug}?token={state.token}")
        assert page.url == f"{base}/review/{slug}"  # the token left the address
        found = axe_findings(page)
        assert not found, found
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        curator = Curator(page, slug, config)
        steps(curator)
        timings[slug] = {"seconds": round(time.perf_counter() - t0, 1), "decisions": curator.decisions,
                         "clicks": curator.clicks, "fields": curator.fields,
                         "candidates": len(load(config, slug))}
        assert not errors, errors
    finally:
        context.close()


def test_uz_cyrl_mentions_and_the_call_accepted_its_date_rejected_with_its_reason(browser, site, timings):
    _, _, config = site

    def steps(cur):
        # Selecting a mark in the text brings its candidate forward.
        tashkent = cur.sid("Mention", "place/tashkent")
        cur.page.locator(f'mark[data-c~="{tashkent}"]').first.click()
        cur.clicks += 1
        assert cur.page.locator(f"#c-{tashkent}").evaluate("c => c.classList.contains('current')")
        cur.decide(tashkent, "accept")
        # His name, not the headline's "Президентлар" (both presidents, so their holders too, at 0.7).
        cur.decide(cur.sid("Mention", "person/kassym-jomart-tokayev", exact="Қосим-Жомарт Тоқаев"), "accept")
        # The call: its two sides stand in the form as the text names them; the curator names it.
        call = cur.sid("Event")
        cur.decide(call, "accept")
        cur.edit(call, iri="event:2025-11-mirziyoyev-tokayev-telephone-conversation",
                 label_en="Telephone conversation of Mirziyoyev and Tokayev, 14 November 2025",
                 **{"label_uz-Latn": "Mirziyoyev va Toqayevning telefon orqali muloqoti, 2025-yil 14-noyabr"})
        assert cur.page.locator(f'input[name="edit-{call}-participant"]').input_value() == (
            "person:shavkat-mirziyoyev person:kassym-jomart-tokayev")
        cur.decide(cur.sid("Date"), "reject", "the call's own evidence states its date")
        assert cur.page.locator("#apply").text_content() == "Apply 4 decisions"
        assert "3 accepted, 1 rejected" in cur.submit()

    _review(browser, site, "uz-cyrl-call", steps, timings)
    written = facts(config, "uz-cyrl-call")
    assert 'place:tashkent skos:altLabel "Тошкент"@uz-Cyrl .' in written
    assert 'person:kassym-jomart-tokayev skos:altLabel "Қосим-Жомарт Тоқаев"@uz-Cyrl .' in written
    # Read off the fixture by hand: the sentence up to its verb, the two persons in its order, the
    # year from the publication date.
    assert ("event:2025-11-mirziyoyev-tokayev-telephone-conversation a itt:TelephoneConversation ;\n"
            "    itt:participant person:shavkat-mirziyoyev , person:kassym-jomart-tokayev ;\n"
            '    itt:startDate "2025-11-14"^^xsd:date ;\n'
            "    itt:derivation \"Year from the document's date (2025): "
            "the text says '14-ноябрь' without a year.\"@en ;\n"
            '    itt:evidence [ oa:exact "Ўзбекистон Президенти Шавкат Мирзиёев 14-ноябрь куни Қозоғистон Президенти '
            'Қосим-Жомарт Тоқаев билан телефон орқали мулоқот қилди" ; itt:supports rdf:type , itt:participant , '
            "itt:startDate ] .\n") in written


def test_uz_latn_a_new_event_named_and_labelled_and_a_treaty_corroborated(browser, site, timings):
    _, _, config = site

    def steps(cur):
        event = cur.sid("Event")
        cur.decide(event, "accept")
        cur.edit(event, iri="event:2023-03-intergovernmental-commission-meeting",
                 label_en="Meeting of the Intergovernmental Commission, Samarkand, March 2023",
                 **{"label_uz-Latn": "Hukumatlararo komissiya yigʻilishi, Samarqand, 2023-yil mart"},
                 quote="2023-yil 15-mart kuni Samarqandda Oʻzbekiston va Qozogʻiston hukumatlararo komissiyasining "
                       "navbatdagi yigʻilishi boʻlib oʻtdi")
        cur.decide(cur.sid("Agreement"), "accept")
        assert "2 accepted" in cur.submit()

    _review(browser, site, "uz-latn-commission", steps, timings)
    written = facts(config, "uz-latn-commission")
    assert ("event:2023-03-intergovernmental-commission-meeting a itt:Meeting ;\n"
            "    itt:ofBody organization:intergovernmental-commission ;\n"
            "    itt:location place:samarkand ;\n") in written
    assert "navbatdagi yigʻilishi boʻlib oʻtdi\" ; itt:supports rdf:type , itt:ofBody" in written
    assert "agreement:treaty-on-allied-relations a itt:Treaty ;\n" in written
    labels = (config.reference_dir / "uz-latn-commission-labels.ttl").read_text(encoding="utf-8")
    assert '"Meeting of the Intergovernmental Commission, Samarkand, March 2023"@en' in labels


def test_kk_an_event_corroborated_with_its_body_added_and_the_programme_named(browser, site, timings):
    _, _, config = site

    def steps(cur):
        event = cur.sid("Event")
        cur.decide(event, "accept")
        cur.edit(event, ofBody="organization:supreme-interstate-council",
                 quote="2024 жылғы 8 тамызда Астанада Жоғары мемлекетаралық кеңестің бірінші отырысы өтті")
        programme = cur.sid("Agreement")
        cur.decide(programme, "accept")
        # The suggester cut the verb and took the programme's first year for its signing date.
        cur.edit(programme, iri="agreement:programme-of-strategic-partnership-and-alliance-2024-2034",
                 signingDate="-", quote="2024-2034 жылдарға арналған стратегиялық әріптестік бағдарламасын қабылдады")
        assert "2 accepted" in cur.submit()

    _review(browser, site, "kk-meeting", steps, timings)
    written = facts(config, "kk-meeting")
    assert ("event:supreme-interstate-council-1st-meeting a itt:Meeting ;\n"
            "    itt:ofBody organization:supreme-interstate-council ;\n"
            "    itt:location place:astana ;\n"
            '    itt:startDate "2024-08-08"^^xsd:date ;\n') in written
    assert ("agreement:programme-of-strategic-partnership-and-alliance-2024-2034 a itt:Programme ;\n"
            '    itt:evidence [ oa:exact "2024-2034 жылдарға арналған стратегиялық әріптестік бағдарламасын '
            'қабылдады" ; itt:supports rdf:type ] .\n') in written


def test_ru_mentions_in_bulk_then_the_visit_and_the_treaty(browser, site, timings):
    _, _, config = site

    def steps(cur):
        assert "accepted" in cur.submit("#accept-mentions")
        # Bulk acceptance took mentions only: every fact is still pending, one by one.
        # (a mention under the threshold, such as an office holder's title, stays pending too)
        left = [c for c in load(config, "ru-visit") if c.status == "Pending"]
        assert {"Event", "Agreement", "Date"} <= {c.kind for c in left}
        assert not [c.exact for c in left if c.kind == "Mention" and c.confidence >= 0.9]
        visit = cur.sid("Event")
        cur.decide(visit, "accept")
        cur.edit(visit, location="place:tashkent")
        treaty = cur.sid("Agreement")
        cur.decide(treaty, "accept")
        cur.edit(treaty, iri="agreement:treaty-on-allied-relations",
                 quote="президенты подписали Договор о союзнических отношениях между Республикой Узбекистан и "
                       "Республикой Казахстан")
        assert "2 accepted" in cur.submit()

    _review(browser, site, "ru-visit", steps, timings)
    written = facts(config, "ru-visit")
    assert 'place:tashkent skos:altLabel "Ташкент"@ru .' in written
    assert "    itt:location place:tashkent ;\n" in written
    assert ("agreement:treaty-on-allied-relations a itt:Treaty ;\n    itt:party state:UZ , state:KZ ;\n") in written
    from ittifoq.store import KnowledgeGraph

    kg = KnowledgeGraph.open(config)
    ask = ("ASK { GRAPH <https://w3id.org/ittifoq/graph/ru-visit> { "
           "event:2022-12-tokayev-state-visit-to-uzbekistan itt:location place:tashkent } }")
    assert bool(kg.query(ask))
    assert Path(config.dataset_path).is_file()


def test_the_page_in_russian_by_the_browser_then_karakalpak_from_its_menu(browser, site):
    # The words expected are those written into messages/ru.json and kaa.json for the review page.
    base, state, config = site
    slug = "uz-latn-commission"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{base}/review/{slug}?token={state.token}")
        assert page.locator("html").get_attribute("lang") == "ru"
        assert page.locator("#apply").text_content() == "Применить решений: 0"  # review.js counted none
        with page.expect_navigation():
            page.locator('nav.languages a[hreflang="kaa"]').click()
        assert page.url == f"{base}/review/{slug}?lang=kaa"
        assert page.locator("html").get_attribute("lang") == "kaa"
        assert page.locator("#text-h").text_content() == "Текст"
        pending = [short_id(c, slug) for c in load(config, slug) if c.status == "Pending"][:2]
        assert len(pending) == 2
        for n, sid in enumerate(pending, 1):
            page.locator(f'input[name="op-{sid}"][value="defer"]').check()
            assert page.locator("#apply").text_content() == f"{n} шешимди қолланыў"
        found = axe_findings(page)
        assert not found, found
        with page.expect_navigation(timeout=APPLY_MS):
            page.locator("#apply").click()
        assert "lang=kaa" in page.url and page.locator("html").get_attribute("lang") == "kaa"
        assert page.locator("p.done").text_content() == "0 қабыл етилди, 0 бийкарланды, 2 кейинге қалдырылды"
        assert not errors, errors
    finally:
        context.close()
