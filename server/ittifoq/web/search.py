"""``/search?q=``: find entities by any of their names, in any language and either script.

Every skos:prefLabel, skos:altLabel, skos:hiddenLabel, itt:acronym and rdfs:label (and a
document's dct:title and dct:alternative) of the dataset's own resources is indexed under two keys from
:mod:`ittifoq.text.normalize`: its fold (script, case, apostrophes, punctuation ignored) and
its skeleton (transliteration variants merged as well). A query is keyed the same way, and
hits are ranked by how they match: exact, prefix, word prefix, all words, substring, and
last similar spelling (``Nazarbaev`` for ``Nazarboyev``). The best match of each entity
counts; among equals a preferred label beats an alternative one, then shorter names first.

HTML by default; JSON with ``Accept: application/json`` or ``?format=json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from flask import Blueprint, jsonify, render_template, request, url_for

from .. import formats
from .. import namespaces as ns
from ..text.normalize import fold, skeleton
from . import conneg, fulltext
from . import linked_data as ld

_JSON = formats.Format("json", "application/json")  # the search answer as JSON

bp = Blueprint("search", __name__)

MAX_QUERY_CHARS = 200
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_TOTAL = 5000  # hits counted and paged through
SUGGESTIONS = 8
SIMILARITY = 0.8  # difflib ratio a query word needs with a name's word to count as similar

# Score of each kind of match; the first that applies is the entity's.
EXACT, EXACT_VARIANT = 100, 95
PREFIX, PREFIX_VARIANT = 85, 80
WORD_PREFIX, WORD_PREFIX_VARIANT = 70, 65
ALL_WORDS = 60
SUBSTRING, SUBSTRING_VARIANT = 45, 40
SIMILAR = 20  # plus up to 10 by similarity
KIND = {EXACT: "exact", EXACT_VARIANT: "exact", PREFIX: "prefix", PREFIX_VARIANT: "prefix",
        WORD_PREFIX: "word prefix", WORD_PREFIX_VARIANT: "word prefix", ALL_WORDS: "all words",
        SUBSTRING: "substring", SUBSTRING_VARIANT: "substring"}


@dataclass(frozen=True)
class Entry:
    iri: str
    label: ld.Label
    fold: str
    skel: str
    skel_words: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    iri: str
    score: float
    kind: str
    matched: ld.Label


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def _searchable(iri: str) -> bool:
    # The dataset's own things (not hash parts); ontology terms too, so "state visit" finds the class.
    return "#" not in iri and (iri.startswith(ns.ID) or iri.startswith(ns.ITT))


class SearchIndex:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.words = sorted({w for e in entries for w in e.skel_words})
        self._search = lru_cache(maxsize=512)(self._search_uncached)

    @classmethod
    def from_labels(cls, labels: dict[str, list[ld.Label]]) -> SearchIndex:
        entries = []
        for iri, lbs in labels.items():
            if not _searchable(iri):
                continue
            for lb in lbs:
                f = fold(lb.value)
                if f:
                    sk = skeleton(lb.value)
                    entries.append(Entry(iri, lb, f, sk, tuple(sk.split())))
        return cls(entries)

    def search(self, q: str, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        return self._search(q[:MAX_QUERY_CHARS])[:limit]

    def _similar_words(self, qwords: list[str]) -> list[dict[str, float]]:
        """For each query word, the index words spelt like it (or starting like it)."""
        out = []
        for qw in qwords:
            found: dict[str, float] = {}
            if len(qw) >= 4:
                for w in self.words:
                    cand = w[: len(qw)] if len(w) > len(qw) else w
                    if abs(len(cand) - len(qw)) > max(1, len(qw) // 4):
                        continue
                    sm = SequenceMatcher(None, qw, cand)
                    if sm.real_quick_ratio() >= SIMILARITY and sm.quick_ratio() >= SIMILARITY:
                        r = sm.ratio()
                        if r >= SIMILARITY:
                            found[w] = r
            out.append(found)
        return out

    def _search_uncached(self, q: str) -> list[Hit]:
        qf, qs = fold(q), skeleton(q)
        if not qf:
            return []
        qwords = qs.split()
        cyrillic = _is_cyrillic(q)
        similar = None
        best: dict[str, tuple] = {}
        for e in self.entries:
            score = self._score(e, qf, qs, qwords)
            if score is None:
                if similar is None:
                    similar = self._similar_words(qwords)
                score = self._similarity(e, qwords, similar)
                if score is None:
                    continue
            # Among equal matches, the name written in the query's script is the one to show.
            key = (-score, _is_cyrillic(e.label.value) != cyrillic, e.label.priority,
                   not e.iri.startswith(ns.ID), len(e.label.value), e.label.value)
            if e.iri not in best or key < best[e.iri][0]:
                best[e.iri] = (key, e, score)
        ranked = sorted(best.values(), key=lambda t: (t[0], t[1].iri))
        return [Hit(e.iri, score, KIND.get(score, "similar"), e.label) for _, e, score in ranked]

    @staticmethod
    def _score(e: Entry, qf: str, qs: str, qwords: list[str]) -> int | None:
        if e.fold == qf:
            return EXACT
        if e.skel == qs:
            return EXACT_VARIANT
        if e.fold.startswith(qf):
            return PREFIX
        if e.skel.startswith(qs):
            return PREFIX_VARIANT
        if f" {qf}" in f" {e.fold}":
            return WORD_PREFIX
        if f" {qs}" in f" {e.skel}":
            return WORD_PREFIX_VARIANT
        words = e.skel_words
        if len(qwords) > 1 and all(any(w.startswith(qw) for w in words) for qw in qwords):
            return ALL_WORDS
        if len(qf) >= 2 and qf in e.fold:
            return SUBSTRING
        if len(qs) >= 2 and qs in e.skel:
            return SUBSTRING_VARIANT
        return None

    @staticmethod
    def _similarity(e: Entry, qwords: list[str], similar: list[dict[str, float]]) -> float | None:
        words = e.skel_words
        ratios = []
        for qw, sim in zip(qwords, similar, strict=True):
            r = max([sim[w] for w in words if w in sim] + [1.0 for w in words if w.startswith(qw)], default=0.0)
            if r < SIMILARITY:
                return None
            ratios.append(r)
        return round(SIMILAR + 10 * min(ratios), 3) if ratios else None


# Hidden labels too (GeoNames' spellings of a city): SKOS keeps them for finding, never for display.
INDEX_QUERY = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  VALUES ?p {{ {ld.LABEL_VALUES} skos:hiddenLabel }}
  ?s ?p ?o FILTER(isLITERAL(?o) && (STRSTARTS(STR(?s), "{ns.ID}") || STRSTARTS(STR(?s), "{ns.ITT}")))
}}"""


