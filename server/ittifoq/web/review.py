"""The review page (``ittifoq serve --review``): a curator's decisions on a document's
candidates, in the browser, through the same library calls as ``ittifoq review``.

Only for the curator's own machine: ``serve --review`` binds to the loopback address only,
and every request under ``/review/`` needs the run's random token (the printed URL carries
it once; the answer sets it as an HttpOnly, SameSite=Strict cookie and drops it from the
address). The Host header must name the loopback address (a DNS-rebinding page cannot pass),
and every POST carries a form token derived from the run's token and the document, and an
Origin (when the browser sends one) of this server. Answers are never cached. The pages' CSP
forbids inline scripts: the behaviour is in ``review_static/review.js``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request, url_for
from markupsafe import Markup, escape

from ..errors import IttifoqError, UsageError
from . import review_view as view
from .i18n import INTERFACE_LANGUAGES, interface_language, translate, with_lang

COOKIE = "ittifoq_review"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
MENTION_THRESHOLD = 0.9

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="review_templates",
               static_folder="review_static", static_url_path="/static")


class Reviewing:
    """The review's settings for one server run: the project checkout and the token."""

    def __init__(self, config, token: str | None = None):
        self.config = config
        self.token = token or secrets.token_urlsafe(32)
        self.lock = threading.Lock()  # one change (append, build, shapes) at a time

    def form_token(self, slug: str) -> str:
        return hmac.new(self.token.encode(), f"csrf:{slug}".encode(), hashlib.sha256).hexdigest()


def install(app: Flask, config, token: str | None = None) -> Reviewing:
    """Register the review pages on ``app``; the returned object holds the token."""
    state = Reviewing(config, token)
    app.extensions["ittifoq-review"] = state
    app.register_blueprint(bp)
    return state


def _state() -> Reviewing:
    return current_app.extensions["ittifoq-review"]


def _host_is_loopback() -> bool:
    host = request.host.rsplit(":", 1)[0] if not request.host.startswith("[") else request.host.split("]")[0] + "]"
    return host in LOOPBACK_HOSTS


@bp.before_request
def _guard():
    state = _state()
    if not _host_is_loopback():
        abort(403, translate("review.err.loopback"))
    given = request.args.get("token")
    if given is not None and hmac.compare_digest(given.encode(), state.token.encode()) and request.method == "GET":
        # The token leaves the address (history, Referer) for a cookie only this server gets.
        args = {k: v for k, v in request.args.items() if k != "token"}
        answer = redirect(url_for(request.endpoint, **(request.view_args or {}), **args), 303)
        answer.set_cookie(COOKIE, state.token, httponly=True, samesite="Strict", path="/review")
        return answer
    cookie = request.cookies.get(COOKIE, "")
    if not hmac.compare_digest(cookie.encode(), state.token.encode()):
        abort(403, translate("review.err.token", command="`ittifoq serve --review`"))
    if request.method == "POST":
        origin = request.headers.get("Origin")
        if origin and urlsplit(origin).netloc != request.host:
            abort(403, translate("review.err.origin"))
        slug = (request.view_args or {}).get("slug", "")
        if not hmac.compare_digest(request.form.get("csrf", "").encode(), state.form_token(slug).encode()):
            abort(403, translate("review.err.stale"))


def _words(key: str, **values) -> Markup:
    """A catalogue text whose placeholders take markup (``<code>``): the text is escaped,
    the values are escaped unless they are Markup already."""
    return Markup(escape(translate(key, **{k: "{" + k + "}" for k in values}))).format(**values)


@bp.context_processor
def _interface():
    """The interface language's words and the language menu. The menu points at a page that
    answers GET (after a refused POST, the document's page), without the last Apply's summary."""
    slug = (request.view_args or {}).get("slug")
    target = url_for("review.document_review", slug=slug) if slug else url_for("review.index")
    menu = [{"tag": tag, "name": name, "href": f"{target}?lang={tag}", "current": tag == interface_language()}
            for tag, name in INTERFACE_LANGUAGES.items()]
    return {"t": translate, "words": _words, "lang_url": with_lang, "ui_lang": interface_language(),
            "review_languages": menu, "field_label": view.field_label, "field_hint": view.hint,
            "kind_word": view.kind_word}


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


def _documents() -> list[dict]:
    from ..grow.review import load

    config = _state().config
    out = []
    for path in sorted((config.data_dir / "candidates").glob("*.trig")):
        counts: dict[str, int] = {}
        for c in load(config, path.stem):
            counts[c.status] = counts.get(c.status, 0) + 1
        out.append({"slug": path.stem, "counts": counts, "total": sum(counts.values())})
    return out


