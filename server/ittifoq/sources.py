"""The input files of a build and the named graph each one feeds.

- ``ontology/*.ttl``            → graph/ontology
- ``data/reference/*.ttl``      → graph/reference   (entities shared by all documents)
- ``data/sources/documents.ttl`` → graph/corpus     (document metadata; texts added by the build)
- ``data/facts/{slug}.ttl``     → graph/{slug}      (what document ``slug`` says)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import namespaces as ns
from .config import Config
from .errors import ChecksumError, SourceError
from .formats import RDF

# The formats source files are written in (a subset of ittifoq.formats), by extension.
RDF_FORMATS = {f".{f.extension}": f.ox_format for f in RDF if f.name in ("turtle", "ntriples", "trig")}


@dataclass(frozen=True)
class InputFile:
    path: Path
    graph: str
    kind: str  # ontology | reference | corpus | facts
    document: str | None = None  # slug, for facts files


@dataclass(frozen=True)
class Document:
    slug: str
    iri: str
    graph: str
    text_path: Path
    sha256: str
    text: str


def relative(config: Config, path: Path) -> str:
    try:
        return str(path.resolve().relative_to(config.root))
    except ValueError:
        return str(path)


def parse_rdf(config: Config, path: Path) -> list[ox.Quad]:
    """Parse one file with Oxigraph's parser; a syntax error names file, line and column."""
    fmt = RDF_FORMATS.get(path.suffix)
    if fmt is None:
        raise SourceError(f"{relative(config, path)}: unsupported file type {path.suffix!r}")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{relative(config, path)}: cannot read: {e.strerror}") from e
    try:
        return list(ox.parse(input=data, format=fmt, base_iri=ns.BASE))
    except SyntaxError as e:
        line = f":{e.lineno}:{e.offset}" if e.lineno else ""
        raise SourceError(f"{relative(config, path)}{line}: {e.msg}") from e


def input_files(config: Config) -> list[InputFile]:
    files: list[InputFile] = []
    for path in sorted(config.ontology_dir.glob("*.ttl")):
        files.append(InputFile(path, ns.ONTOLOGY_GRAPH, "ontology"))
    for path in sorted(config.reference_dir.glob("*.ttl")):
        files.append(InputFile(path, ns.REFERENCE_GRAPH, "reference"))
    corpus = config.sources_dir / "documents.ttl"
    if not corpus.is_file():
        raise SourceError(f"{relative(config, corpus)}: missing (the document metadata)")
    files.append(InputFile(corpus, ns.CORPUS_GRAPH, "corpus"))
    for path in sorted(config.facts_dir.glob("*.ttl")):
        slug = path.stem
        files.append(InputFile(path, ns.document_graph(slug), "facts", document=slug))
    if not any(f.kind == "ontology" for f in files):
        raise SourceError(f"{relative(config, config.ontology_dir)}: no ontology (*.ttl) found")
    return files


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_documents(config: Config, corpus_quads: list[ox.Quad]) -> dict[str, Document]:
    """Documents described in the corpus metadata, with their texts checked against SHA-256."""
    text_file = ox.NamedNode(ns.ITT + "textFile")
    checksum = ox.NamedNode(ns.ITT + "sha256")
    by_subject: dict[str, dict[str, str]] = {}
    for q in corpus_quads:
        if q.predicate in (text_file, checksum):
            by_subject.setdefault(q.subject.value, {})[q.predicate.value] = q.object.value
    docs: dict[str, Document] = {}
    prefix = ns.ID + "document/"
    meta_path = relative(config, config.sources_dir / "documents.ttl")
    for iri, props in sorted(by_subject.items()):
        if not iri.startswith(prefix):
            raise SourceError(f"{meta_path}: document IRI {iri} is not under {prefix}")
        slug = iri[len(prefix) :]
        if ns.ITT + "textFile" not in props or ns.ITT + "sha256" not in props:
            raise SourceError(f"{meta_path}: document {slug} needs both itt:textFile and itt:sha256")
        path = config.root / props[ns.ITT + "textFile"]
        try:
            data = path.read_bytes()
        except OSError as e:
            raise SourceError(f"{meta_path}: document {slug}: cannot read {relative(config, path)}") from e
        actual = sha256_hex(data)
        expected = props[ns.ITT + "sha256"]
        if actual != expected:
            raise ChecksumError(
                f"{relative(config, path)}: SHA-256 is {actual}, but {meta_path} records {expected}; "
                "source texts must stay byte for byte as delivered (evidence offsets point into them)"
            )
        docs[slug] = Document(slug, iri, ns.document_graph(slug), path, actual, data.decode("utf-8"))
    return docs
