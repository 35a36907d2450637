"""Evidence per statement: every statement a document graph makes about a fact is supported by an
evidence from that document that names its property (``itt:supports``), and every property an
evidence names is one the graph states about that evidence's fact.

Authors write ``itt:evidence [ oa:exact "…" ; itt:supports itt:startDate , itt:party ]``; the
build turns the brackets into annotations (``build.py``) and runs ``check`` on each document
graph. Properties the ontology marks ``itt:supportNotRequired`` (the curator's notes, and the
surface forms the build checks against the text itself) need no support; the shapes
(``itts:StatementSupportShape``, ``itts:SupportedStatementStatedShape`` the other way) and the
pages read the same list from the ontology.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from . import namespaces as ns
from .errors import EvidenceError

SUPPORTS = ox.NamedNode(ns.ITT + "supports")
SUPPORT_NOT_REQUIRED = ox.NamedNode(ns.ITT + "supportNotRequired")
ITT_EVIDENCE = ox.NamedNode(ns.ITT + "evidence")
HAS_TARGET = ox.NamedNode(ns.OA + "hasTarget")
HAS_SELECTOR = ox.NamedNode(ns.OA + "hasSelector")
RDF_TYPE = ox.NamedNode(ns.RDF + "type")

# How many problems one error message lists before it counts the rest.
SHOWN = 12


def exempt_properties(ontology: Iterable[ox.Quad | ox.Triple]) -> frozenset[ox.NamedNode]:
    """The properties whose statements need no support, as the ontology marks them."""
    return frozenset(t.subject for t in ontology
                     if t.predicate == SUPPORT_NOT_REQUIRED and isinstance(t.subject, ox.NamedNode))


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str


def problems(quads: Iterable[ox.Quad | ox.Triple], exempt: frozenset[ox.NamedNode],
             source_text: str, evidence_lines: dict[ox.Term, int | None] | None = None) -> list[Problem]:
    """What is wrong with the support of one document graph's statements, in the order of the file.

    ``evidence_lines`` gives the line of each evidence's quote (annotations are written by the
    build, so their IRIs are in no file); a statement is found at its subject's block."""
    stated: dict[ox.Term, set[ox.NamedNode]] = defaultdict(set)
    evidences: dict[ox.Term, set[ox.Term]] = defaultdict(set)
    supported: dict[ox.Term, set[ox.NamedNode]] = defaultdict(set)
    annotation_parts: set[ox.Term] = set()
    quads = list(quads)
    for q in quads:
        if q.predicate == ITT_EVIDENCE:
            evidences[q.subject].add(q.object)
            annotation_parts.add(q.object)
        elif q.predicate in (HAS_TARGET, HAS_SELECTOR):
            annotation_parts.add(q.object)
        elif q.predicate == SUPPORTS:
            supported[q.subject].add(q.object)
    for q in quads:
        if q.subject not in annotation_parts and q.predicate != SUPPORTS:
            stated[q.subject].add(q.predicate)
    lines = SourceLines(source_text)
    evidence_lines = evidence_lines or {}
    found: list[Problem] = []
    for subject, predicates in stated.items():
        backing: dict[ox.NamedNode, set[ox.Term]] = defaultdict(set)
        for ev in evidences.get(subject, ()):
            for p in supported.get(ev, ()):
                backing[p].add(ev)
                if p not in predicates:
                    where = evidence_lines.get(ev) or lines.statement(subject, ITT_EVIDENCE)
                    found.append(Problem(where, (
                        f"an evidence of {lines.name(subject)} says itt:supports {lines.name(p)}, but this file "
                        f"states no {lines.name(p)} of it: name only properties the file states about this "
                        f"fact, or add the statement")))
        for p in sorted(predicates - exempt - backing.keys(), key=lambda p: p.value):
            found.append(Problem(lines.statement(subject, p), (
                f"{lines.name(subject)} {lines.name(p)} has no evidence supporting it: add {lines.name(p)} to "
                f"the itt:supports of the itt:evidence whose quote states it (itt:evidence [ oa:exact \"…\" ; "
                f"itt:supports {lines.name(p)} ])")))
    return sorted(found, key=lambda pr: (pr.line or 0, pr.message))


def check(where: str, quads: Iterable[ox.Quad | ox.Triple], exempt: frozenset[ox.NamedNode],
          source_text: str, evidence_lines: dict[ox.Term, int | None] | None = None) -> None:
    """Raise EvidenceError listing, with ``file:line``, every statement of the graph without
    support and every support naming a statement the graph does not make."""
    found = problems(quads, exempt, source_text, evidence_lines)
    if not found:
        return
    shown = [f"{where}:{p.line or '?'}: {p.message}" for p in found[:SHOWN]]
    if len(found) > SHOWN:
        shown.append(f"{where}: … and {len(found) - SHOWN} more like these")
    raise EvidenceError("\n".join(shown))


class SourceLines:
    """Where a fact's statement is written in a Turtle file: the line of the property within the
    subject's block (the subject's own line when the property is not found there)."""

    _END = r"(?=[\s;,)\]]|\.(?:\s|$)|$)"

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.prefixes = {(m.group(1) or ""): m.group(2) for m in re.finditer(
            r"(?im)^\s*@?prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", text)}

    def name(self, term: ox.Term) -> str:
        if term == RDF_TYPE:
            return "rdf:type"
        if isinstance(term, ox.NamedNode):
            for prefix, namespace in sorted(self.prefixes.items(), key=lambda kv: -len(kv[1])):
                local = term.value[len(namespace):]
                if term.value.startswith(namespace) and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)", local):
                    return f"{prefix}:{local}"
            return f"<{term.value}>"
        return str(term)

    def _tokens(self, term: ox.NamedNode) -> list[str]:
        tokens = ["<" + term.value + ">"]
        for prefix, namespace in self.prefixes.items():
            if term.value.startswith(namespace):
                tokens.append(f"{prefix}:{term.value[len(namespace):]}")
        return tokens

    def quote(self, subject: ox.Term, quote: str) -> int | None:
        """The line of ``oa:exact "quote"`` in the subject's block (the first such quote after the
        subject's evidence begins; a quote is often the start of another, longer one)."""
        words = [re.escape(w).replace('"', r'\\?"') for w in quote.split()]
        if not words:
            return None
        text = "\n".join(self.lines)
        pattern = re.compile(r'oa:exact\s+(?:"""|")\s*' + r"\s+".join(words) + r'\s*(?:"""|")')
        found = [text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)]
        after = self.statement(subject, ITT_EVIDENCE) or 0
        return next((n for n in found if n >= after), found[0] if found else None)

    def statement(self, subject: ox.Term, predicate: ox.NamedNode) -> int | None:
        if not isinstance(subject, ox.NamedNode):
            return None
        starts = [re.compile(r"^\s*" + re.escape(t) + self._END) for t in self._tokens(subject)]
        tokens = self._tokens(predicate) + (["a"] if predicate == RDF_TYPE else [])
        inside = [re.compile(r"(?:^|[\s;\[])" + re.escape(t) + self._END) for t in tokens]
        first = None
        block = False
        for number, line in enumerate(self.lines, 1):
            if line.strip().startswith("#"):
                continue
            if any(p.search(line) for p in starts):
                block, first = True, first or number
                rest = next(p.sub("", line, count=1) for p in starts if p.search(line))
                if any(p.search(rest) for p in inside):
                    return number
                continue
            if block and line[:1] not in ("", " ", "\t"):
                block = False  # a new subject starts at the left margin
            if block and any(p.search(line) for p in inside):
                return number
        return first
