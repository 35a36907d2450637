"""Agreements signed or adopted: a sentence holding an agreement word and a signing word of
one of the corpus languages; its parties are the states named there, its date the sentence's.

Corroboration: an agreement the graph already holds is recognised by one of its surface forms
(``skos:altLabel`` from the other documents' facts, matched on folded words), and the
candidate adds this document's statement to that IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from .. import namespaces as ns
from ..config import Config
from ..text.normalize import fold
from .dates import DateMention
from .events import sentences
from .mentions import Mention

RULE, VERSION = "agreement-words", "1"

_CLASSES = [
    ("Treaty", r"шартнома|shartnoma|шарттама|шартнама|договор|treaty"),
    ("Memorandum", r"меморандум|memorandum"),
    ("Programme", r"дастур|dastur|бағдарлама|программ|programme|program"),
    ("IntergovernmentalAgreement", r"ҳукуматлараро\s+битим|hukumatlararo\s+bitim|үкіметаралық\s+келісім"
                                   r"|ҳүкиметлераралық\s+келисим|межправительственн\w*\s+соглашени"
                                   r"|intergovernmental\s+agreement"),
    ("Agreement", r"битим|bitim|келісім|келисим|соглашени|agreement|ҳужжат|hujjat|құжат|ҳүжжет|документ"),
]
_SIGNED = re.compile(r"имзола|imzola|қол\s+қой|қол\s+қой|подписа|signed|қабул\s+қил|qabul\s+qil|қабылда|принят"
                     r"|adopted|ратификац|ratifi", re.I)
_TRIGGERS = [(cls, re.compile(r"\b(?:" + p + r")\w*", re.I)) for cls, p in _CLASSES]


@dataclass
class AgreementGuess:
    cls: str
    start: int
    end: int
    parties: list[str]
    start_date: tuple[str, str] | None
    derivation: str | None
    corroborates: str | None
    features: list[str]


def known_agreements(config: Config, exclude: str | None = None) -> dict[str, set[str]]:
    """IRI → folded surface forms, from the facts files except ``exclude``."""
    out: dict[str, set[str]] = {}
    for path in sorted(config.facts_dir.glob("*.ttl")):
        if path.stem == exclude:
            continue
        for q in ox.parse(input=path.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=ns.BASE):
            if (isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ns.ID + "agreement/")
                    and q.predicate.value == ns.SKOS + "altLabel" and len(fold(q.object.value)) >= 8):
                out.setdefault(q.subject.value, set()).add(fold(q.object.value))
    return out


def find_agreements(text: str, mentions: list[Mention], dates: list[DateMention],
                    known: dict[str, set[str]]) -> list[AgreementGuess]:
    out = []
    for s, e in sentences(text):
        signed = _SIGNED.search(text, s, e)
        if not signed:
            continue
        for cls, pattern in _TRIGGERS:
            m = pattern.search(text, s, e)
            if not m:
                continue
            folded = " " + fold(text[s:e]) + " "
            hits = sorted(iri for iri, forms in known.items() if any(f" {f}" in folded for f in forms))
            parties = sorted({x.iri for x in mentions if s <= x.start < e and x.iri.startswith(ns.ID + "state/")})
            sent_dates = [d for d in dates if s <= d.start < e and d.begin.datatype in ("date", "gYearMonth", "gYear")]
            d = min(sent_dates, key=lambda d: abs(d.start - m.start())) if sent_dates else None
            start = min(m.start(), signed.start(), d.start if d else e)
            end = max(m.end(), signed.end(), d.end if d else s)
            out.append(AgreementGuess(cls, start, end, parties, (d.begin.lexical, d.begin.datatype) if d else None,
                                      d.derivation if d else None, hits[0] if len(hits) == 1 else None,
                                      [f"trigger:{m.group(0)}", f"signed:{signed.group(0)}"]))
            break
    return out
