"""Where an offending statement is: the named graphs holding it, the file and line of its node."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, URIRef

from .. import namespaces as ns
from .data import _Data, _to_ox
from .report import Location


class SourceFinder:
    """Which graphs hold a statement, and which source file and line defines a node."""

    def __init__(self, data: _Data):
        self.data = data
        self.files_of_graph: dict[str, list[Path]] = {}
        for path, graphs in data.sources:
            for g in graphs:
                self.files_of_graph.setdefault(g, []).append(path)
        self._texts: dict[Path, tuple[list[str], dict[str, str]]] = {}

    # -- graphs ------------------------------------------------------------

    def graphs(self, focus, path, value) -> list[str]:
        store = self.data.store
        if not isinstance(focus, (URIRef, BNode)):
            return []
        s = _to_ox(focus)
        found: set[str] = set()
        if isinstance(path, URIRef) and value is not None:
            try:
                for q in store.quads_for_pattern(s, _to_ox(path), _to_ox(value), None):
                    found.add(_graph_name(q.graph_name))
            except (TypeError, ValueError):
                pass
            if not found and isinstance(value, (URIRef, BNode)):
                # an inverse statement (value → focus)
                for q in store.quads_for_pattern(_to_ox(value), _to_ox(path), s, None):
                    found.add(_graph_name(q.graph_name))
        if not found:
            # The offending statement is missing (sh:minCount…) or derived: name the graphs
            # that describe the focus node.
            for q in store.quads_for_pattern(s, None, None, None):
                found.add(_graph_name(q.graph_name))
        found.discard("")
        if len(found) > 1:
            found.discard(ns.ONTOLOGY_GRAPH)
        return sorted(found)

    # -- lines ---------------------------------------------------------------

    def location(self, focus, graphs: Sequence[str]) -> Location | None:
        if not isinstance(focus, URIRef):
            return None
        iri = str(focus)
        found = self._locate_iri(focus, iri, graphs)
        if found is None:
            # Evidence annotations are written by the build, so their IRIs are in no source
            # file: point at the quote in the facts file instead.
            evidence = re.match(re.escape(ns.ID) + r"evidence/([a-z0-9-]+)/(\d+)-(\d+)(?:#\w+)?$", iri)
            if evidence:
                found = self._locate_evidence(evidence)
        return found

    def _locate_iri(self, focus, iri: str, graphs: Sequence[str]) -> Location | None:
        preferred = [p for g in graphs for p in self.files_of_graph.get(g, [])]
        store = self.data.store
        describing = {_graph_name(q.graph_name) for q in store.quads_for_pattern(_to_ox(focus), None, None, None)}
        preferred += [p for g in sorted(describing) for p in self.files_of_graph.get(g, [])]
        everything = [p for p, _ in self.data.sources]
        seen: set[tuple[Path, bool]] = set()
        for subject_only in (True, False):
            for path in [*preferred, *everything]:
                if (path, subject_only) in seen:
                    continue
                seen.add((path, subject_only))
                line = self._find_iri(path, iri, subject_only)
                if line:
                    return Location(self._display(path), line)
        return None

    def _locate_evidence(self, m: re.Match) -> Location | None:
        """Evidence nodes are written by the build: point at the quote in the facts file."""
        slug = m.group(1)
        base = ns.ID + f"evidence/{slug}/{m.group(2)}-{m.group(3)}"
        exact = next(
            (q.object.value for q in self.data.store.quads_for_pattern(
                ox.NamedNode(base + "#quote"), ox.NamedNode(ns.OA + "exact"), None, None)),
            None,
        )
        for path in self.files_of_graph.get(ns.document_graph(slug), []):
            lines, _ = self._text(path)
            if exact:
                # The author's quote may break lines differently and escape quotation marks.
                words = [re.escape(w).replace('"', r'\\?"') for w in exact.split()[:6]]
                text = "\n".join(lines)
                hit = re.search(r'oa:exact\s+(?:"""|")\s*' + r"\s+".join(words), text)
                if hit:
                    return Location(self._display(path), text.count("\n", 0, hit.start()) + 1)
            body = next(
                (q.object for q in self.data.store.quads_for_pattern(
                    ox.NamedNode(base), ox.NamedNode(ns.OA + "hasBody"), None, None)),
                None,
            )
            if isinstance(body, ox.NamedNode):
                line = self._find_iri(path, body.value, True)
                if line:
                    return Location(self._display(path), line)
        return None

    def _text(self, path: Path) -> tuple[list[str], dict[str, str]]:
        if path not in self._texts:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            prefixes = {
                m.group(1): m.group(2)
                for m in re.finditer(r"(?im)^\s*@?prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", text)
            }
            prefixes = {k or "": v for k, v in prefixes.items()}
            self._texts[path] = (text.split("\n"), prefixes)
        return self._texts[path]

    def _find_iri(self, path: Path, iri: str, subject_only: bool) -> int | None:
        lines, prefixes = self._text(path)
        tokens = ["<" + iri + ">"]
        for prefix, namespace in prefixes.items():
            local = iri[len(namespace):] if iri.startswith(namespace) else None
            if local is not None and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)", local):
                tokens.append(f"{prefix}:{local}")
        end = r"(?=[\s;,)\]]|\.(?:\s|$)|$)"
        patterns = [
            re.compile((r"^\s*" if subject_only else r"(?:^|[\s(\[,])") + re.escape(t) + end) for t in tokens
        ]
        for number, line in enumerate(lines, 1):
            stripped = line.lstrip()
            if stripped.startswith("#") or stripped.lower().startswith(("@prefix", "prefix")):
                continue
            if any(p.search(line) for p in patterns):
                return number
        return None

    def _display(self, path: Path) -> str:
        for base in (self.data.root, Path.cwd()):
            try:
                return str(path.resolve().relative_to(base.resolve()))
            except ValueError:
                continue
        return str(path)


def _graph_name(g) -> str:
    return "" if isinstance(g, ox.DefaultGraph) else g.value


