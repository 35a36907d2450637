"""An office named without its holder, resolved to the person the graph says held it then.

"Қозоғистон Президенти" in a text of 2023 is Kassym-Jomart Tokayev when the graph's
``itt:OfficeHolding`` facts (of the other documents: what leave-one-out keeps) give exactly one
person who held the President of Kazakhstan's office at that date: the sentence's own date, or
the document's publication date when the sentence has none. A holding counts from its
``itt:startDate`` (else its earliest ``itt:attestedDate``) to its ``itt:endDate`` (else its
latest attestation), compared at the precision of the date at hand. A holding with no date at
all may cover any date, so it makes the office ambiguous unless it is the same person's. No
link when the text names the holder itself right after the title (it says who), when two
persons fit, or when the date is outside every holding.

The inferred link is a separate mention candidate of the person, with the office mention's
quote, and features naming the holding and the date it was decided on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from .. import namespaces as ns
from ..config import Config
from .events import sentence_at
from .mentions import Mention

VERSION = "1"
RULE = "office-holder"


@dataclass(frozen=True)
class Holding:
    iri: str
    holder: str
    office: str
    first: str | None  # lexical date forms (any precision)
    last: str | None
    source: str  # facts/{slug}


def load(config: Config, exclude: str | None = None) -> list[Holding]:
    """The office holdings the facts files state, leaving out the ``exclude`` document's."""
    out = []
    for path in sorted(config.facts_dir.glob("*.ttl")):
        if path.stem == exclude:
            continue
        props: dict[str, dict[str, list[str]]] = {}
        for q in ox.parse(input=path.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=ns.BASE):
            if isinstance(q.subject, ox.NamedNode):
                props.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object.value)
        for iri, p in props.items():
            if ns.ITT + "OfficeHolding" not in p.get(ns.RDF + "type", []):
                continue
            attested = sorted(p.get(ns.ITT + "attestedDate", []))
            first = min(p.get(ns.ITT + "startDate", []) or attested or [None], key=lambda d: d or "")
            last = max(p.get(ns.ITT + "endDate", []) or attested or [None], key=lambda d: d or "")
            for holder in p.get(ns.ITT + "holder", []):
                for office in p.get(ns.ITT + "office", []):
                    out.append(Holding(iri, holder, office, first, last, f"facts/{path.stem}"))
    return out


def _covers(h: Holding, date: str) -> bool:
    """Whether the holding's span holds ``date``, compared at the coarser of the two precisions."""
    if h.first is None or h.last is None:
        return True  # undated: may be any time
    return h.first[: len(date)] <= date[: len(h.first)] and date[: len(h.last)] <= h.last[: len(date)]


def holder_at(holdings: list[Holding], office: str, date: str) -> Holding | None:
    """The one holding of ``office`` whose span holds ``date``; None when none or two persons fit."""
    fitting = [h for h in holdings if h.office == office and _covers(h, date)]
    dated = [h for h in fitting if h.first is not None]
    persons = {h.holder for h in fitting}
    if len(persons) != 1 or not dated:
        return None
    return dated[0]


def inferred(text: str, mentions: list[Mention], dates: list, published: str | None,
             holdings: list[Holding]) -> list[Mention]:
    """Mentions of office holders inferred from office mentions (``dates``: the date grammar's)."""
    offices = {h.office for h in holdings}
    persons_at = {m.start for m in mentions if m.iri.startswith(ns.ID + "person/")}
    out = []
    for m in mentions:
        if m.iri not in offices:
            continue
        after = re.match(r"[\s,]*", text[m.end :])
        if m.end + after.end() in persons_at or any(p.iri.startswith(ns.ID + "person/") and m.end <= p.start
                                                    <= m.end + after.end() + 1 for p in mentions):
            continue  # the text names the holder itself
        a, b = sentence_at(text, m.start)
        own = sorted({d.begin.lexical for d in dates if a <= d.start < b})
        when = own or ([published] if published else [])
        if not when:
            continue
        found = {holder_at(holdings, m.iri, d) for d in when}
        if len(found) != 1 or None in found:
            continue
        h = found.pop()
        features = (f"rule:{RULE}", "inferred", f"office:{m.iri}", f"holding:{h.iri}", f"holding-source:{h.source}",
                    f"date:{'/'.join(when)}", "date-from:" + ("sentence" if own else "publication-date"))
        out.append(Mention(m.start, m.end, m.text, h.holder, round(min(m.confidence, 0.9) - 0.2, 3), features, (),
                           (), RULE, VERSION))
    return out
