"""Names and links: the reader's languages, the choice of a label in them, ``prefix:local``
short names, the local link for an IRI, and the views of RDF terms the templates show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import request, url_for

from .. import namespaces as ns
from .lookup import ITT_ACRONYM, LABEL_PRIORITY, Label, catalogue, labels_of

DEFAULT_LANGUAGES = ("en", "uz-latn")
_LANG_RE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")

# ---------------------------------------------------------------------------
# The reader's language
# ---------------------------------------------------------------------------


def reader_languages() -> list[str]:
    """Language ranges, best first: ``?lang=`` (comma-separated), then Accept-Language, then
    English and Uzbek Latin. Lower case, because tags compare case-insensitively."""
    out: list[str] = []
    asked = request.args.get("lang", "")
    out += [t.strip() for t in asked.split(",") if _LANG_RE.match(t.strip())]
    out += [v for v, q in request.accept_languages if q > 0 and _LANG_RE.match(v)]
    out += DEFAULT_LANGUAGES
    seen: list[str] = []
    for tag in (t.lower() for t in out):
        if tag not in seen:
            seen.append(tag)
    return seen


def _matches(tag: str, lang_range: str) -> bool:
    return tag == lang_range or tag.startswith(lang_range + "-")


def pick_label(labels: list[Label], langs: list[str]) -> Label | None:
    """RFC 4647 lookup over the language ranges: the first range any name matches wins, and
    within it the best kind of name (preferred label before alternative ones). A bare ``uz``
    prefers Latin script, the official one."""
    usable = [lb for lb in labels if lb.priority < LABEL_PRIORITY[ITT_ACRONYM]]
    for lang_range in langs:
        found = [lb for lb in usable if _matches(lb.lang, lang_range)]
        if found:
            return min(found, key=lambda lb: (lb.priority, lb.lang != lang_range,
                                              not lb.lang.endswith("-latn"), lb.lang, lb.value))
    if labels:
        return min(labels, key=lambda lb: (lb.priority, lb.lang != "", lb.lang, lb.value))
    return None


def short_name(iri: str) -> str:
    """``prefix:local`` where a project prefix fits, else the last path segment."""
    name = ns.shorten(iri)
    if name:
        return name
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return tail or iri


def label_of(iri: str, langs: list[str] | None = None) -> tuple[str, str]:
    """(name, language tag as written or "") of a resource for this reader."""
    langs = langs if langs is not None else reader_languages()
    lb = pick_label(labels_of(iri), langs)
    if lb is None:
        return short_name(iri), ""
    return lb.value, display_tag(lb.lang)


def display_tag(tag: str) -> str:
    """BCP 47 case conventions for display: ``uz-latn`` → ``uz-Latn``."""
    parts = tag.split("-")
    for i, p in enumerate(parts[1:], 1):
        parts[i] = p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p
    return "-".join(parts)


# ---------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------


def _with_lang(url: str) -> str:
    lang = request.args.get("lang")
    if lang and _LANG_RE.match(lang.split(",")[0].strip()):
        url += ("&" if "?" in url else "?") + urlencode({"lang": lang})
    return url


def href(iri: str) -> str | None:
    """Where a link to ``iri`` goes: the local page for the dataset's own IRIs, the IRI
    itself for other web resources, nothing for other schemes (no ``javascript:`` links)."""
    base, _, fragment = iri.partition("#")
    if base.startswith(ns.ID) and len(base) > len(ns.ID):
        url = _with_lang(url_for("ld.page", path=base[len(ns.ID):]))
        return url + ("#" + fragment if fragment else "")
    if base.startswith(ns.BASE) or iri in catalogue().ontology_terms:
        return _with_lang(url_for("ld.describe", iri=iri))
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def page_url_for_graph(graph: str) -> str | None:
    doc = catalogue().graph_document.get(graph)
    return href(doc) if doc else None


def graph_name(graph: str) -> str:
    return graph[len(ns.GRAPH):] if graph.startswith(ns.GRAPH) else graph


# ---------------------------------------------------------------------------
# Term views for templates
# ---------------------------------------------------------------------------


@dataclass
class TermView:
    kind: str  # "iri", "literal", "bnode"
    text: str
    href: str | None = None
    iri: str | None = None
    lang: str = ""
    datatype: str = ""
    graphs: list[dict] = field(default_factory=list)
    date: str = ""
    fallback: bool = False  # a name not in the reader's first language
    term: object = None  # the RDF term shown
    refs: list = field(default_factory=list)  # the quotes supporting this value (EvidenceView)
    whole_fact: bool = False  # stated where the fact's quotes do not say what they support


def is_fallback(lang: str, langs: list[str]) -> bool:
    """A name shown in another language than the reader's first (so the page says so)."""
    if not lang or not langs:
        return False
    tag, first = lang.lower(), langs[0]
    return not (tag == first or tag.startswith(first + "-") or first.startswith(tag + "-"))


def term_view(term, langs: list[str]) -> TermView:
    if isinstance(term, ox.NamedNode):
        text, lang = label_of(term.value, langs)
        link = href(term.value)
        if not labels_of(term.value) and link == term.value:
            # A web address with no name (a document's source): shown in full.
            text = term.value
        return TermView("iri", text, link, term.value, lang, fallback=is_fallback(lang, langs), term=term)
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        shown_dt = "" if term.language or dt in (ns.XSD + "string", "") else short_name(dt)
        return TermView("literal", term.value, lang=display_tag(term.language or ""), datatype=shown_dt, term=term)
    return TermView("bnode", "_:" + getattr(term, "value", str(term)), term=term)


def graph_badges(graphs) -> list[dict]:
    out = []
    for g in sorted(set(graphs)):
        out.append({"name": graph_name(g), "iri": g, "href": page_url_for_graph(g)})
    return out
