"""Reviewing candidates: a curator's decisions, and acceptance into the facts.

Accept, reject (with a reason), defer, or edit then accept, candidates by their id (the last
part of their IRI, or a unique beginning of it). What an accepted candidate states is written
in the house style (``ittifoq.grow.accept``, ``ittifoq.grow.drafts``): mentions as surface
forms, events, agreements and figures as facts with their evidence, on the existing IRI when
the graph already holds the fact (corroboration), on a new IRI with its preferred labels
otherwise; new entities go to their kind's reference file. The build and the shapes then run,
and a change that fails either is undone and refused (``ittifoq.grow.writeback``). Decisions
are written back to the candidates file, where re-runs of ``suggest`` keep them. Bulk
acceptance exists for mentions only, never for facts. The CLI (``ittifoq review``) and the
review page (``ittifoq serve --review``) both call :func:`decide`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import Config
from ..errors import UsageError
from . import accept as house
from . import drafts
from .candidates import Candidate, read_candidates
from .suggest import candidates_path, document, write_candidates
from .writeback import ReviewRefused, apply

__all__ = ["Decision", "Outcome", "ReviewRefused", "add_mention", "decide", "load", "short_id", "MENTION_KINDS"]

MENTION_KINDS = ("Mention",)
REFERENCE_HEADER = ("# Preferred labels (our names, en and uz-Latn) of the fact nodes accepted from document {slug}\n"
                    "# with `ittifoq review`. What the document says about them, with evidence, is in\n"
                    "# data/facts/{slug}.ttl.\n")


@dataclass
class Decision:
    op: str  # accept | reject | defer
    cid: str
    reason: str | None = None
    link: str | None = None  # edit: another entity for a mention
    subject: str | None = None  # edit: the fact a date belongs to
    prop: str = "itt:startDate"
    edits: dict[str, str] = field(default_factory=dict)  # property → value, as drafts reads them

    def all_edits(self) -> dict[str, str]:
        out = {k: v for k, v in self.edits.items() if v is not None and str(v).strip() != ""}
        if self.subject:
            out.setdefault("subject", self.subject)
            out.setdefault("property", self.prop)
        if self.link:
            out.setdefault("link", self.link)
        return out


@dataclass
class Outcome:
    accepted: list[Candidate] = field(default_factory=list)
    rejected: list[Candidate] = field(default_factory=list)
    deferred: list[Candidate] = field(default_factory=list)
    turtle: str = ""
    reference: dict[str, str] = field(default_factory=dict)  # file name → Turtle appended


def short_id(c: Candidate, slug: str) -> str:
    return c.iri(slug).rsplit("/", 1)[1]


def load(config: Config, slug: str) -> list[Candidate]:
    path = candidates_path(config, slug)
    if not path.is_file():
        raise UsageError(f"{path.relative_to(config.root)}: no candidates; run `ittifoq suggest {slug}` first")
    return read_candidates(path.read_bytes())


def _find(candidates: list[Candidate], slug: str, cid: str) -> Candidate:
    hits = [c for c in candidates if short_id(c, slug).startswith(cid)]
    if len(hits) != 1:
        raise UsageError(f"candidate {cid}: {'no' if not hits else len(hits)} candidates of {slug} have this id")
    return hits[0]


def labelled(config: Config) -> frozenset[str]:
    """IRIs with a preferred label in the reference data: facts and entities the graph knows."""
    import pyoxigraph as ox

    from .. import namespaces as ns

    out = set()
    for path in sorted(config.reference_dir.glob("*.ttl")):
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            if t.predicate.value == ns.SKOS + "prefLabel":
                out.add(t.subject.value)
    return frozenset(out)


def _accept(c: Candidate, d: Decision, doc, out: Outcome, chunks: list[str], known: frozenset[str]) -> None:
    edits = d.all_edits()
    if c.kind == "NewEntity" and c.body_iri:
        # The suggester proposed the IRI and the kind; the curator still gives our preferred
        # labels (en, uz-Latn), which the text alone cannot supply.
        edits.setdefault("entity", c.body_iri.split("/id/", 1)[-1].split("/", 1)[0])
        edits.setdefault("iri", c.body_iri)
        if c.label:  # the name as the text writes it, without the office before it
            edits.setdefault("form", c.label[0])
    try:
        if c.kind in MENTION_KINDS or c.kind in ("Entity", "NewEntity"):
            if edits.get("entity"):
                iri, file_name, entity = drafts.new_entity(edits)
                out.reference[file_name] = out.reference.get(file_name, "") + entity
                c.body_iri = iri
            elif edits.get("link"):
                c.body_iri = drafts.expand(edits["link"])
            if not c.body_iri:
                raise UsageError("a new entity needs entity=person|office|organization|place, its IRI and labels")
            chunks.append(house.mention_turtle(c, doc.text, doc.languages, edits.get("form")))
        elif c.kind == "Date":
            chunks.append(drafts.date(c, doc.text, edits).facts)
        elif c.kind in ("Event", "Agreement", "Figure"):
            written = drafts.fact(c, doc.text, edits, known)
            chunks.append(written.facts)
            if "labels" in written.reference:
                name = f"{doc.slug}-labels.ttl"
                out.reference[name] = out.reference.get(name, "") + written.reference["labels"]
        else:
            raise UsageError(f"a {c.kind} candidate cannot be accepted")
    except UsageError as e:
        raise UsageError(f"candidate {d.cid}: {e}") from None


def add_mention(config: Config, slug: str, exact: str) -> str:
    """A mention the suggester missed (a name the graph does not know yet): a candidate of the
    curator's own, at the quote's first place in the text; returns its id. Accept it with
    ``link`` (an entity the graph knows) or ``entity``, ``iri`` and the labels (a new one)."""
    from ..evidence import find_all
    from .quotes import quote
    from .suggest import _context

    doc = document(config, slug)
    spans = find_all(doc.text, exact)
    if not spans:
        raise UsageError(f"{exact!r} is not in the text of {slug} (copy it from the text)")
    q = quote(doc.text, *spans[0])
    before, after = _context(doc.text, q.start, q.end)
    c = Candidate("Mention", f"curator mention {q.exact}", q.exact, q.prefix, q.suffix, q.start, q.end, 1.0,
                  "curator", "1", features=["added by the curator"], context_before=before, context_after=after)
    candidates = load(config, slug)
    if all(x.identity(slug) != c.identity(slug) for x in candidates):
        write_candidates(config, slug, [*candidates, c])
    return short_id(c, slug)


def decide(config: Config, slug: str, decisions: list[Decision], accept_mentions_from: float | None = None) -> Outcome:
    candidates = load(config, slug)
    doc = document(config, slug)
    out = Outcome()
    known = labelled(config)
    chunks: list[str] = []
    chosen: list[tuple[Candidate, Decision]] = [(_find(candidates, slug, d.cid), d) for d in decisions]
    if accept_mentions_from is not None:
        named = {id(c) for c, _ in chosen}
        chosen += [(c, Decision("accept", short_id(c, slug))) for c in candidates
                   if c.kind in MENTION_KINDS and c.status == "Pending" and c.confidence >= accept_mentions_from
                   and id(c) not in named]
    for c, d in chosen:
        if d.op == "reject":
            if not d.reason:
                raise UsageError(f"candidate {d.cid}: a rejection needs a reason (--reason)")
            c.status, c.reason = "Rejected", d.reason
            out.rejected.append(c)
        elif d.op == "defer":
            c.status, c.reason = "Deferred", d.reason
            out.deferred.append(c)
        elif d.op == "accept":
            _accept(c, d, doc, out, chunks, known)
            c.status, c.reason = "Accepted", None
            out.accepted.append(c)
        else:
            raise UsageError(f"unknown decision {d.op}")
    facts = config.facts_dir / f"{slug}.ttl"
    existing = facts.read_text(encoding="utf-8") if facts.is_file() else ""
    seen: set[str] = set()
    # A statement already in the file (or twice in this batch) is written once.
    out.turtle = "".join(x for x in chunks if x.strip() not in existing and not (x in seen or seen.add(x)))
    appends = {config.reference_dir / name: (REFERENCE_HEADER.format(slug=slug) if name.startswith(slug) else "",
                                             text) for name, text in out.reference.items()}
    if out.turtle:
        appends[facts] = (house.header(slug), out.turtle)
    if appends:
        apply(config, appends)
    write_candidates(config, slug, candidates)
    return out
