"""The text report: results grouped by focus node, IRIs shortened to the project's prefixes."""

from __future__ import annotations

import re

from rdflib.namespace import SH

from .. import namespaces as ns
from .common import ITTS
from .common import SEVERITY_RANK as _SEVERITY_RANK
from .report import ValidationReport, _is_iri

_DISPLAY_PREFIXES = {**ns.PREFIXES, "itts": ITTS, "sh": str(SH), "graph": ns.GRAPH}


def shorten(iri: str) -> str:
    """A prefixed name for an IRI under a project prefix, else <iri>."""
    short = ns.shorten(iri, _DISPLAY_PREFIXES, slashes=True)
    if short and short.startswith("id:") and "/" in short:
        short = None  # a kind the project does not have (id:country/UZ): the whole IRI says so
    return short or f"<{iri}>"


_IRI_IN_TEXT = re.compile(r"https?://[^\s,;()«»\"<>]+")


def shorten_text(text: str) -> str:
    def repl(m: re.Match) -> str:
        iri = m.group(0)
        tail = ""
        while iri and iri[-1] in ".:":
            tail = iri[-1] + tail
            iri = iri[:-1]
        short = shorten(iri)
        return (short if not short.startswith("<") else iri) + tail

    return _IRI_IN_TEXT.sub(repl, text)


def short_term(nt: str) -> str:
    if nt.startswith("<") and nt.endswith(">"):
        return shorten(nt[1:-1])
    m = re.match(r'^(".*")\^\^<([^>]+)>$', nt, re.S)
    if m:
        return m.group(1) + "^^" + shorten(m.group(2))
    return nt


def _short_graph(g: str) -> str:
    return g[len(ns.GRAPH):] if g.startswith(ns.GRAPH) else g


def format_text(report: ValidationReport, min_severity: str = "Info") -> str:
    limit = _SEVERITY_RANK[min_severity]
    lines = []
    shown = 0
    for group in report.by_focus_node():
        results = [r for r in group.results if _SEVERITY_RANK[r.severity] <= limit]
        if not results:
            continue
        where = f"  ({group.location})" if group.location else ""
        lines.append(f"{shorten(group.focus_node) if _is_iri(group.focus_node) else group.focus_node}{where}")
        for r in results:
            shown += 1
            lines.append(f"  {r.severity.upper()}: {shorten_text(r.message)}")
            details = []
            if r.path:
                details.append("path " + shorten_text(r.path))
            if r.value is not None and r.value != f"<{r.focus_node}>":
                details.append("value " + short_term(r.value))
            if details:
                lines.append("      " + "   ".join(details))
            where = []
            if r.graphs:
                where.append("graph " + ", ".join(_short_graph(g) for g in r.graphs))
            if r.shape:
                where.append("shape " + shorten(r.shape))
            if where:
                lines.append("      " + "   ".join(where))
        lines.append("")
    counts = report.counts()
    nodes = len({r.focus_node for r in report.results})
    verdict = "Conforms" if report.conforms else "Does not conform"
    summary = (
        f"{verdict}: {counts['Violation']} violation(s), {counts['Warning']} warning(s), "
        f"{counts['Info']} info(s) on {nodes} focus node(s); {report.triples} triples of "
        f"{report.source} against {report.shapes} shapes in {report.elapsed:.2f} s."
    )
    if shown < len(report.results):
        summary += f" ({len(report.results) - shown} result(s) below {min_severity.lower()} not shown.)"
    if report.conforms and report.results:
        summary += (" Only violations fail; SHACL's own sh:conforms (in --format turtle or json) is false, "
                    "since SHACL 1.0 conforms only with no result at all.")
    if report.skipped_shapes:
        lines.append(skipped_note(report.skipped_shapes))
    lines.append(summary)
    return "\n".join(lines) + "\n"


def skipped_note(shapes: list[str]) -> str:
    names = ", ".join(shorten(s) for s in shapes)
    return (f"NOT CHECKED: {len(shapes)} shape(s) need to know which document graph states what, and this "
            f"input has no named graphs: {names}. Validate TriG or N-Quads to check them "
            f"(ittifoq export --format trig, or build/ittifoq.nq).\n")
