"""How much of each document the evidence covers.

A document's text is cut into sentences; a sentence is cited when at least one evidence
span of that document overlaps it. The texts are PDF and web extractions: line breaks and
blank lines fall inside sentences, so a blank line ends a sentence only when the line before
it does not end in a space or hyphen and the next line starts like a sentence does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .evidence import find_all
from .store import KnowledgeGraph

_UPPER = r"A-ZА-ЯЁЎҚҒҲӘӨҮҢІҰ"
# End of sentence: . ! ? (after a word that is not a lone initial or a list number), closing
# quotes/brackets, whitespace, then something that starts a sentence.
_SENTENCE_END = re.compile(
    rf"(?<![\s.][{_UPPER}])(?<!\s\d)(?<!\s\d\d)[.!?…]+[\"”»)\]]*(?=\s+[\"“«\-–—#*\d{_UPPER}])"
)
_PARAGRAPH_END = re.compile(rf"(?<=[^\s\-])\n\s*\n(?=\s*[\"“«\-–—#*\d{_UPPER}])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str) -> list[Sentence]:
    cuts = {0, len(text)}
    cuts |= {m.end() for m in _SENTENCE_END.finditer(text)}
    cuts |= {m.start() for m in _PARAGRAPH_END.finditer(text)}
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        chunk = text[a:b]
        stripped = chunk.strip()
        if not re.search(r"\w", stripped):
            continue
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Sentence(a + lead, a + lead + len(stripped), " ".join(stripped.split())))
    return out


@dataclass
class DocumentCoverage:
    slug: str
    facts: int
    evidences: int
    sentences: list[Sentence]
    cited: list[bool] = field(default_factory=list)
    # Sentences that are the document's own metadata (title, abstract, references), which the
    # corpus graph records as such rather than as facts.
    metadata: list[bool] = field(default_factory=list)

    @property
    def share(self) -> float:
        return sum(self.cited) / len(self.sentences) if self.sentences else 0.0

    @property
    def share_of_body(self) -> float:
        body = [c for c, m in zip(self.cited, self.metadata, strict=True) if not m or c]
        return sum(body) / len(body) if body else 0.0

    @property
    def uncited(self) -> list[Sentence]:
        return [s for s, c, m in zip(self.sentences, self.cited, self.metadata, strict=True) if not c and not m]


COVERAGE_QUERY = """
SELECT ?doc ?text ?graph WHERE {
  GRAPH graph:corpus { ?doc a itt:SourceDocument ; schema:text ?text ; itt:factsGraph ?graph }
}
ORDER BY ?doc
"""

SPANS_QUERY = """
SELECT ?start ?end WHERE {
  GRAPH ?g { ?ev a itt:Evidence ; itt:sourceDocument ?doc ; oa:hasTarget/oa:hasSelector ?p .
             ?p oa:start ?start ; oa:end ?end }
}
"""

METADATA_QUERY = """
SELECT ?value WHERE {
  GRAPH graph:corpus { ?doc dct:title|dct:abstract|dct:bibliographicCitation ?value }
}
"""

KEYWORDS_QUERY = """
SELECT ?value WHERE { GRAPH graph:corpus { ?doc dct:subject ?value } }
"""

FACTS_QUERY = """
SELECT (COUNT(DISTINCT ?fact) AS ?facts) (COUNT(DISTINCT ?ev) AS ?evidences) WHERE {
  GRAPH ?g { ?fact itt:evidence ?ev }
}
"""


def document_coverage(kg: KnowledgeGraph) -> list[DocumentCoverage]:
    out = []
    for row in kg.query(COVERAGE_QUERY):
        doc, graph = row["doc"], row["graph"]
        slug = doc.value.rsplit("/", 1)[1]
        # Graph IRIs come from our own corpus graph, so inlining them is safe.
        in_graph = f"<{graph.value}>"
        spans = [(int(r["start"].value), int(r["end"].value))
                 for r in kg.query(SPANS_QUERY.replace("?g", in_graph).replace("?doc", f"<{doc.value}>"))]
        counts = next(iter(kg.query(FACTS_QUERY.replace("?g", in_graph))))
        sents = sentences(row["text"].value)
        cov = DocumentCoverage(slug, int(counts["facts"].value), int(counts["evidences"].value), sents)
        cov.cited = [any(a < s.end and b > s.start for a, b in spans) for s in sents]
        meta_spans = []
        for r in kg.query(METADATA_QUERY.replace("?doc", f"<{doc.value}>")):
            meta_spans += find_all(row["text"].value, r["value"].value)
        keywords = [r["value"].value for r in kg.query(KEYWORDS_QUERY.replace("?doc", f"<{doc.value}>"))]
        # A keyword line is the document's metadata too: it lists at least three of its keywords.
        cov.metadata = [any(a <= s.start + 8 and s.end - 8 <= b for a, b in meta_spans)
                        or sum(k in s.text for k in keywords) >= 3 for s in sents]
        out.append(cov)
    return out


def coverage_report(kg: KnowledgeGraph, list_uncited: bool = True) -> str:
    rows = document_coverage(kg)
    lines = ["Evidence coverage per document"
             " (metadata: title, abstracts, keywords, references, recorded in graph/corpus)",
             f"  {'document':<46} {'facts':>5} {'evid.':>5} {'cited':>8} {'share':>6} {'metadata':>8} "
             f"{'uncited':>7} {'share w/o metadata':>18}"]
    for c in rows:
        lines.append(f"  {c.slug:<46} {c.facts:>5} {c.evidences:>5} {sum(c.cited):>3}/{len(c.sentences):<4} "
                     f"{c.share:>6.1%} {sum(m and not k for m, k in zip(c.metadata, c.cited, strict=True)):>8} "
                     f"{len(c.uncited):>7} {c.share_of_body:>18.1%}")
    total_s = sum(len(c.sentences) for c in rows)
    total_c = sum(sum(c.cited) for c in rows)
    total_u = sum(len(c.uncited) for c in rows)
    lines.append(f"  {'all documents':<46} {sum(c.facts for c in rows):>5} {sum(c.evidences for c in rows):>5} "
                 f"{total_c:>3}/{total_s:<4} {total_c / total_s if total_s else 0:>6.1%} {'':>8} {total_u:>7} "
                 f"{total_c / (total_c + total_u) if total_c + total_u else 0:>18.1%}")
    if list_uncited:
        for c in rows:
            if c.uncited:
                lines.append(f"\nUncited sentences of {c.slug} ({len(c.uncited)}):")
                for s in c.uncited:
                    text = s.text if len(s.text) <= 110 else s.text[:109] + "…"
                    lines.append(f"  [{s.start}-{s.end}] {text}")
    return "\n".join(lines)