@bp.get("/")
def index():
    return render_template("review_index.html", documents=_documents())


def _page(slug: str, message: str | None = None, error: str | None = None, status: int = 200):
    from ..grow.review import load
    from ..grow.suggest import document

    config = _state().config
    try:
        doc = document(config, slug)
        candidates = load(config, slug)
    except UsageError as e:
        abort(404, str(e))
    found = view.cards(slug, candidates)
    contexts = {k.sid: view.context(doc.text, k.c) for k in found}
    pending_mentions = sum(1 for k in found if k.c.kind == "Mention" and k.c.status == "Pending"
                           and k.c.confidence >= MENTION_THRESHOLD)
    return render_template(
        "review.html", slug=slug, lang=doc.languages[0] if doc.languages else None, cards=found,
        segments=view.segments(doc.text, found), contexts=contexts, csrf=_state().form_token(slug),
        message=message or request.args.get("done"), error=error, threshold=MENTION_THRESHOLD,
        pending_mentions=pending_mentions,
    ), status


@bp.get("/<slug>")
def document_review(slug: str):
    return _page(slug)


def _decisions(slug: str):
    from ..grow.review import Decision, load, short_id

    out = []
    for c in load(_state().config, slug):
        sid = short_id(c, slug)
        op = request.form.get(f"op-{sid}", "")
        if not op:
            continue
        if op not in ("accept", "reject", "defer"):
            raise UsageError(translate("review.err.unknown_op", sid=sid, op=op))
        start = view.defaults(c)
        edits = {}
        for key, default in start.items():
            value = request.form.get(f"edit-{sid}-{key}")
            if value is not None and value.strip() != default.strip():
                edits[key] = value.strip()
        out.append(Decision(op, sid, reason=request.form.get(f"reason-{sid}", "").strip() or None, edits=edits))
    return out


def _serve_anew(out) -> None:
    """After a change was written and the build and shapes passed, the graph's own pages and
    endpoint answer from the rebuilt data, not from what was loaded at start."""
    if out.turtle or out.reference:
        current_app.extensions["ittifoq"].reload()


def _summary(out) -> str:
    counts = translate("review.summary", accepted=len(out.accepted), rejected=len(out.rejected),
                       deferred=len(out.deferred))
    written = {(True, False): "review.summary.facts", (False, True): "review.summary.reference",
               (True, True): "review.summary.both"}.get((bool(out.turtle), bool(out.reference)))
    return f"{counts}; {translate(written)}" if written else counts


@bp.post("/<slug>/decide")
def decide(slug: str):
    from ..grow.review import decide as apply_decisions

    state = _state()
    try:
        decisions = _decisions(slug)
        if not decisions:
            raise UsageError(translate("review.err.none_chosen"))
        with state.lock:
            out = apply_decisions(state.config, slug, decisions)
            _serve_anew(out)
    except IttifoqError as e:
        return _page(slug, error=str(e), status=422 if isinstance(e, UsageError) else 409)
    return redirect(with_lang(url_for("review.document_review", slug=slug, done=_summary(out))), 303)


@bp.post("/<slug>/mentions")
def accept_mentions(slug: str):
    """Bulk acceptance: the pending mentions at or above the threshold, never a fact."""
    from ..grow.review import decide as apply_decisions

    state = _state()
    try:
        with state.lock:
            out = apply_decisions(state.config, slug, [], accept_mentions_from=MENTION_THRESHOLD)
            _serve_anew(out)
    except IttifoqError as e:
        return _page(slug, error=str(e), status=409)
    return redirect(with_lang(url_for("review.document_review", slug=slug, done=_summary(out))), 303)


NEW_MENTION_FIELDS = ("link", "entity", "class", "iri", "label@en", "label@uz-Latn", "officeOf", "locatedIn")


@bp.post("/<slug>/mention")
def add_mention(slug: str):
    """A mention the suggester missed, linked to a known entity or to a new one, accepted at once."""
    from ..grow.review import Decision, add_mention
    from ..grow.review import decide as apply_decisions

    state = _state()
    edits = {k: request.form.get(f"new-{k}", "").strip() for k in NEW_MENTION_FIELDS}
    try:
        with state.lock:
            cid = add_mention(state.config, slug, request.form.get("quote", "").strip())
            out = apply_decisions(state.config, slug, [Decision("accept", cid, edits=edits)])
            _serve_anew(out)
    except IttifoqError as e:
        return _page(slug, error=str(e), status=422 if isinstance(e, UsageError) else 409)
    return redirect(with_lang(url_for("review.document_review", slug=slug, done=_summary(out))), 303)
