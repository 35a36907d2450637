"""Citations of a document, an evidence (a passage of a document) or a fact (with the
passages that support it): ``/cite/{path}`` for the resource ``/id/{path}``, as plain text,
BibTeX or CSL-JSON, chosen by ``?format=text|bibtex|csl-json`` or by Accept
(``text/plain``, ``application/x-bibtex``, ``application/vnd.citationstyles.csl+json``).
The same formats are offered by ``/id/…`` and ``/data/…`` to clients asking for them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from flask import Blueprint, Response, request

from .. import formats
from .. import namespaces as ns
from ..errors import UsageError
from . import conneg
from .conneg import NotAcceptable
from .lookup import catalogue, is_a, labels_for, rows
from .names import label_of

bp = Blueprint("cite", __name__)

# format name → media type (one table; the Accept negotiation and ?format= both read it)
CITE_FORMATS = {
    "text": "text/plain",
    "bibtex": "application/x-bibtex",
    "csl-json": "application/vnd.citationstyles.csl+json",
}
CITE_OFFERS = tuple(formats.Format(name, media_type) for name, media_type in CITE_FORMATS.items())

DOC_META = """
SELECT ?p ?o WHERE {
  $doc ?p ?o VALUES ?p { dct:title dct:alternative dct:creator dct:publisher dct:date dct:source }
}"""
PASSAGES = """
SELECT DISTINCT ?ev ?doc ?start ?end WHERE {
  { $this itt:evidence ?ev } UNION { BIND($this AS ?ev) }
  ?ev itt:sourceDocument ?doc ; oa:hasTarget/oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end .
} ORDER BY ?doc ?start"""


@dataclass
class Work:
    iri: str
    title: str = ""
    title_lang: str = ""
    title_en: str = ""
    authors: list[str] = field(default_factory=list)
    publisher: str = ""
    issued: str = ""
    url: str = ""
    passages: list[tuple[int, int]] = field(default_factory=list)


def _document(doc: str) -> Work:
    w = Work(doc)
    people = []
    for r in rows(DOC_META, doc=doc):
        p, o = r["p"].value, r["o"]
        if p == ns.DCT + "title":
            w.title, w.title_lang = o.value, o.language or ""
        elif p == ns.DCT + "alternative" and (o.language or "").startswith("en"):
            w.title_en = o.value
        elif p == ns.DCT + "creator":
            people.append(o.value)
        elif p == ns.DCT + "publisher":
            w.publisher = o.value
        elif p == ns.DCT + "date":
            w.issued = o.value
        elif p == ns.DCT + "source":
            w.url = o.value
    labels_for(people + ([w.publisher] if w.publisher else []))
    w.authors = [label_of(a, ["en", "uz-latn"])[0] for a in people]
    if w.publisher:
        w.publisher = label_of(w.publisher, ["en", "uz-latn"])[0]
    return w


def citation(iri: str) -> tuple[str, list[Work]]:
    """(what is cited: "document", "evidence" or "fact"; the documents with the passages)."""
    if iri in catalogue().document_graph:
        return "document", [_document(iri)]
    works: dict[str, Work] = {}
    for r in rows(PASSAGES, this=iri):
        doc = r["doc"].value
        if doc not in works:
            works[doc] = _document(doc)
        works[doc].passages.append((int(r["start"].value), int(r["end"].value)))
    kind = "evidence" if is_a(iri, ns.ITT + "Evidence") else "fact"
    return kind, list(works.values())


def _year(issued: str) -> str:
    return issued[:4]


def _chars(w: Work) -> str:
    return ", ".join(f"{a}–{b}" for a, b in w.passages)


def as_text(iri: str, name: str, kind: str, works: list[Work], accessed: str) -> str:
    out = []
    for w in works:
        parts = [", ".join(w.authors) or w.publisher or "Anonymous", f"({_year(w.issued)})" if w.issued else "(n.d.)"]
        title = f"{w.title} [{w.title_en}]" if w.title and w.title_en else w.title or w.title_en
        parts.append(f"“{title}”.")
        if w.publisher:
            parts.append(f"{w.publisher}.")
        # The document's own address where the source gives one, else its permalink here.
        parts.append(f"{w.url or w.iri}.")
        if w.passages:
            parts.append(f"Characters {_chars(w)}.")
        out.append(" ".join(parts))
    head = {"document": "Source document", "evidence": "Quoted passage", "fact": "Statement"}[kind]
    sources = " ".join(out) if out else "No source document recorded."
    return (f"{head} “{name}” in ittifoq, the Uzbekistan–Kazakhstan relations knowledge graph (CC BY 4.0). "
            f"Source: {sources} Permalink: {iri}. Accessed {accessed}.\n")


def _bibkey(iri: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", iri.rsplit("/id/", 1)[-1]).strip("-")


def _bib_escape(text: str) -> str:
    return re.sub(r"([{}\\&%$#_])", r"\\\1", text)


def as_bibtex(iri: str, name: str, kind: str, works: list[Work], accessed: str) -> str:
    entries = []
    for i, w in enumerate(works, 1):
        fields = {
            "title": w.title, "author": " and ".join(w.authors), "publisher": w.publisher,
            "year": _year(w.issued), "date": w.issued, "url": w.url or w.iri,
            "pages": _chars(w) and f"characters {_chars(w)}",
            "note": (f"{kind} {name}, permalink {iri}" if kind != "document" else f"permalink {iri}")
                    + (f"; English title: {w.title_en}" if w.title_en else ""),
            "urldate": accessed, "language": w.title_lang,
        }
        body = ",\n".join(f"  {k} = {{{_bib_escape(v)}}}" for k, v in fields.items() if v)
        key = _bibkey(iri) + (f"-{i}" if len(works) > 1 else "")
        entries.append(f"@misc{{{key},\n{body}\n}}\n")
    return "\n".join(entries)


def _csl_date(issued: str) -> dict:
    parts = [int(p) for p in re.findall(r"\d+", issued[:10])][:3]
    return {"date-parts": [parts]} if parts else {}


def as_csl(iri: str, name: str, kind: str, works: list[Work], accessed: str) -> str:
    items = []
    for i, w in enumerate(works, 1):
        item = {
            "id": _bibkey(iri) + (f"-{i}" if len(works) > 1 else ""),
            "type": "article-newspaper" if w.publisher else "document",
            "title": w.title, "language": w.title_lang,
            "author": [{"literal": a} for a in w.authors], "publisher": w.publisher,
            "issued": _csl_date(w.issued), "URL": w.url or iri,
            "accessed": _csl_date(accessed),
            "note": f"{kind}: {name}; permalink {iri}" + (f"; characters {_chars(w)}" if w.passages else ""),
        }
        if w.title_en:
            item["title-short"] = w.title_en
        items.append({k: v for k, v in item.items() if v not in ("", [], {})})
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


WRITERS = {"text": as_text, "bibtex": as_bibtex, "csl-json": as_csl}


def choose_format() -> str:
    fmt = request.args.get("format")
    if fmt:
        if fmt not in CITE_FORMATS:
            raise UsageError(f"format={fmt!r}: a citation is offered as {', '.join(CITE_FORMATS)}")
        return fmt
    best = conneg.negotiate(request.headers.get("Accept"), CITE_OFFERS)
    if best is None:
        raise NotAcceptable(f"a citation is offered as {', '.join(CITE_FORMATS.values())}")
    return best.name


QUOTE = "SELECT ?exact WHERE { $this oa:hasTarget/oa:hasSelector/oa:exact ?exact } LIMIT 1"


def _name(iri: str, kind: str) -> str:
    """What the citation calls the resource: its name, or for a quote its words."""
    if kind == "evidence":
        found = rows(QUOTE, this=iri)
        if found:
            words = " ".join(found[0]["exact"].value.split())
            return words if len(words) <= 200 else words[:199] + "…"
    return label_of(iri, ["en", "uz-latn"])[0]


def cite_response(iri: str, fmt: str) -> Response:
    kind, works = citation(iri)
    name = _name(iri, kind)
    body = WRITERS[fmt](iri, name, kind, works, date.today().isoformat())
    resp = Response(body, content_type=f"{CITE_FORMATS[fmt]}; charset=utf-8")
    resp.headers["Vary"] = "Accept"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    ext = {"text": "txt", "bibtex": "bib", "csl-json": "json"}[fmt]
    if request.args.get("download"):
        resp.headers["Content-Disposition"] = f'attachment; filename="{_bibkey(iri)}.{ext}"'
    return resp


@bp.route("/cite/<path:path>")
def cite(path: str):
    from .linked_data import exists

    iri = ns.ID + path
    if not exists(iri):
        from werkzeug.exceptions import NotFound

        raise NotFound()
    return cite_response(iri, choose_format())
