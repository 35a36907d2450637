"""``ittifoq suggest``: candidates for one document, from its text and the graph's names.

Mentions and dates now; every candidate's quote is checked to locate where the build would
locate it. Decisions already taken on a candidate (by identity) are carried over, so a
rejected candidate stays rejected when the suggester runs again.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .. import namespaces as ns
from ..config import Config
from ..errors import SourceError, UsageError
from ..sources import load_documents, parse_rdf
from . import agreements as agreement_rules
from . import dates as date_grammar
from . import events as event_rules
from . import figures as figure_rules
from . import holders
from . import mentions as mention_rules
from . import newentities as new_entity_rules
from .candidates import Candidate, read_decisions, to_trig
from .debris import find_debris
from .gazetteer import Gazetteer, load
from .quotes import quote, verify

DATE_RULE, DATE_VERSION = "date-grammar", "1"
CONTEXT = 32


@dataclass(frozen=True)
class DocumentInfo:
    slug: str
    text: str
    languages: tuple[str, ...]
    published: str | None  # lexical form of dct:date (any precision), None when unknown


def document(config: Config, slug: str) -> DocumentInfo:
    meta_path = config.sources_dir / "documents.ttl"
    quads = parse_rdf(config, meta_path)
    docs = load_documents(config, quads)
    if slug not in docs:
        raise UsageError(f"{slug}: no such document in {meta_path.name} (ingest it first: ittifoq ingest)")
    iri = ox.NamedNode(ns.ID + "document/" + slug)
    mine = [q for q in quads if q.subject == iri]
    langs = tuple(sorted(q.object.value for q in mine if q.predicate.value == ns.DCT + "language"))
    dates = [q.object.value for q in mine if q.predicate.value == ns.DCT + "date"]
    return DocumentInfo(slug, docs[slug].text, langs, dates[0] if dates else None)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _debris_spans(text: str) -> list[tuple[int, int]]:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    return [(offsets[d.line - 1], offsets[d.line]) for d in find_debris(text) if d.kind != "hyphenation"]


def suggest(doc: DocumentInfo, gazetteer: Gazetteer, known: list | None = None,
            known_agreements: dict | None = None) -> list[Candidate]:
    text = doc.text
    skip = _debris_spans(text)

    def in_debris(s: int) -> bool:
        return any(a <= s < b for a, b in skip)

    out: list[Candidate] = []
    found_mentions = mention_rules.find_mentions(text, gazetteer)
    found_dates = date_grammar.find_dates(text, doc.published)
    for m in found_mentions + holders.inferred(text, found_mentions, found_dates, doc.published, gazetteer.holdings):
        if in_debris(m.start):
            continue
        q = quote(text, m.start, m.end)
        before, after = _context(text, m.start, m.end)
        out.append(Candidate("Mention", f"link {m.iri}", q.exact, q.prefix, q.suffix, q.start, q.end, m.confidence,
                             m.rule, m.version, body_iri=m.iri, features=list(m.features),
                             alternatives=list(m.alternatives), context_before=before, context_after=after))
    for d in found_dates:
        if in_debris(d.start):
            continue
        q = quote(text, d.start, d.end)
        before, after = _context(text, d.start, d.end)
        finish = (d.finish.lexical, d.finish.datatype) if d.finish else None
        value = d.begin.lexical + (f"/{d.finish.lexical}" if d.finish else "")
        features = [f"precision:{d.begin.datatype}"] + (["range"] if d.finish else []) + (
            ["year-from-publication-date"] if d.derivation else [])
        out.append(Candidate("Date", f"date {value}", q.exact, q.prefix, q.suffix, q.start, q.end,
                             0.8 if d.derivation else 0.95, DATE_RULE, DATE_VERSION,
                             start_date=(d.begin.lexical, d.begin.datatype), end_date=finish,
                             derivation=d.derivation, features=features, context_before=before, context_after=after))
    figures = [f for f in figure_rules.find_figures(text, [d for d in found_dates if not in_debris(d.start)])
               if not in_debris(f.start)]
    # A year written with a figure ("2023-жылы 4,5 миллиард …") is the figure's period, not the date
    # of a meeting the sentence happens to mention.
    event_dates = [d for d in found_dates if not in_debris(d.start)
                   and not any(f.start <= d.start and d.end <= f.end for f in figures)]
    for g in event_rules.find_events(text, [m for m in found_mentions if not in_debris(m.start)], event_dates):
        k = event_rules.corroborate(g, known or [])
        roles = {p: v for p, v in (("visitor", g.visitor), ("hostState", g.host), ("location", g.location),
                                   ("ofBody", g.body)) if v}
        roles.update({f"participant{i}": v for i, v in enumerate(g.participants)})
        value = g.start_date[0] + (f"/{g.end_date[0]}" if g.end_date else "")
        what = f"corroborates {k.iri}" if k else " ".join(f"{p}={v}" for p, v in sorted(roles.items()))
        q = quote(text, g.start, g.end)
        before, after = _context(text, g.start, g.end)
        out.append(Candidate("Event", f"event {g.cls} {value} {what}".strip(), q.exact, q.prefix, q.suffix, q.start,
                             q.end, (0.8 if k else 0.6) - (0.1 if g.derivation else 0), event_rules.RULE,
                             event_rules.VERSION, start_date=g.start_date, end_date=g.end_date,
                             derivation=g.derivation, features=g.features + (["corroboration"] if k else []),
                             context_before=before, context_after=after, event_class=g.cls, roles=roles,
                             corroborates=k.iri if k else None))
    for a in agreement_rules.find_agreements(text, [m for m in found_mentions if not in_debris(m.start)],
                                             [d for d in found_dates if not in_debris(d.start)],
                                             known_agreements or {}):
        q = quote(text, a.start, a.end)
        before, after = _context(text, a.start, a.end)
        what = f"corroborates {a.corroborates}" if a.corroborates else "parties=" + ",".join(a.parties)
        value = a.start_date[0] if a.start_date else "undated"
        out.append(Candidate("Agreement", f"agreement {a.cls} {value} {what}", q.exact, q.prefix, q.suffix, q.start,
                             q.end, 0.75 if a.corroborates else 0.5, agreement_rules.RULE, agreement_rules.VERSION,
                             start_date=a.start_date, derivation=a.derivation,
                             features=a.features + (["corroboration"] if a.corroborates else []),
                             context_before=before, context_after=after, event_class=a.cls,
                             roles={f"party{i}": p for i, p in enumerate(a.parties)}, corroborates=a.corroborates))
    for f in figures:
        q = quote(text, f.start, f.end)
        before, after = _context(text, f.start, f.end)
        period = f.period[0] if f.period else "undated"
        out.append(Candidate("Figure", f"figure {f.value} {f.unit} {f.qualifier} {period}", q.exact, q.prefix,
                             q.suffix, q.start, q.end, 0.6, figure_rules.RULE, figure_rules.VERSION,
                             start_date=f.period, derivation=f.derivation, figure=(f.value, f.unit, f.qualifier),
                             features=[f"unit:{f.unit}", f"qualifier:{f.qualifier}"], context_before=before,
                             context_after=after))
    for e in new_entity_rules.find_new_entities(text, [m for m in found_mentions if not in_debris(m.start)]):
        if in_debris(e.start):
            continue
        q = quote(text, e.start, e.end)
        before, after = _context(text, e.start, e.end)
        lang = e.lang or (doc.languages[0] if doc.languages else "und")
        out.append(Candidate("NewEntity", f"new {e.kind} {e.label}@{lang}", q.exact, q.prefix, q.suffix, q.start,
                             q.end, 0.5, new_entity_rules.RULE, new_entity_rules.VERSION, body_iri=e.iri,
                             features=list(e.features), context_before=before, context_after=after,
                             event_class=e.cls, label=(e.label, lang)))
    seen: dict[str, int] = {}
    for c in sorted(out, key=lambda c: (c.start, c.end, c.assertion)):
        key = c.identity(doc.slug)
        c.occurrence = seen.get(key, 0)
        seen[key] = c.occurrence + 1
    for c in out:
        if not verify(text, c_quote := _as_quote(c)):
            raise SourceError(f"{doc.slug}: internal error: the quote {c_quote.exact!r} at {c.start} does not locate")
    return out


def _as_quote(c: Candidate):
    from .quotes import Quote

    return Quote(c.exact, c.prefix, c.suffix, c.start, c.end)


def candidates_path(config: Config, slug: str) -> Path:
    return config.data_dir / "candidates" / f"{slug}.trig"


def write_candidates(config: Config, slug: str, candidates: list[Candidate]) -> tuple[Path, int]:
    """Write the file atomically, carrying over earlier decisions; returns (path, carried)."""
    path = candidates_path(config, slug)
    carried = 0
    if path.is_file():
        decisions = read_decisions(path.read_bytes())
        for c in candidates:
            if (d := decisions.get(c.identity(slug))) is not None:
                c.status, c.reason = d
                carried += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    data = to_trig(slug, candidates).encode("utf-8")
    list(ox.parse(input=data, format=ox.RdfFormat.TRIG))  # never write a file that does not parse
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return path, carried


def run(config: Config, slug: str) -> tuple[Path, list[Candidate], int]:
    doc = document(config, slug)
    gazetteer = load(config)
    candidates = suggest(doc, gazetteer, event_rules.known_events(config, exclude=slug),
                         agreement_rules.known_agreements(config, exclude=slug))
    path, carried = write_candidates(config, slug, candidates)
    return path, candidates, carried
