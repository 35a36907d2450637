"""``ittifoq review``: a curator's decisions on candidates, and acceptance into the facts.

Accept, reject (with a reason), defer, or edit (choose another entity; give a date its
subject and property) candidates by their id (the last part of their IRI, or a unique
beginning of it). Accepted candidates are appended to ``data/facts/{slug}.ttl`` in the house
style; the build and the shapes then run, and a change that fails either is undone and
refused with their messages. Decisions are written back to the candidates file, where
re-runs of ``suggest`` keep them. Bulk acceptance exists for mentions only, never for facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..build import build
from ..config import Config
from ..errors import IttifoqError, UsageError
from . import accept as house
from .candidates import Candidate, read_candidates
from .suggest import candidates_path, document, write_candidates


class ReviewRefused(IttifoqError):
    """An accepted candidate made the build or the shapes fail; nothing was changed."""

    exit_code = 1


@dataclass
class Decision:
    op: str  # accept | reject | defer
    cid: str
    reason: str | None = None
    link: str | None = None  # edit: another entity for a mention
    subject: str | None = None  # edit: the fact a date belongs to
    prop: str = "itt:startDate"


@dataclass
class Outcome:
    accepted: list[Candidate] = field(default_factory=list)
    rejected: list[Candidate] = field(default_factory=list)
    deferred: list[Candidate] = field(default_factory=list)
    turtle: str = ""


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


def _expand(iri: str) -> str:
    if ":" in iri and not iri.startswith("http"):
        prefix, local = iri.split(":", 1)
        if prefix not in house.PREFIXES:
            raise UsageError(f"{iri}: unknown prefix {prefix}: (one of {', '.join(house.PREFIXES)})")
        return house.PREFIXES[prefix] + local
    return iri


def decide(config: Config, slug: str, decisions: list[Decision], accept_mentions_from: float | None = None) -> Outcome:
    candidates = load(config, slug)
    doc = document(config, slug)
    out = Outcome()
    chunks: list[str] = []
    chosen: list[tuple[Candidate, Decision]] = [(_find(candidates, slug, d.cid), d) for d in decisions]
    if accept_mentions_from is not None:
        named = {id(c) for c, _ in chosen}
        chosen += [(c, Decision("accept", short_id(c, slug))) for c in candidates
                   if c.kind == "Mention" and c.status == "Pending" and c.confidence >= accept_mentions_from
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
            if c.kind == "Mention":
                if d.link:
                    c.body_iri = _expand(d.link)
                chunks.append(house.mention_turtle(c, doc.text, doc.languages))
            elif c.kind == "Date":
                if not d.subject:
                    raise UsageError(f"candidate {d.cid}: a date is a fact about something; name it with "
                                     "--subject (e.g. event:…) and --property (default itt:startDate)")
                chunks.append(house.date_turtle(c, _expand(d.subject), _expand(d.prop)))
            elif c.kind == "Event":
                if not c.corroborates:
                    raise UsageError(f"candidate {d.cid}: a new event needs an IRI and preferred labels in the "
                                     "reference data; write it by hand (its date: --date ID=event:…)")
                chunks.append(house.event_turtle(c))
            elif c.kind == "Agreement":
                if not c.corroborates:
                    raise UsageError(f"candidate {d.cid}: a new agreement needs an IRI and preferred labels in the "
                                     "reference data; write it by hand")
                chunks.append(house.agreement_turtle(c))
            else:  # figures: an observation needs its IRI, indicator and labels, written by hand
                raise UsageError(f"candidate {d.cid}: a {c.kind} candidate cannot be accepted yet; write the "
                                 "observation by hand, quoting its evidence")
            c.status, c.reason = "Accepted", None
            out.accepted.append(c)
        else:
            raise UsageError(f"unknown decision {d.op}")
    facts = config.facts_dir / f"{slug}.ttl"
    existing = facts.read_text(encoding="utf-8") if facts.is_file() else ""
    seen: set[str] = set()
    # A statement already in the file (or twice in this batch) is written once.
    out.turtle = "".join(x for x in chunks if x.strip() not in existing and not (x in seen or seen.add(x)))
    if out.turtle:
        _apply(config, slug, out.turtle)
    write_candidates(config, slug, candidates)
    return out


def _apply(config: Config, slug: str, turtle_text: str) -> None:
    from ..validation import validate

    path = config.facts_dir / f"{slug}.ttl"
    old = path.read_bytes() if path.is_file() else None
    existing = old.decode("utf-8") if old else house.header(slug)
    new_text = existing.rstrip("\n") + "\n\n" + turtle_text
    path.write_text(new_text, encoding="utf-8")
    try:
        build(config, force=True)
        report = validate(config)
        violations = [r for r in report.results if r.severity == "Violation"]
        if violations:
            raise ReviewRefused("the shapes refuse the change: " + "; ".join(
                f"{r.focus_node}: {r.message}" for r in violations[:5]))
    except IttifoqError as e:
        if old is None:
            path.unlink()
        else:
            path.write_bytes(old)
        try:
            build(config, force=True)
        finally:
            if not isinstance(e, ReviewRefused):
                raise ReviewRefused(f"the build refuses the change: {e}") from e
        raise
