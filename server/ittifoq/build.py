"""Compile ontology, reference data, corpus metadata and facts into one dataset.

The output is sorted N-Quads (byte-identical for identical inputs) written atomically to
``build/ittifoq.nq``, with a manifest of the inputs' checksums so that ``ensure_built``
rebuilds only when a source changed.

What the build adds to the authored files:
- each document's exact text (``schema:text``) and its facts graph, in graph/corpus;
- for every ``itt:evidence [ oa:exact "…" ]`` written by an author, a full Web Annotation
  with a TextQuoteSelector and a TextPositionSelector whose offsets are computed here,
  never typed by hand. A quote that is missing or ambiguous fails the build; so do two facts
  quoting the same span (an annotation has one body, so that its ``itt:supports`` are unambiguous);
- the annotation's ``itt:supports``, the properties whose statements it supports: every
  statement of a fact needs one, and each must name a statement the fact has (``support.py``);
- deterministic labels for the remaining blank nodes;
- the default graph: the ontology, reference and corpus graphs' triples and the documents'
  consolidated statements (``consolidate.py``), not the union of every document's graph, so
  that every engine loading the file sees the same default graph.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import __version__
from . import namespaces as ns
from .config import Config
from .consolidate import default_graph
from .errors import EvidenceError, SourceError
from .evidence import QuoteAmbiguous, QuoteNotFound, find_all, locate
from .sources import Document, InputFile, input_files, load_documents, parse_rdf, relative, sha256_hex
from .support import SUPPORTS, SourceLines, exempt_properties
from .support import check as check_support

RDF_TYPE = ox.NamedNode(ns.RDF + "type")
ITT_EVIDENCE = ox.NamedNode(ns.ITT + "evidence")
OA_EXACT = ox.NamedNode(ns.OA + "exact")
OA_PREFIX = ox.NamedNode(ns.OA + "prefix")
OA_SUFFIX = ox.NamedNode(ns.OA + "suffix")
# Oxigraph stores every integer-derived datatype (xsd:nonNegativeInteger included) as
# xsd:integer; writing xsd:integer keeps the built file and the served data identical.
XSD_INTEGER = ox.NamedNode(ns.XSD + "integer")
ALT_LABEL = ox.NamedNode(ns.SKOS + "altLabel")
ACRONYM = ox.NamedNode(ns.ITT + "acronym")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


@dataclass(frozen=True)
class BuildResult:
    path: Path
    quads: int
    rebuilt: bool


def _line_of(source_text: str, needle: str) -> int | None:
    probe = needle.split("\n")[0][:40]
    idx = source_text.find(probe)
    return source_text.count("\n", 0, idx) + 1 if idx >= 0 else None


def _evidence_quads(fact: ox.NamedNode | ox.BlankNode, doc: Document, span, graph: ox.NamedNode):
    ev = _n(f"{ns.ID}evidence/{doc.slug}/{span.start}-{span.end}")
    target = _n(ev.value + "#target")
    quote = _n(ev.value + "#quote")
    position = _n(ev.value + "#position")
    d = _n(doc.iri)
    return [
        ox.Quad(fact, ITT_EVIDENCE, ev, graph),
        ox.Quad(ev, RDF_TYPE, _n(ns.ITT + "Evidence"), graph),
        ox.Quad(ev, RDF_TYPE, _n(ns.OA + "Annotation"), graph),
        ox.Quad(ev, _n(ns.OA + "motivatedBy"), _n(ns.OA + "describing"), graph),
        ox.Quad(ev, _n(ns.OA + "hasBody"), fact, graph),
        ox.Quad(ev, _n(ns.ITT + "sourceDocument"), d, graph),
        ox.Quad(ev, _n(ns.OA + "hasTarget"), target, graph),
        ox.Quad(target, RDF_TYPE, _n(ns.OA + "SpecificResource"), graph),
        ox.Quad(target, _n(ns.OA + "hasSource"), d, graph),
        ox.Quad(target, _n(ns.OA + "hasSelector"), quote, graph),
        ox.Quad(target, _n(ns.OA + "hasSelector"), position, graph),
        ox.Quad(quote, RDF_TYPE, _n(ns.OA + "TextQuoteSelector"), graph),
        ox.Quad(quote, OA_EXACT, ox.Literal(span.exact), graph),
        ox.Quad(quote, OA_PREFIX, ox.Literal(span.prefix), graph),
        ox.Quad(quote, OA_SUFFIX, ox.Literal(span.suffix), graph),
        ox.Quad(position, RDF_TYPE, _n(ns.OA + "TextPositionSelector"), graph),
        ox.Quad(position, _n(ns.OA + "start"), ox.Literal(str(span.start), datatype=XSD_INTEGER), graph),
        ox.Quad(position, _n(ns.OA + "end"), ox.Literal(str(span.end), datatype=XSD_INTEGER), graph),
    ]


def expand_facts(config: Config, f: InputFile, quads: list[ox.Quad], docs: dict[str, Document],
                 exempt: frozenset[ox.NamedNode] = frozenset()) -> list[ox.Quad]:
    """Turn evidence shorthands into annotations, check surface forms against the text, and
    check that every statement has evidence supporting it (``exempt``: the properties that need
    none, from the ontology)."""
    where = relative(config, f.path)
    doc = docs.get(f.document or "")
    if doc is None:
        raise SourceError(
            f"{where}: no document {f.document!r} in data/sources/documents.ttl "
            f"(a facts file is named after its document's slug: {', '.join(sorted(docs))})"
        )
    source_text = f.path.read_text(encoding="utf-8")
    graph = _n(doc.graph)
    lines = SourceLines(source_text)
    # Every value of each shorthand's properties: itt:supports has several.
    shorthand: dict[ox.BlankNode, dict[str, list[ox.Term]]] = {}
    for q in quads:
        if q.predicate == ITT_EVIDENCE and isinstance(q.object, ox.BlankNode):
            shorthand.setdefault(q.object, {})
    for q in quads:
        if q.subject in shorthand and isinstance(q.subject, ox.BlankNode):
            shorthand[q.subject].setdefault(q.predicate.value, []).append(q.object)
    out: list[ox.Quad] = []
    body_of: dict[ox.NamedNode, tuple[ox.Term, str]] = {}
    evidence_lines: dict[ox.Term, int | None] = {}
    for q in quads:
        if q.subject in shorthand:
            continue
        if q.predicate == ITT_EVIDENCE and q.object in shorthand:
            values = shorthand[q.object]
            props = {k: v[0].value for k, v in values.items() if k != SUPPORTS.value}
            quote = props.get(OA_EXACT.value)
            if not quote:
                raise EvidenceError(f"{where}: an itt:evidence of <{q.subject.value}> has no oa:exact quote")
            line = lines.quote(q.subject, quote) or _line_of(source_text, quote)
            place = f"{where}:{line}" if line else where
            try:
                span = locate(doc.text, quote, props.get(OA_PREFIX.value), props.get(OA_SUFFIX.value))
            except QuoteNotFound as e:
                raise EvidenceError(f"{place}: {e} in document {doc.slug}: «{quote[:80]}»") from e
            except QuoteAmbiguous as e:
                raise EvidenceError(f"{place}: {e} (document {doc.slug}): «{quote[:80]}»") from e
            evidence = _evidence_quads(q.subject, doc, span, graph)
            ev = evidence[0].object
            other, other_place = body_of.setdefault(ev, (q.subject, place))
            if other != q.subject:
                raise EvidenceError(
                    f"{place}: <{q.subject.value}> quotes the same words as <{other.value}> ({other_place}): "
                    f"«{span.exact[:80]}»; an evidence supports one fact, so quote each fact's own clause "
                    f"(start at its own name) or widen one quote")
            evidence_lines.setdefault(ev, line)
            out.extend(evidence)
            for prop in values.get(SUPPORTS.value, []):
                if not isinstance(prop, ox.NamedNode):
                    raise EvidenceError(f"{place}: itt:supports names a property (an IRI such as itt:startDate), "
                                        f"not {prop}")
                out.append(ox.Quad(ev, SUPPORTS, prop, graph))
            continue
        if q.predicate in (ALT_LABEL, ACRONYM) and isinstance(q.object, ox.Literal):
            # A surface form in a document graph is a verbatim quote of that document.
            if not _occurs(doc.text, q.object.value):
                line = _line_of(source_text, q.object.value)
                raise EvidenceError(
                    f"{where}:{line or '?'}: surface form «{q.object.value}» of <{q.subject.value}> "
                    f"does not occur in document {doc.slug}"
                )
        out.append(ox.Quad(q.subject, q.predicate, q.object, graph))
    check_support(where, out, exempt, source_text, evidence_lines)
    return out


def _occurs(text: str, form: str) -> bool:
    return bool(form.split()) and bool(find_all(text, form))


def corpus_additions(docs: dict[str, Document]) -> list[ox.Quad]:
    graph = _n(ns.CORPUS_GRAPH)
    out = []
    for doc in docs.values():
        d = _n(doc.iri)
        out.append(ox.Quad(d, _n(ns.SCHEMA + "text"), ox.Literal(doc.text), graph))
        out.append(ox.Quad(d, _n(ns.ITT + "factsGraph"), _n(doc.graph), graph))
    return out


class _BlankNodeLabeller:
    """Blank nodes get labels from their file and order of appearance, so output is stable."""

    def __init__(self):
        self.labels: dict[tuple[str, str], ox.BlankNode] = {}

    def __call__(self, term, scope: str):
        if isinstance(term, ox.BlankNode):
            key = (scope, term.value)
            if key not in self.labels:
                self.labels[key] = ox.BlankNode(f"b{len(self.labels)}")
            return self.labels[key]
        return term


def compile_quads(config: Config) -> list[ox.Quad]:
    files = input_files(config)
    parsed = {f.path: parse_rdf(config, f.path) for f in files}
    corpus_file = next(f for f in files if f.kind == "corpus")
    docs = load_documents(config, parsed[corpus_file.path])
    exempt = exempt_properties(q for f in files if f.kind == "ontology" for q in parsed[f.path])
    label = _BlankNodeLabeller()
    quads: list[ox.Quad] = []
    for f in files:
        raw = parsed[f.path]
        if f.kind == "facts":
            raw = expand_facts(config, f, raw, docs, exempt)
        graph = _n(f.graph)
        scope = relative(config, f.path)
        for q in raw:
            quads.append(ox.Quad(label(q.subject, scope), q.predicate, label(q.object, scope), graph))
    quads.extend(corpus_additions(docs))
    quads.extend(default_graph(quads, {f.graph for f in files if f.kind == "facts"}))
    return quads


def serialize_sorted(quads: list[ox.Quad]) -> bytes:
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    lines = sorted(set(data.decode("utf-8").splitlines()))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def input_fingerprint(config: Config) -> dict[str, str]:
    """Checksums of every file the dataset depends on (the code version too)."""
    paths = [f.path for f in input_files(config)]
    paths += sorted(config.sources_dir.glob("*.txt"))
    fp = {relative(config, p): sha256_hex(p.read_bytes()) for p in paths}
    fp["ittifoq.version"] = __version__
    for module in ("build.py", "consolidate.py", "support.py"):
        fp[module] = sha256_hex((Path(__file__).parent / module).read_bytes())
    return fp


def is_stale(config: Config) -> bool:
    if not config.dataset_path.is_file() or not config.manifest_path.is_file():
        return True
    try:
        manifest = json.loads(config.manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return manifest.get("inputs") != input_fingerprint(config)


def build(config: Config, force: bool = False) -> BuildResult:
    if not force and not is_stale(config):
        manifest = json.loads(config.manifest_path.read_text(encoding="utf-8"))
        return BuildResult(config.dataset_path, manifest["quads"], rebuilt=False)
    quads = compile_quads(config)
    data = serialize_sorted(quads)
    _write_atomic(config.dataset_path, data)
    manifest = {"inputs": input_fingerprint(config), "quads": data.count(b"\n")}
    _write_atomic(config.manifest_path, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))
    return BuildResult(config.dataset_path, manifest["quads"], rebuilt=True)


def ensure_built(config: Config) -> Path:
    return build(config).path
