"""Content negotiation: which format a response is written in.

``Accept`` is parsed with q-values (RFC 9110 §12.5.1): for each offered format the most
specific matching media range gives its quality (``text/turtle`` over ``text/*`` over
``*/*``); the highest quality wins and ties go to the server's order of preference.

A format parameter overrides the header. Clients name it differently (Virtuoso reads
``format``, Fuseki ``output``, others ``results``) and SPARQLWrapper sends all three, some
twice (``format=tsv&format=text/tab-separated-values``), with values not every server knows
(``rdf+xml``, an Accept header's list) beside a second one every server knows. So every
value of the three parameters is read (a short name or a media type): the ones that name an
offer must agree (else 400), values naming nothing offered are ignored when another value
names an offer, and are a 406 (listing the offers) when none does. ``n3`` and ``text/n3``
get Turtle, which is a subset of N3 (Virtuoso does the same).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .. import formats
from ..errors import IttifoqError, UsageError
from ..formats import Format


class NotAcceptable(IttifoqError):
    http_status = 406


# The offers are the project's format table (ittifoq.formats); an Offer is a Format.
Offer = Format
RESULT_OFFERS = formats.RESULTS
GRAPH_OFFERS = formats.RDF
HTML = formats.HTML


def offers_for(form: str | None) -> tuple[Offer, ...]:
    if form in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_OFFERS
    return RESULT_OFFERS


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        t, _, s = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == t and self.subtype == "*":
            return 2
        if self.type == t and self.subtype == s:
            return 3
        return 0


@functools.lru_cache(maxsize=256)  # clients send the same few Accept headers again and again
def parse_accept(header: str | None) -> tuple[MediaRange, ...]:
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        t, _, s = media.partition("/")
        ranges.append(MediaRange(t, s, q))
    return tuple(ranges)


def quality(offer: Offer, ranges: tuple[MediaRange, ...]) -> float:
    best_spec, best_q = 0, 0.0
    for media_type in (offer.media_type, *offer.aliases):
        alias = media_type != offer.media_type
        for r in ranges:
            spec = r.specificity(media_type)
            # An alias counts only when named exactly: text/* must not pick RDF/XML through
            # its text/xml alias.
            if alias and spec < 3:
                continue
            if spec > best_spec or (spec == best_spec and spec and r.q > best_q):
                best_spec, best_q = spec, r.q
    return best_q


def negotiate(accept: str | None, offers: tuple[Offer, ...] | list[Offer]) -> Offer | None:
    """The offer the client prefers, or None if it accepts none of them. No or an empty Accept
    header means anything is fine: the server's first offer."""
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        q = quality(offer, ranges)
        if q > best_q:
            best, best_q = offer, q
    return best


def by_name(name: str, offers: tuple[Offer, ...] | list[Offer]) -> Offer | None:
    key = name.strip().lower()
    for offer in offers:
        if key == offer.name or key in offer.names or key == offer.media_type or key in offer.aliases:
            return offer
    return None


FORMAT_PARAMS = ("format", "output", "results")


def format_params(values) -> tuple[str, ...]:
    """Every value of the format parameters of a request (a MultiDict-like ``getlist``)."""
    return tuple(v for name in FORMAT_PARAMS for v in values.getlist(name) if v.strip())


def choose(accept: str | None, fmt, offers, what: str = "this result") -> Offer:
    """The offer for a request, from its format parameters (``fmt``: one value or several, see
    the module docstring) if they name one, else from Accept; NotAcceptable (406) naming what
    is offered when nothing fits."""
    values = (fmt,) if isinstance(fmt, str) else tuple(fmt or ())
    values = tuple(v for v in values if v and v.strip())
    named = {}
    for v in values:
        offer = by_name(v, offers)
        if offer is not None:
            named.setdefault(offer, v)
    if len(named) > 1:
        raise UsageError("the format parameters ask for different formats ("
                         + ", ".join(repr(v) for v in named.values()) + "); send one")
    if named:
        return next(iter(named))
    if values:
        raise NotAcceptable(
            "format=" + ", ".join(repr(v) for v in values) + f" is not offered for {what}; use one of "
            + ", ".join(f"{o.name} ({o.media_type})" for o in offers)
        )
    offer = negotiate(accept, offers)
    if offer is None:
        raise NotAcceptable(
            f"none of the types in Accept: {accept} is offered for {what}; offered: "
            + ", ".join(o.media_type for o in offers)
        )
    return offer
