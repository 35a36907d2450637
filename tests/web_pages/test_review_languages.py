"""The review page (``ittifoq serve --review``) in the six interface languages, as the rest of
the site: ``?lang=`` before ``Accept-Language``, ``<html lang>`` the interface language, the
document's text and quotes in their own language, English for a key a catalogue lacks, and
the chosen language kept across the page's links, form actions and the redirect after Apply.
The expected words are written here from the catalogues' meaning, not read from the code."""

from __future__ import annotations

import json
import re

import pytest

from conftest import review_server
from ittifoq.grow.review import load, short_id
from ittifoq.text.uzbek_cyrillic import latin_to_cyrillic
from ittifoq.web import i18n
from ittifoq.web.i18n import INTERFACE_LANGUAGES, MESSAGES_DIR

SLUG = "ru-visit"


def _messages(tag: str) -> dict:
    return json.loads((MESSAGES_DIR / f"{tag}.json").read_text(encoding="utf-8"))["messages"]


def test_the_review_words_are_in_every_catalogue_and_uz_cyrl_follows_uz_latn_by_rule():
    en = {k: v for k, v in _messages("en").items() if k.startswith("review.")}
    assert len(en) > 80
    latn, cyrl = _messages("uz-Latn"), _messages("uz-Cyrl")
    for tag in INTERFACE_LANGUAGES:
        if tag == "en":
            continue
        data = json.loads((MESSAGES_DIR / f"{tag}.json").read_text(encoding="utf-8"))
        assert data["review"] == ["*"] or set(en) <= set(data["review"]), f"{tag}: mark machine-made words"
        # translated, not English copied over (technical names such as IRI may stay)
        same = [k for k in en if data["messages"][k] == en[k] and not re.fullmatch(r"[A-Z]+", en[k])]
        assert not same, (tag, same)
    for key in en:
        # placeholders stay as they are; every other letter by the project's rule
        rule = "".join(p if re.fullmatch(r"\{\w+\}", p) else latin_to_cyrillic(p)
                       for p in re.split(r"(\{\w+\})", latn[key]))
        assert cyrl[key] == rule, key


@pytest.fixture(scope="module")
def reviewing(tmp_path_factory):
    yield from review_server(tmp_path_factory.mktemp("review-languages") / "project", SLUG)


@pytest.fixture
def client(reviewing):
    app, state, _ = reviewing
    client = app.test_client()
    assert client.get(f"/review/?token={state.token}&lang=kaa").headers["Location"] == "/review/?lang=kaa"
    return client


@pytest.mark.slow
def test_karakalpak_by_lang_parameter(client):
    html = client.get(f"/review/{SLUG}?lang=kaa").get_data(as_text=True)
    assert '<html lang="kaa">' in html
    for words in ("Шешимлерди қолланыў", "қабыл етиў", "бийкарлаў", "кейинге қалдырыў", "Текст</h2>",
                  "Кандидатлар (", "қабыл етиўден алдын өзгертиў", "Қосыў ҳәм қабыл етиў", "исенимлилик"):
        assert words in html, words
    for english in ("Apply the decisions", "in the text", "undecided", "edit before accepting", "Add and accept",
                    "confidence", "Mentions only", ">reason "):
        assert english not in html, english
    # review.js writes the apply button's count from these, in the interface language
    assert 'data-many="{n} шешимди қолланыў"' in html and 'data-busy="Қолланылмақта…"' in html
    # the data keep their own language: the Russian document and its quotes
    assert '<div class="text" lang="ru">' in html and '<blockquote lang="ru">' in html
    # the language survives the forms and the links
    for action in ("decide", "mentions", "mention"):
        assert f'action="/review/{SLUG}/{action}?lang=kaa"' in html, action
    assert 'class="brand" href="/review/?lang=kaa"' in html
    menu = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', html)
    assert sorted(t for _, t in menu) == sorted(INTERFACE_LANGUAGES)
    assert (f"/review/{SLUG}?lang=ru", "ru") in menu
    index = client.get("/review/?lang=kaa").get_data(as_text=True)
    assert "Кандидатлары бар ҳүжжетлер" in index and f'href="/review/{SLUG}?lang=kaa"' in index


