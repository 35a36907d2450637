"""Evidence shown on the pages: each quote in its context, and a document's text cut into
segments at every evidence boundary so that every quoted passage can be marked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import url_for

from .. import namespaces as ns
from .lookup import catalogue, labels_for, per_data, rows
from .names import display_tag, graph_badges, href, label_of

CONTEXT_CHARS = 160

# ---------------------------------------------------------------------------
# Evidence: quotes in their context
# ---------------------------------------------------------------------------

EVIDENCE_OF_QUERY = """
SELECT DISTINCT ?ev ?doc ?start ?end ?exact ?g WHERE {
  GRAPH ?g {
    $this itt:evidence ?ev .
    ?ev itt:sourceDocument ?doc ; oa:hasTarget ?t .
    ?t oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
    OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?exact }
  }
}"""
EVIDENCE_SELF_QUERY = """
SELECT DISTINCT ?ev ?doc ?start ?end ?exact ?g WHERE {
  BIND($this AS ?ev)
  GRAPH ?g {
    ?ev itt:sourceDocument ?doc ; oa:hasTarget ?t .
    ?t oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
    OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?exact }
  }
}"""
DOCUMENT_TEXT_QUERY = "SELECT ?text WHERE { GRAPH graph:corpus { $doc schema:text ?text } }"


def document_text(doc: str) -> str | None:
    texts = per_data().get("texts", dict)
    if doc not in texts:
        if len(texts) > 1000:
            texts.clear()
        found = rows(DOCUMENT_TEXT_QUERY, doc=doc) if doc in catalogue().document_graph else []
        texts[doc] = found[0]["text"].value if found else None
    return texts[doc]


DOC_LANGUAGE_QUERY = "SELECT ?l WHERE { $doc dct:language ?l } LIMIT 1"


def document_language(doc: str) -> str:
    """The BCP 47 tag of a document's text, as written (``uz-Cyrl``), or ""."""
    langs = per_data().get("doc-languages", dict)
    if doc not in langs:
        found = rows(DOC_LANGUAGE_QUERY, doc=doc)
        langs[doc] = display_tag(found[0]["l"].value.lower()) if found else ""
    return langs[doc]


def evidence_anchor(start: int, end: int) -> str:
    return f"ev-{start}-{end}"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@dataclass
class EvidenceView:
    iri: str
    href: str | None
    doc: str
    doc_label: str
    doc_href: str | None
    in_document_href: str | None
    graph: dict
    start: int
    end: int
    before: str
    exact: str
    after: str
    verified: bool
    lang: str = ""
    doc_lang: str = ""
    cite_href: str | None = None
    # The statements this quote supports, in words (ittifoq.web.statement_evidence), and
    # whether it names none, so supports the whole fact.
    supports: list = field(default_factory=list)
    whole_fact: bool = True

    @property
    def anchor(self) -> str:
        """The quote's id in a page's evidence list: ``quote-{document}-{start}-{end}``."""
        return f"quote-{self.iri.rsplit('/evidence/', 1)[-1].replace('/', '-')}"


def evidence_views(rows_, langs: list[str]) -> list[EvidenceView]:
    out: dict[str, EvidenceView] = {}
    for r in rows_:
        ev, doc = r["ev"].value, r["doc"].value
        start, end = int(r["start"].value), int(r["end"].value)
        text = document_text(doc)
        exact = r["exact"].value if r.get("exact") is not None else ""
        if text is not None and 0 <= start <= end <= len(text):
            a = max(0, start - CONTEXT_CHARS)
            b = min(len(text), end + CONTEXT_CHARS)
            # Cut the context at word boundaries, so no word is shown half.
            while a > 0 and not text[a - 1].isspace() and start - a < CONTEXT_CHARS + 20:
                a -= 1
            while b < len(text) and not text[b].isspace() and b - end < CONTEXT_CHARS + 20:
                b += 1
            before = ("… " if a > 0 else "") + _squash(text[a:start]).lstrip()
            after = _squash(text[end:b]).rstrip() + (" …" if b < len(text) else "")
            verified = not exact or text[start:end] == exact
            shown = text[start:end]
        else:
            before, after, verified, shown = "", "", False, exact
        doc_page = href(doc)
        doc_label, doc_lang = label_of(doc, langs)
        out[ev] = EvidenceView(
            iri=ev, href=href(ev), doc=doc, doc_label=doc_label, doc_href=doc_page, doc_lang=doc_lang,
            lang=document_language(doc),
            cite_href=url_for("cite.cite", path=ev[len(ns.ID):]) if ev.startswith(ns.ID) and "#" not in ev else None,
            in_document_href=f"{doc_page}#{evidence_anchor(start, end)}" if doc_page else None,
            graph=graph_badges([r["g"].value])[0], start=start, end=end,
            before=before, exact=_squash(shown), after=after, verified=verified,
        )
    return sorted(out.values(), key=lambda e: (e.doc, e.start, e.end))


# ---------------------------------------------------------------------------
# The document text with every evidence span marked
# ---------------------------------------------------------------------------

DOCUMENT_EVIDENCE_QUERY = """
SELECT DISTINCT ?ev ?fact ?start ?end ?p WHERE {
  GRAPH ?g {
    ?ev itt:sourceDocument $doc ; oa:hasBody ?fact ; oa:hasTarget ?t .
    ?t oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
    OPTIONAL { ?ev itt:supports ?p }
  }
}"""


def _rank(prop: str) -> tuple:
    from .entity_view import rank

    return rank(prop), prop


def _property_name(prop: str, langs: list[str]) -> str:
    from .i18n import translate

    return translate("ev.type") if prop == ns.RDF + "type" else label_of(prop, langs)[0]


def marked_text(doc: str, text: str, langs: list[str]) -> tuple[list[dict], list[dict]]:
    """The text cut into segments at every evidence boundary. Each segment knows the
    evidence spans covering it (for ``<mark>``), the anchors starting there and the note
    numbers of the spans ending there; overlapping and nested spans are fine."""
    spans: dict[tuple[int, int], dict[str, set[str]]] = {}  # span → fact → the properties it supports
    for r in rows(DOCUMENT_EVIDENCE_QUERY, doc=doc):
        s, e = int(r["start"].value), int(r["end"].value)
        if 0 <= s < e <= len(text):
            props = spans.setdefault((s, e), {}).setdefault(r["fact"].value, set())
            if r.get("p") is not None:
                props.add(r["p"].value)
    labels_for({f for facts in spans.values() for f in facts} | {p for fs in spans.values() for ps in fs.values()
                                                                  for p in ps})
    notes = []
    for n, ((s, e), facts) in enumerate(sorted(spans.items()), 1):
        notes.append({
            "n": n, "start": s, "end": e, "anchor": evidence_anchor(s, e),
            "facts": [{"iri": f, "href": href(f), "label": label_of(f, langs)[0],
                       "supports": [_property_name(p, langs) for p in sorted(facts[f], key=_rank)]}
                      for f in sorted(facts)],
            "exact": _squash(text[s:e]),
        })
    cuts = sorted({0, len(text), *(n["start"] for n in notes), *(n["end"] for n in notes)})
    segments = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [n for n in notes if n["start"] <= a and b <= n["end"]]
        segments.append({
            "text": text[a:b],
            "anchors": [n["anchor"] for n in notes if n["start"] == a],
            "marked": bool(covering),
            "evs": " ".join(n["anchor"] for n in covering),
            "title": "; ".join(f["label"] for n in covering for f in n["facts"]),
            "notes": [n for n in notes if n["end"] == b],
        })
    return segments, notes