def _build_index() -> SearchIndex:
    labels: dict[str, list[ld.Label]] = {}
    for r in ld.rows(INDEX_QUERY):
        lit = r["o"]
        labels.setdefault(r["s"].value, []).append(ld.Label(lit.value, (lit.language or "").lower(), r["p"].value))
    return SearchIndex.from_labels(labels)


def search_index() -> SearchIndex:
    return ld.per_data().get("search-index", _build_index)


def _wants_json() -> bool:
    fmt = request.args.get("format")
    if fmt:
        return fmt == "json"
    best = conneg.negotiate(request.headers.get("Accept"), (formats.HTML, _JSON))
    return best is _JSON


def _hit_view(hit: Hit, langs: list[str]) -> dict:
    name, lang = ld.label_of(hit.iri, langs)
    types = [{"iri": t, "label": ld.label_of(t, langs)[0], "href": ld.href(t)}
             for t in sorted(ld.types_of(hit.iri)) if t.startswith(ns.ITT) or t.startswith(ns.OWL)]
    return {
        "iri": hit.iri, "label": name, "lang": lang, "href": ld.href(hit.iri), "types": types,
        "matched": {"value": hit.matched.value, "lang": ld.display_tag(hit.matched.lang),
                    "property": ld.short_name(hit.matched.predicate)},
        "match": hit.kind, "score": hit.score,
    }


@bp.route("/search")
def search():
    q = request.args.get("q", "").strip()[:MAX_QUERY_CHARS]
    try:
        limit = max(1, min(MAX_LIMIT, int(request.args.get("limit", DEFAULT_LIMIT))))
    except ValueError:
        limit = DEFAULT_LIMIT
    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    langs = ld.reader_languages()
    every = search_index().search(q, MAX_TOTAL) if q else []
    found = every[(page - 1) * limit: page * limit]
    ld.types_for([h.iri for h in found])
    ld.labels_for([h.iri for h in found] + [t for h in found for t in ld.types_of(h.iri)])
    hits = [_hit_view(h, langs) for h in found]
    total = len(every)
    if _wants_json():
        resp = jsonify({"query": q, "total": total, "page": page, "results": hits})
        resp.headers["Vary"] = "Accept"
        resp.headers.setdefault("Access-Control-Allow-Origin", "*")
        return resp
    pages = -(-total // limit)

    def page_href(n: int) -> str:
        args = {k: v for k, v in request.args.items() if k != "page"}
        return url_for("search.search", **args, page=n)

    text_hits = fulltext.search_texts(q, langs) if q else []
    resp = render_template("search.html", q=q, hits=hits, total=total, page=page, pages=pages,
                           first=(page - 1) * limit + 1,
                           prev_href=page_href(page - 1) if page > 1 else None,
                           next_href=page_href(page + 1) if page < pages else None, text_hits=text_hits)
    return resp, 200, {"Vary": "Accept"}


@bp.route("/search/suggest")
def suggest():
    """Type-ahead: the best few names, with their type and dates, as JSON."""
    from .dates import date_words
    from .resource_page import dates_for

    q = request.args.get("q", "").strip()[:MAX_QUERY_CHARS]
    langs = ld.reader_languages()
    found = search_index().search(q, SUGGESTIONS) if len(q) >= 2 else []
    ld.types_for([h.iri for h in found])
    ld.labels_for([h.iri for h in found] + [t for h in found for t in ld.types_of(h.iri)])
    dates = dates_for([h.iri for h in found])
    out = []
    for h in found:
        v = _hit_view(h, langs)
        d = sorted(dates.get(h.iri, []))
        out.append({"label": v["label"], "lang": v["lang"], "href": v["href"],
                    "types": [t["label"] for t in v["types"]], "when": date_words(d[0], d[-1]) if d else ""})
    resp = jsonify({"query": q, "results": out})
    resp.headers["Vary"] = "Accept"
    return resp
