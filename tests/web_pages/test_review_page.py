"""The review page's guard (``ittifoq serve --review``): the token, the loopback Host, the
form token and Origin on POSTs, never cached; and the page shows every candidate marked in
the text with its confidence, features and decisions. In a copy of the project's data."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, copy_project, review_server
from ittifoq.cli import main
from ittifoq.grow.ingest import ingest
from ittifoq.grow.review import load, short_id
from ittifoq.grow.suggest import run

pytestmark = pytest.mark.slow  # the app starts its engine process

SLUG = "ru-visit"


@pytest.fixture(scope="module")
def reviewing(tmp_path_factory):
    yield from review_server(tmp_path_factory.mktemp("review-page") / "project", SLUG)


@pytest.fixture
def client(reviewing):
    return reviewing[0].test_client()


def _login(client, state):
    answer = client.get(f"/review/?token={state.token}")
    assert answer.status_code == 303 and answer.headers["Location"] == "/review/"
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/review" in cookie


def test_nothing_without_the_token(client, reviewing):
    _, state, _ = reviewing
    for path in ("/review/", f"/review/{SLUG}", "/review/static/review.js"):
        assert client.get(path).status_code == 403
    assert client.get("/review/?token=wrong").status_code == 403
    client.set_cookie("ittifoq_review", "wrong", path="/review")
    assert client.get("/review/").status_code == 403
    assert client.post(f"/review/{SLUG}/mentions", data={"csrf": state.form_token(SLUG)}).status_code == 403


def test_the_token_becomes_a_cookie_and_leaves_the_address(client, reviewing):
    _, state, _ = reviewing
    _login(client, state)
    page = client.get(f"/review/{SLUG}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = page.get_data(as_text=True)
    assert state.token not in html and "<script>" not in html and " on" + "click=" not in html


def test_another_host_name_is_refused_even_with_the_token(reviewing):
    # A DNS-rebinding page would reach the loopback address under its own host name.
    app, state, _ = reviewing
    client = app.test_client(use_cookies=False)
    cookie = f"ittifoq_review={state.token}"
    refused = client.get(f"/review/{SLUG}", headers={"Host": "evil.example", "Cookie": cookie})
    assert refused.status_code == 403 and "loopback" in refused.get_data(as_text=True)
    for host in ("[::1]:8080", "127.0.0.1:5000", "localhost"):
        answer = client.get(f"/review/{SLUG}", headers={"Host": host, "Cookie": cookie})
        assert answer.status_code == 200, answer.get_data(as_text=True)[-300:]


def test_posts_need_the_form_token_and_this_origin(client, reviewing):
    _, state, config = reviewing
    _login(client, state)
    before = (config.data_dir / "candidates" / f"{SLUG}.trig").read_bytes()
    cid = short_id(load(config, SLUG)[0], SLUG)
    form = {f"op-{cid}": "reject", f"reason-{cid}": "a test"}
    assert client.post(f"/review/{SLUG}/decide", data=form).status_code == 403
    assert client.post(f"/review/{SLUG}/decide", data={**form, "csrf": state.form_token("other")}).status_code == 403
    assert client.post(f"/review/{SLUG}/decide", data={**form, "csrf": state.form_token(SLUG)},
                       headers={"Origin": "http://evil.example"}).status_code == 403
    assert (config.data_dir / "candidates" / f"{SLUG}.trig").read_bytes() == before


def test_every_candidate_is_marked_in_the_text_with_its_card(client, reviewing):
    _, state, config = reviewing
    _login(client, state)
    html = client.get(f"/review/{SLUG}").get_data(as_text=True)
    candidates = load(config, SLUG)
    for c in candidates:
        sid = short_id(c, SLUG)
        assert f'id="c-{sid}"' in html and f'id="t-{sid}"' in html
        assert re.search(rf'<mark data-c="[^"]*\b{sid}\b', html)
    # The event card: its confidence, its features, the IRI it adds to, and no bulk acceptance for it.
    event = next(c for c in candidates if c.kind == "Event")
    card = html[html.index(f'id="c-{short_id(event, SLUG)}"') :]
    card = card[: card.index("</fieldset>")]
    assert f"{event.confidence:.2f}" in card and "corroboration" in card
    assert "event:2022-12-tokayev-state-visit-to-uzbekistan" in card
    mentions = sum(1 for c in candidates if c.kind == "Mention" and c.confidence >= 0.9)
    assert f"Accept the {mentions} pending mentions" in html


def test_a_rejection_needs_its_reason_and_is_kept(client, reviewing):
    _, state, config = reviewing
    _login(client, state)
    cis = next(c for c in load(config, SLUG) if "commonwealth" in (c.body_iri or ""))
    cid = short_id(cis, SLUG)
    answer = client.post(f"/review/{SLUG}/decide", data={f"op-{cid}": "reject", "csrf": state.form_token(SLUG)})
    assert answer.status_code == 422 and "needs a reason" in answer.get_data(as_text=True)
    answer = client.post(f"/review/{SLUG}/decide", data={f"op-{cid}": "reject", f"reason-{cid}": "in passing",
                                                         "csrf": state.form_token(SLUG)})
    assert answer.status_code == 303 and "1+rejected" in answer.headers["Location"]
    after = {short_id(c, SLUG): (c.status, c.reason) for c in load(config, SLUG)}
    assert after[cid] == ("Rejected", "in passing")


def test_what_is_accepted_is_served_at_once(client, reviewing):
    # The graph's own endpoint and pages answer from the rebuilt data after an Apply, not from
    # what the server loaded at start (run after the tests above: it accepts every mention).
    _, state, config = reviewing
    _login(client, state)
    ask = {"query": f"ASK {{ GRAPH <https://w3id.org/ittifoq/graph/{SLUG}> {{ ?s ?p ?o }} }}"}
    headers = {"Accept": "application/sparql-results+json"}
    before = client.get("/sparql", query_string=ask, headers=headers)
    assert before.status_code == 200 and before.get_json()["boolean"] is False
    answer = client.post(f"/review/{SLUG}/mentions", data={"csrf": state.form_token(SLUG)})
    assert answer.status_code == 303 and "accepted" in answer.headers["Location"]
    assert (config.facts_dir / f"{SLUG}.ttl").exists()
    after = client.get("/sparql", query_string=ask, headers=headers)
    assert after.status_code == 200 and after.get_json()["boolean"] is True
    assert after.headers["ETag"] != before.headers["ETag"]


def test_serve_review_refuses_any_address_but_the_loopback(capsys):
    for host in ("0.0.0.0", "192.0.2.1", "::"):
        assert main(["--root", str(ROOT), "serve", "--review", "--host", host, "--port", "0"]) == 2
        assert "127.0.0.1 or ::1" in capsys.readouterr().err


def test_serve_review_prints_a_url_whose_token_opens_the_page(tmp_path):
    import http.cookiejar
    import os
    import signal
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    config = copy_project(tmp_path / "project")
    ingest(config, ROOT / "tests/grow/fixtures/kk-meeting.txt", "kk-meeting", published="2025-11-14")
    run(config, "kk-meeting")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.pop("ITTIFOQ_ROOT", None)
    proc = subprocess.Popen([sys.executable, "-m", "ittifoq", "--root", str(config.root), "serve", "--review",
                             "--port", "0", "--query-threads", "1"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True)
    try:
        seen = []
        for line in proc.stdout:  # ends if the server dies
            seen.append(line)
            if m := re.search(r"review\s+(http://127\.0\.0\.1:\d+/review/\?token=([\w-]+))", line):
                break
        else:
            raise AssertionError("".join(seen))
        import threading

        threading.Thread(target=proc.stdout.read, daemon=True).start()  # a full pipe would block the server
        url, token = m.group(1), m.group(2)
        assert len(token) >= 40  # 32 random bytes
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url.split("?")[0] + "kk-meeting", timeout=30)
        assert refused.value.code == 403
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with opener.open(url, timeout=30) as answer:  # 303 to /review/, with the cookie
            assert answer.status == 200 and "kk-meeting" in answer.read().decode()
        with opener.open(url.split("?")[0] + "kk-meeting", timeout=30) as answer:
            assert "Қасым-Жомарт Тоқаев" in answer.read().decode()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
