"""A release folder that can be checked: every export format gzipped (reproducibly), their
SHA-256 sums, the VoID/DCAT description, and the changes since a previous release.

``ittifoq release DIR [--previous DIR_OR_DUMP]`` writes::

    ittifoq.nq.gz ittifoq.trig.gz ittifoq.jsonld.gz ittifoq.ttl.gz ittifoq.nt.gz ittifoq.rdf.gz
    void.ttl      VoID + DCAT: version, date, licence, one distribution per dump with its sum
    CHANGES.md    statements added, changed and removed since the previous release
    SHA256SUMS    `sha256sum -c SHA256SUMS` checks every other file

The same data gives the same bytes: the exports label blank nodes canonically (RDFC-1.0), gzip
records no name and no time. The folder is written beside ``DIR`` and renamed into place, so
an interrupted release leaves nothing half-written.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import namespaces as ns
from .catalog import PREFIXES as CATALOG_PREFIXES
from .catalog import Distribution, dataset_triples
from .errors import UsageError
from .export import all_quads, canonical_quads, export_quads
from .provenance import GraphVersion
from .results import GRAPH_FORMATS

DUMP = "ittifoq.{ext}.gz"
COMPARED_DUMP = "ittifoq.nq.gz"  # what a later release compares against
SUMS = "SHA256SUMS"
BLANK_NODES = "(blank nodes)"


def dump_name(fmt: str) -> str:
    return DUMP.format(ext=GRAPH_FORMATS[fmt].file_extension)


def _gzip(data: bytes) -> bytes:
    # mtime=0 and no file name in the header: the same dump always compresses to the same bytes.
    return gzip.compress(data, compresslevel=9, mtime=0)


# ---------------------------------------------------------------------------
# Changes between two releases
# ---------------------------------------------------------------------------


@dataclass
class Changes:
    """Statements grouped by the resource they describe (fragments with their document:
    an evidence's #target and #quote go with the evidence)."""

    previous: str  # what was compared against (a version or a file name)
    added: dict[str, list[ox.Quad]] = field(default_factory=dict)  # resources new in this release
    removed: dict[str, list[ox.Quad]] = field(default_factory=dict)  # resources gone
    changed: dict[str, tuple[list[ox.Quad], list[ox.Quad]]] = field(default_factory=dict)  # (removed, added)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _resource(q: ox.Quad) -> str:
    if isinstance(q.subject, ox.NamedNode):
        return q.subject.value.split("#", 1)[0]
    return BLANK_NODES


def diff(previous: list[ox.Quad], current: list[ox.Quad], previous_name: str) -> Changes:
    old, new = set(canonical_quads(previous)), set(canonical_quads(current))
    gone, came = sorted(old - new, key=str), sorted(new - old, key=str)
    by_resource: dict[str, tuple[list, list]] = {}
    for q in gone:
        by_resource.setdefault(_resource(q), ([], []))[0].append(q)
    for q in came:
        by_resource.setdefault(_resource(q), ([], []))[1].append(q)
    old_resources = {_resource(q) for q in old}
    new_resources = {_resource(q) for q in new}
    changes = Changes(previous_name)
    for r, (minus, plus) in sorted(by_resource.items()):
        if r not in old_resources:
            changes.added[r] = plus
        elif r not in new_resources:
            changes.removed[r] = minus
        else:
            changes.changed[r] = (minus, plus)
    return changes


_SHORT = sorted(ns.PREFIXES.items(), key=lambda kv: len(kv[1]), reverse=True)


def _short(term) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, base in _SHORT:
            rest = term.value[len(base):]
            if term.value.startswith(base) and rest and all(c.isalnum() or c in "-_." for c in rest):
                return f"{prefix}:{rest}"
        return str(term)
    if isinstance(term, ox.Literal) and term.datatype.value != ns.XSD + "string" and not term.language:
        return f"{ox.Literal(term.value)}^^{_short(term.datatype)}"
    return str(term)


def _statement(q: ox.Quad) -> str:
    text = f"{_short(q.predicate)} {_short(q.object)}"
    if isinstance(q.subject, ox.BlankNode) or "#" in str(q.subject):
        text = f"{_short(q.subject)} {text}"
    graph = q.graph_name
    where = "" if isinstance(graph, ox.DefaultGraph) else f"  (graph {_short(graph)})"
    return text + where


def changes_markdown(changes: Changes | None, version: GraphVersion) -> str:
    out = [f"# ittifoq {version.label}", ""]
    if changes is None:
        out += ["No previous release was given (`ittifoq release DIR --previous OLD`): nothing compared.", ""]
        return "\n".join(out)
    n_stmts = sum(len(v) for v in changes.added.values()) + sum(len(v) for v in changes.removed.values()) + sum(
        len(a) + len(b) for a, b in changes.changed.values())
    out += [f"Changes since {changes.previous}: {len(changes.added)} resources added, {len(changes.changed)} "
            f"changed, {len(changes.removed)} removed ({n_stmts} statements).", ""]
    if changes.empty:
        out += ["No changes.", ""]
    for title, group in (("Added", changes.added), ("Removed", changes.removed)):
        if group:
            out += [f"## {title}", ""]
            for r, quads in group.items():
                out.append(f"- `{_short(ox.NamedNode(r)) if r != BLANK_NODES else r}` ({len(quads)} statements)")
            out.append("")
    if changes.changed:
        out += ["## Changed", ""]
        for r, (minus, plus) in changes.changed.items():
            out += [f"### `{_short(ox.NamedNode(r)) if r != BLANK_NODES else r}`", "", "```diff"]
            out += [f"- {_statement(q)}" for q in minus] + [f"+ {_statement(q)}" for q in plus]
            out += ["```", ""]
    return "\n".join(out)


def read_previous(path: Path) -> tuple[list[ox.Quad], str]:
    """The quads of a previous release (its folder, or any dump file, gzip too) and its name."""
    from .store import KnowledgeGraph

    name = str(path)
    if path.is_dir():
        void = path / "void.ttl"
        if void.is_file():
            versions = [t.object.value for t in ox.parse(path=str(void), format=ox.RdfFormat.TURTLE)
                        if t.predicate.value == ns.OWL + "versionInfo"]
            name = versions[0] if versions else name
        path = path / COMPARED_DUMP
        if not path.is_file():
            raise UsageError(f"{path.parent}: not a release folder (no {COMPARED_DUMP})")
    elif not path.is_file():
        raise UsageError(f"{path}: no such release folder or dump file")
    return all_quads(KnowledgeGraph.from_files([path])), name


# ---------------------------------------------------------------------------
# The release folder
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    path: Path
    files: dict[str, str]  # name → SHA-256
    changes: Changes | None


def write_release(kg, version: GraphVersion, out: Path, previous: Path | None = None,
                  base_url: str | None = None) -> Release:
    """Write the release of ``kg`` (at ``version``) to the folder ``out``, which must not
    exist or be empty. ``base_url`` is where the files will be published (their DCAT
    download URLs); by default the dataset's own address for this version."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out}: exists and is not an empty folder; a release goes into a new one")
    base = (base_url or f"{ns.BASE}release/{version.label}/").rstrip("/") + "/"
    changes = None
    if previous is not None:
        old, name = read_previous(Path(previous))
    quads = all_quads(kg)
    if previous is not None:
        changes = diff(old, quads, name)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part"))
    try:
        files: dict[str, bytes] = {}
        distributions = []
        for fmt in GRAPH_FORMATS:
            data = _gzip(export_quads(quads, fmt))
            files[dump_name(fmt)] = data
            distributions.append(Distribution(base + dump_name(fmt), fmt, gzip=True, size=len(data),
                                              sha256=hashlib.sha256(data).hexdigest()))
        files["void.ttl"] = ox.serialize(dataset_triples(version, distributions), format=ox.RdfFormat.TURTLE,
                                         prefixes=CATALOG_PREFIXES)
        files["CHANGES.md"] = changes_markdown(changes, version).encode("utf-8")
        sums = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
        files[SUMS] = "".join(f"{h}  {name}\n" for name, h in sums.items()).encode("ascii")
        for name, data in files.items():
            (tmp / name).write_bytes(data)
            (tmp / name).chmod(0o644)
        tmp.chmod(0o755)
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Release(out, sums, changes)