@pytest.mark.slow
def test_russian_by_accept_language(client):
    html = client.get(f"/review/{SLUG}", headers={"Accept-Language": "de, ru;q=0.8, en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="ru">' in html
    for words in ("Кандидаты документа", "Применить решения", "принять", "отклонить", "отложить", "не решено",
                  "в тексте", "Добавить имя, пропущенное подсказчиком", "уверенность"):
        assert words in html, words
    assert "Accept the" not in html and "Принять " in html
    # ?lang= comes before Accept-Language
    assert '<html lang="uz-Cyrl">' in client.get(f"/review/{SLUG}?lang=uz-Cyrl",
                                                 headers={"Accept-Language": "ru"}).get_data(as_text=True)


@pytest.mark.slow
def test_a_word_missing_from_a_catalogue_falls_back_to_english(client, monkeypatch):
    whole = i18n.catalogue

    def without_apply(tag):
        found = whole(tag)
        if tag != "kaa":
            return found
        return {**found, "messages": {k: v for k, v in found["messages"].items() if k != "review.apply"}}

    monkeypatch.setattr(i18n, "catalogue", without_apply)
    html = client.get(f"/review/{SLUG}?lang=kaa").get_data(as_text=True)
    assert '<html lang="kaa">' in html
    assert ">Apply the decisions</button>" in html and "Шешимлерди қолланыў" not in html
    assert "Қосыў ҳәм қабыл етиў" in html  # the rest stays Karakalpak


@pytest.mark.slow
def test_the_language_survives_an_apply_and_its_summary_is_in_it(client, reviewing):
    _, state, config = reviewing
    mention = next(c for c in load(config, SLUG) if c.kind == "Mention" and c.status == "Pending")
    cid = short_id(mention, SLUG)
    answer = client.post(f"/review/{SLUG}/decide?lang=ru", data={
        f"op-{cid}": "defer", "csrf": state.form_token(SLUG)})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("lang=ru")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert '<html lang="ru">' in page
    assert re.search(r'<p class="done" role="status">принято: 0, отклонено: 0, отложено: 1</p>', page)
    # an error the page words itself, in the interface language
    refused = client.post(f"/review/{SLUG}/decide?lang=kk", data={"csrf": state.form_token(SLUG)})
    assert refused.status_code == 422
    assert "Ештеңе өзгертілмеді: ешбір шешім таңдалмаған" in refused.get_data(as_text=True)


@pytest.mark.slow
def test_the_guard_answers_in_the_interface_language_and_keeps_its_checks(reviewing):
    app, state, _ = reviewing
    stranger = app.test_client()
    refused = stranger.get(f"/review/{SLUG}?lang=ru")
    assert refused.status_code == 403 and "нужен токен" in refused.get_data(as_text=True)
    answer = stranger.get(f"/review/{SLUG}?lang=ru&token={state.token}")
    assert answer.status_code == 303 and answer.headers["Location"] == f"/review/{SLUG}?lang=ru"
    page = stranger.get(answer.headers["Location"])
    assert page.headers["Cache-Control"] == "no-store"
    assert "unsafe-inline" not in page.headers["Content-Security-Policy"]
    assert "<script>" not in page.get_data(as_text=True)


def test_every_word_the_review_page_asks_for_is_in_the_english_catalogue():
    from pathlib import Path

    from ittifoq.web.review import NEW_MENTION_FIELDS
    from ittifoq.web.review_view import EDITABLE, HINTS

    en = _messages("en")
    web = Path(i18n.__file__).parent
    used = set()
    for path in [*web.glob("review_templates/*.html"), web / "review.py", web / "review_view.py"]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\b(?:t|words|translate)\(['"](review\.[a-z_.]*[a-z_])['"]""", text))
    used |= {f"review.status.{s}" for s in ("pending", "accepted", "rejected", "deferred")}
    used |= {f"review.kind.{k.lower()}" for k in EDITABLE}
    used |= {key for key, _ in HINTS.values()}
    assert len(used) > 40 and not used - set(en), sorted(used - set(en))
    # every field a card or the add-a-name form shows has its label
    for name in {*NEW_MENTION_FIELDS, *(f for fields in EDITABLE.values() for f in fields)}:
        key = {"label@en": "label_en", "label@uz-Latn": "label_uz"}.get(name, name.lower())
        assert f"review.field.{key}" in en, name
