"""HTML documentation of the ontology, generated from the Turtle file (never edited by hand).

One self-contained page: metadata, then classes (with their place in the hierarchy),
properties (with domain and range), datatypes and controlled vocabularies, each term with its
labels in every language, its definition and its alignments, anchored by local name.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from .namespaces import ITT, PREFIXES

VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
SECTIONS = (
    ("classes", "Classes", (OWL.Class,)),
    ("object-properties", "Object properties", (OWL.ObjectProperty,)),
    ("datatype-properties", "Datatype properties", (OWL.DatatypeProperty,)),
    ("annotation-properties", "Annotation properties", (OWL.AnnotationProperty,)),
    ("datatypes", "Datatypes", (RDFS.Datatype,)),
)
CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1{margin-bottom:.2rem} h2{border-bottom:2px solid #2a6f97;padding-bottom:.2rem;margin-top:2.5rem}
.term{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.term h3{margin:.2rem 0;font-family:ui-monospace,monospace;font-size:1.05rem}
.iri{color:#555;font-size:.85rem;word-break:break-all} dt{font-weight:600;float:left;width:10rem;clear:left}
dd{margin-left:11rem} nav{clear:both}
.labels span{display:inline-block;margin-right:1rem} .lang{color:#2a6f97;font-size:.8rem}
nav ul{columns:3;font-size:.9rem} code{font-size:.9rem}
"""


def _qname(term) -> str:
    s = str(term)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if s.startswith(ns) and s != ns:
            return f"{prefix}:{s[len(ns):]}"
    return s


def _link(term) -> str:
    if isinstance(term, rdflib.BNode):
        return "(anonymous)"
    s = str(term)
    if s.startswith(ITT):
        return f'<a href="#{escape(s[len(ITT):])}"><code>{escape(_qname(term))}</code></a>'
    return f'<a href="{escape(s)}"><code>{escape(_qname(term))}</code></a>'


def _labels(g: rdflib.Graph, term, prop) -> str:
    lits = sorted(g.objects(term, prop), key=lambda lit: (lit.language or "", str(lit)))
    return " ".join(f'<span>{escape(str(lit))} <span class="lang">{escape(lit.language or "")}</span></span>'
                    for lit in lits)


def _term_html(g: rdflib.Graph, term) -> str:
    local = str(term)[len(ITT):]
    rows = [("Labels", f'<div class="labels">{_labels(g, term, RDFS.label) or _labels(g, term, SKOS.prefLabel)}</div>')]
    for prop, name in ((SKOS.definition, "Definition"), (SKOS.editorialNote, "Note"),
                       (rdflib.URIRef(ITT + "supportNotRequired"), "Needs no itt:supports, because")):
        for lit in g.objects(term, prop):
            rows.append((name, escape(str(lit))))
    for prop, name in ((RDFS.subClassOf, "Subclass of"), (RDFS.subPropertyOf, "Subproperty of"),
                       (RDFS.domain, "Domain"), (RDFS.range, "Range"), (OWL.inverseOf, "Inverse of"),
                       (SKOS.inScheme, "In scheme"), (SKOS.closeMatch, "Close match"),
                       (SKOS.exactMatch, "Exact match")):
        values = sorted(g.objects(term, prop), key=str)
        if values:
            rows.append((name, ", ".join(_link(v) for v in values)))
    subclasses = sorted(g.subjects(RDFS.subClassOf, term), key=str)
    if subclasses:
        rows.append(("Subclasses", ", ".join(_link(v) for v in subclasses)))
    code = g.value(term, rdflib.URIRef(ITT + "cameoCode"))
    if code is not None:
        rows.append(("CAMEO code", escape(str(code))))
    body = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return (f'<div class="term" id="{escape(local)}"><h3>{escape(_qname(term))}</h3>'
            f'<div class="iri">{escape(str(term))}</div><dl>{body}</dl></div>')


def render(ontology_path: Path) -> str:
    g = rdflib.Graph().parse(ontology_path)
    onto = rdflib.URIRef(ITT)
    meta = [(name, g.value(onto, prop)) for name, prop in (
        ("Version", OWL.versionInfo), ("Version IRI", OWL.versionIRI), ("License", DCTERMS.license),
        ("Creator", DCTERMS.creator), ("Preferred prefix", VANN.preferredNamespacePrefix),
        ("Namespace", VANN.preferredNamespaceUri))]
    title = next((str(t) for t in g.objects(onto, DCTERMS.title) if t.language == "en"), "ontology")
    parts = [f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
             f"<style>{CSS}</style></head><body><h1>{escape(title)}</h1>"]
    for d in sorted(g.objects(onto, DCTERMS.description), key=lambda lit: lit.language or ""):
        parts.append(f'<p lang="{escape(d.language or "")}">{escape(str(d))}</p>')
    parts.append("<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in meta if v)
                 + "</dl>")
    nav, sections = [], []
    for anchor, heading, types in SECTIONS:
        terms = sorted({t for ty in types for t in g.subjects(RDF.type, ty)
                        if isinstance(t, rdflib.URIRef) and str(t).startswith(ITT)}, key=str)
        if not terms:
            continue
        nav.append(f'<li><a href="#{anchor}">{escape(heading)}</a> ({len(terms)})</li>')
        sections.append(f'<h2 id="{anchor}">{escape(heading)}</h2>' + "".join(_term_html(g, t) for t in terms))
    schemes = sorted(g.subjects(RDF.type, SKOS.ConceptScheme), key=str)
    if schemes:
        nav.append('<li><a href="#vocabularies">Controlled vocabularies</a></li>')
        block = ['<h2 id="vocabularies">Controlled vocabularies</h2>']
        for scheme in schemes:
            block.append(f"<h3>{escape(_qname(scheme))}: {_labels(g, scheme, SKOS.prefLabel)}</h3>")
            concepts = sorted(g.subjects(SKOS.inScheme, scheme), key=str)
            block.append("".join(_term_html(g, c) for c in concepts))
        sections.append("".join(block))
    reused = sorted({t for ty in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                     for t in g.subjects(RDF.type, ty) if isinstance(t, rdflib.URIRef) and not str(t).startswith(ITT)},
                    key=str)
    nav.append('<li><a href="#reused">Reused terms</a></li>')
    sections.append('<h2 id="reused">Reused terms</h2><p>Terms of W3C and other vocabularies that the data '
                    "uses, declared here with labels:</p><ul>"
                    + "".join(f"<li>{_link(t)}: {escape(str(g.value(t, SKOS.definition) or ''))}</li>"
                              for t in reused) + "</ul>")
    parts.append("<nav><ul>" + "".join(nav) + "</ul></nav>")
    parts.extend(sections)
    parts.append("<footer><p>Generated from <code>ontology/ittifoq.ttl</code> by <code>ittifoq docs</code>."
                 "</p></footer></body></html>\n")
    return "".join(parts)


def write(ontology_path: Path, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".part")
    tmp.write_text(render(ontology_path), encoding="utf-8")
    tmp.replace(output)
