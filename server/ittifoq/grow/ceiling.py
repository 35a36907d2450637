"""``ittifoq eval-suggest --explain``: why each curated entity of a held-out document is not linked.

Every entity the held-out document's curated facts use falls in one category:

- **A** linked by a mention candidate;
- **B** a label of it that survives leave-one-out is written in the text, yet no mention links
  it: the matcher's miss (case ending, word order, a tie), the one category rules can fix alone;
- **C** labels of it are written in the text, but every one is a label only the held-out document
  gives (no named public reference, no other document writes it), so leave-one-out removed them:
  found only with a new public reference or a rule that derives the name from what survives;
- **D** no label of it is written in the text at all: the curators inferred it (the President of
  Kazakhstan named by office alone, a body implied by its session), or the gazetteer holds no
  label of it (an author described only in ``data/sources/documents.ttl``: the report says so).
  No mention can link it with the gazetteer's labels.

"Written" is what leave-one-out's removal rule tests: the folded label starts a word of the folded text.

So (A + B) / curated is the recall the gazetteer allows as it stands, and (A + B + C) / curated
what a mention linker reaches at most were every name the documents write known to it; D is the
share only inference (or a label the gazetteer lacks) finds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import namespaces as ns
from ..config import Config
from .evaluate import DOCUMENTS, _folded_text, _gold, _occurs, run_one
from .gazetteer import Label, load
from .suggest import document

CATEGORIES = "ABCD"


@dataclass
class Miss:
    iri: str
    category: str  # B, C or D
    labels: list[Label]  # the labels of it written in the text (surviving ones for B)
    named: bool = True  # whether the gazetteer (all data) holds any label of it


@dataclass
class Explanation:
    slug: str
    counts: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)
    not_curated: list[str] = field(default_factory=list)  # linked, but the curated facts do not use it

    @property
    def curated(self) -> int:
        return sum(self.counts[c] for c in CATEGORIES)


def _by_iri(labels: list[Label]) -> dict[str, list[Label]]:
    out: dict[str, list[Label]] = {}
    for lab in labels:
        out.setdefault(lab.iri, []).append(lab)
    return out


def explain_one(config: Config, slug: str, texts: dict[str, str], all_labels: dict[str, list[Label]],
                keep_preferred: bool = False) -> Explanation:
    run = run_one(config, slug, texts, keep_preferred)
    held = _folded_text(texts[slug])
    surviving = _by_iri(run.gazetteer.labels)
    linked = {c.body_iri for c in run.candidates if c.kind == "Mention"}
    gold, _ = _gold(config, slug)
    out = Explanation(slug, not_curated=sorted(linked - gold))
    for iri in sorted(gold):
        if iri in linked:
            out.counts["A"] += 1
            continue
        kept = [lab for lab in surviving.get(iri, []) if _occurs(held, lab)]
        written = [lab for lab in all_labels.get(iri, []) if _occurs(held, lab)]
        category = "B" if kept else "C" if written else "D"
        out.counts[category] += 1
        out.misses.append(Miss(iri, category, kept or written, bool(all_labels.get(iri))))
    return out


def explain(config: Config, slugs: list[str] | None = None, keep_preferred: bool = False) -> list[Explanation]:
    texts = {slug: document(config, slug).text for slug in DOCUMENTS}
    all_labels = _by_iri(load(config).labels)  # every label: reference data and all five facts files
    return [explain_one(config, slug, texts, all_labels, keep_preferred) for slug in slugs or DOCUMENTS]


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} % ({a}/{b})" if b else "–"


def _counts(counts: Counter, curated: int) -> str:
    a, b, c = counts["A"], counts["B"], counts["C"]
    return (" ".join(f"{k} {counts[k]}" for k in CATEGORIES) + f" of {curated}: linked {_pct(a, curated)}, "
            f"ceiling of this gazetteer (A+B) {_pct(a + b, curated)}, with every name the documents write "
            f"(A+B+C) {_pct(a + b + c, curated)}")


def _label(lab: Label) -> str:
    return f'"{lab.text}"@{lab.lang or "-"} ({lab.source})'


def report(explanations: list[Explanation]) -> str:
    lines = ["Curated entities not linked: B a surviving label is written but not matched; C only the held-out",
             "document gives the labels written (removed by leave-one-out); D no label of it is written.", ""]
    pooled: Counter = Counter()
    for e in explanations:
        pooled.update(e.counts)
        lines.append(f"{e.slug}: {_counts(e.counts, e.curated)}")
        for m in e.misses:
            written = ("; ".join(_label(lab) for lab in m.labels[:4]) or
                       ("no label in the text" if m.named else "the gazetteer holds no label of it"))
            lines.append(f"  {m.category} {m.iri[len(ns.ID):]}: {written}")
        for iri in e.not_curated:
            lines.append(f"  linked, not in the curated facts: {iri[len(ns.ID):]}")
        lines.append("")
    lines.append(f"pooled: {_counts(pooled, sum(pooled[c] for c in CATEGORIES))}")
    return "\n".join(lines)
