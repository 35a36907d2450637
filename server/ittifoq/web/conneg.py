"""Content negotiation: which format a response is written in.

``Accept`` is parsed with q-values (RFC 9110 §12.5.1): for each offered format the most
specific matching media range gives its quality (``text/turtle`` over ``text/*`` over
``*/*``); the highest quality wins and ties go to the server's order of preference. A
``?format=`` parameter (short name or media type) overrides the header.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import IttifoqError


class NotAcceptable(IttifoqError):
    http_status = 406


@dataclass(frozen=True)
class Offer:
    name: str  # short name, as in ?format=
    media_type: str
    aliases: tuple[str, ...] = ()  # other media types clients use for the same bytes
    names: tuple[str, ...] = ()  # other short names accepted in ?format=
    ox_format: object = None

    @property
    def content_type(self) -> str:
        # Textual formats are UTF-8 (the SPARQL and RDF specs say so); say it for clients that
        # would otherwise guess Latin-1 for text/*.
        if self.media_type.startswith("text/") or self.name in ("ntriples", "nquads", "trig"):
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


R = ox.QueryResultsFormat
F = ox.RdfFormat
RESULT_OFFERS = (
    Offer("json", "application/sparql-results+json", ("application/json",), ("srj",), R.JSON),
    Offer("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), ("srx",), R.XML),
    Offer("csv", "text/csv", (), (), R.CSV),
    Offer("tsv", "text/tab-separated-values", (), (), R.TSV),
)
GRAPH_OFFERS = (
    Offer("turtle", "text/turtle", ("application/x-turtle",), ("ttl",), F.TURTLE),
    Offer("ntriples", "application/n-triples", ("text/plain",), ("nt",), F.N_TRIPLES),
    Offer("nquads", "application/n-quads", ("text/x-nquads",), ("nq",), F.N_QUADS),
    Offer("trig", "application/trig", (), (), F.TRIG),
    Offer("jsonld", "application/ld+json", ("application/json",), ("json-ld", "json"), F.JSON_LD),
    Offer("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), ("rdf", "xml", "owl"), F.RDF_XML),
)
HTML = Offer("html", "text/html", ("application/xhtml+xml",))


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


def choose(accept: str | None, fmt: str | None, offers, what: str = "this result") -> Offer:
    """The offer for a request, from ``?format=`` if given, else from Accept; NotAcceptable
    (406) naming what is offered when nothing fits."""
    if fmt:
        offer = by_name(fmt, offers)
        if offer is None:
            raise NotAcceptable(
                f"format={fmt!r} is not offered for {what}; use one of "
                + ", ".join(f"{o.name} ({o.media_type})" for o in offers)
            )
        return offer
    offer = negotiate(accept, offers)
    if offer is None:
        raise NotAcceptable(
            f"none of the types in Accept: {accept} is offered for {what}; offered: "
            + ", ".join(o.media_type for o in offers)
        )
    return offer
