"""Names of the graph's entities in every language, indexed by their folded words.

Labels come from ``data/reference/*.ttl`` (preferred and alternative labels, acronyms) and
from the surface forms (``skos:altLabel``, ``itt:acronym``) the facts files record for each
document. Leave-one-out evaluation builds it without one document (:func:`load` ``exclude``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox

from .. import namespaces as ns
from ..config import Config
from ..text.normalize import APOSTROPHES, fold, skeleton

# The kinds of entity a mention may link to (IRIs under /id/{kind}/).
ENTITY_KINDS = ("state", "person", "office", "organization", "place")
# skos:hiddenLabel: names to find, not to show (GeoNames' alternate names, which carry no language).
_LABELS = {ns.SKOS + "prefLabel": "pref", ns.SKOS + "altLabel": "alt", ns.ITT + "acronym": "acronym",
           ns.SKOS + "hiddenLabel": "hidden"}
_TYPE = ns.RDF + "type"
_DCT_SOURCE = "http://purl.org/dc/terms/source"
# A word: letters and digits, with apostrophes inside (Oʻzbekiston); hyphens separate words.
WORD_RE = re.compile(f"[^\\W_]+(?:[{re.escape(APOSTROPHES)}][^\\W_]+)*")


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for every word of ``text``."""
    out = []
    for m in WORD_RE.finditer(text):
        f = fold(m.group(0)).replace(" ", "")
        if f:
            out.append((m.start(), m.end(), f))
    return out


@dataclass(frozen=True)
class Label:
    iri: str
    text: str
    lang: str  # BCP 47 tag, "" for a plain literal
    kind: str  # pref | alt | acronym | hidden
    source: str  # "reference/{file}" or "facts/{slug}"
    # Taken from a named public reference (a reference file with a dct:source in
    # data/reference/sources/, e.g. Unicode CLDR), not from a document of the corpus:
    # leave-one-out keeps it.
    public: bool = False


@dataclass
class Gazetteer:
    labels: list[Label] = field(default_factory=list)
    types: dict[str, set[str]] = field(default_factory=dict)
    by_fold: dict[tuple[str, ...], list[Label]] = field(default_factory=lambda: defaultdict(list))
    by_skeleton: dict[tuple[str, ...], list[Label]] = field(default_factory=lambda: defaultdict(list))
    # Russian labels by the stems of all their words (morph.russian_stem): Russian declines each word.
    by_russian_stem: dict[tuple[str, ...], list[Label]] = field(default_factory=lambda: defaultdict(list))
    max_words: int = 1
    holdings: list = field(default_factory=list)  # itt:OfficeHolding facts read (grow/holders.py)

    def add(self, label: Label) -> None:
        key = tuple(w for _, _, w in words(label.text))
        if not key or (len(key) == 1 and len(key[0]) < 2):
            return
        self.labels.append(label)
        self.by_fold[key].append(label)
        self.by_skeleton[tuple(skeleton(w) for w in key)].append(label)
        if label.lang.lower().split("-")[0] == "ru":
            from .morph import russian_stem

            self.by_russian_stem[tuple(russian_stem(w) for w in key)].append(label)
        self.max_words = max(self.max_words, len(key))

    def keep_only(self, keep) -> None:
        """Keep the labels ``keep(label)`` accepts, their indexes rebuilt."""
        labels = [lab for lab in self.labels if keep(lab)]
        self.labels, self.max_words = [], 1
        self.by_fold, self.by_skeleton, self.by_russian_stem = defaultdict(list), defaultdict(list), defaultdict(list)
        for lab in labels:
            self.add(lab)

    def kind_of(self, iri: str) -> str:
        return iri[len(ns.ID) :].split("/", 1)[0]


def entity_iri(iri: str) -> bool:
    return iri.startswith(ns.ID) and iri[len(ns.ID) :].split("/", 1)[0] in ENTITY_KINDS


def _parse(path: Path) -> list[ox.Quad]:
    return list(ox.parse(input=path.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=ns.BASE))


def load(config: Config, exclude: str | None = None, drop=None) -> Gazetteer:
    """The gazetteer of the project; ``exclude`` leaves out one document's facts file, and
    ``drop(label)`` (when given) removes further labels (leave-one-out)."""
    g = Gazetteer()
    sources: list[tuple[str, Path]] = [(f"reference/{p.name}", p) for p in sorted(config.reference_dir.glob("*.ttl"))]
    public_sources = public_files(config)
    sources += [(f"facts/{p.stem}", p) for p in sorted(config.facts_dir.glob("*.ttl")) if p.stem != exclude]
    for source, path in sources:
        public = source.startswith("reference/") and path.resolve() in public_sources
        for q in _parse(path):
            s = q.subject.value if isinstance(q.subject, ox.NamedNode) else None
            if s is None or not entity_iri(s):
                continue
            if q.predicate.value == _TYPE and source.startswith("reference/"):
                g.types.setdefault(s, set()).add(q.object.value)
            kind = _LABELS.get(q.predicate.value)
            if kind and isinstance(q.object, ox.Literal):
                label = Label(s, q.object.value, q.object.language or "", kind, source, public)
                if drop is None or not drop(label):
                    g.add(label)
    derive_labels(g, config)
    from .holders import load as load_holdings

    g.holdings = load_holdings(config, exclude)  # the office holdings of the facts read
    return g


def derive_labels(g: Gazetteer, config: Config | None = None) -> None:
    """Labels made by rule from the labels ``g`` holds (after any leave-one-out drop, so never
    from a dropped label): calques, initialisms, office names, family names, short forms."""
    from .calque import add_calques
    from .compose import add_office_names
    from .initialisms import add_initialisms
    from .shortforms import add_short_forms
    from .tiedbodies import drop_bare_chambers

    calque_initialisms = add_calques(g)
    add_initialisms(g, calque_initialisms)  # before the offices: an organ is named after its initialism too (ООН)
    add_office_names(g, config)  # config: the reference data's structure (parent bodies)
    add_surnames(g)
    add_short_forms(g, config)  # after every other label: a short form must be nobody else's name
    drop_bare_chambers(g)


def public_files(config: Config) -> dict[Path, str]:
    """Reference files whose labels a named public reference gives: file → its ``dct:source``,
    as ``data/reference/sources/*.ttl`` records them (outside the published graph)."""
    out: dict[Path, str] = {}
    for path in sorted((config.reference_dir / "sources").glob("*.ttl")):
        base = path.resolve().as_uri()
        for q in ox.parse(input=path.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=base):
            if q.predicate.value == _DCT_SOURCE and q.subject.value.startswith("file://"):
                out[Path(unquote(urlparse(q.subject.value).path)).resolve()] = q.object.value
    return out


def add_surnames(g: Gazetteer) -> None:
    """A person's family name alone ("Toqayev", "Мирзиёев") as a label of kind ``surname``,
    when it is the last word of a full-name label and names no one else."""
    owners: dict[str, set[str]] = defaultdict(set)
    surnames: list[Label] = []
    for lab in list(g.labels):
        key = tuple(w for _, _, w in words(lab.text))
        if lab.kind == "acronym" or len(key) < 2 or not lab.iri.startswith(ns.ID + "person/"):
            continue
        last = WORD_RE.findall(lab.text)[-1]
        if len(key[-1]) >= 5:
            owners[key[-1]].add(lab.iri)
            surnames.append(Label(lab.iri, last, lab.lang, "surname", lab.source))
    for lab in surnames:
        key = words(lab.text)[0][2]
        taken = {x.iri for x in g.by_fold.get((key,), [])}
        if owners[key] == {lab.iri} and taken <= {lab.iri}:
            g.add(lab)
