"""The leave-one-document-out benchmark: its floors (no invented date, every quote locates,
no wrong entity link) on the five documents, and that held-out names do not leak."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from ittifoq.config import Config
from ittifoq.grow import evaluate as ev


@pytest.fixture(scope="module")
def scores():
    return {s.slug: s for s in ev.evaluate(Config(root=ROOT))}


def _pooled(scores) -> ev.Score:
    pooled = ev.Score("pooled")
    for s in scores.values():
        pooled.add(s)
    return pooled


def test_floors_hold_on_every_document(scores):
    assert set(scores) == set(ev.DOCUMENTS)
    for s in scores.values():
        assert s.invented_dates == 0, s
        assert s.quotes_located == s.candidates > 0, s
        # One right link the curated facts do not use (khayrullaev's list of sources names the
        # Ministry of Foreign Affairs) is counted wrong: at most one per document.
        assert s.linked_entities - s.correct_entities <= 1, s
    pooled = _pooled(scores)
    assert pooled.correct_entities / pooled.linked_entities >= 0.95  # the precision target


def test_recall_and_corroboration_do_not_fall_below_what_they_reach(scores):
    """Floors under the figures reached (64 % pooled, 63 % on the Karakalpak document with the
    composed names of state bodies, both states' offices and inferred holders; 10 of 12 shared
    events at 11 of 11): a change that loses links fails here."""
    pooled = _pooled(scores)
    assert pooled.correct_entities / pooled.gold_entities >= 0.63
    kaa = scores["dunyo-strategic-partnership-new-era"]
    assert kaa.correct_entities / kaa.gold_entities >= 0.62
    assert pooled.corroborated >= 10  # the target
    assert pooled.correct_corroborations / pooled.corroborations >= 0.9


def test_dates_are_found_at_their_precision(scores):
    pooled = _pooled(scores)
    assert pooled.found_dates / pooled.gold_dates >= 0.85


def test_a_label_only_the_held_out_document_uses_is_removed():
    texts = {"a": "Өзбекстан ҳәм Қазақстан", "b": "Ўзбекистон ва Қозоғистон"}
    held, others = ev._folded_text(texts["a"]), [ev._folded_text(texts["b"])]
    kk = ev.Label("https://w3id.org/ittifoq/id/state/UZ", "Өзбекстан", "kk", "alt", "reference/states.ttl")
    uz = ev.Label("https://w3id.org/ittifoq/id/state/UZ", "Ўзбекистон", "uz-Cyrl", "alt", "facts/b")
    assert ev._occurs(held, kk) and not any(ev._occurs(o, kk) for o in others)
    assert ev._occurs(others[0], uz)


def test_the_table_has_a_row_per_document_and_pooled(scores):
    text = ev.table(list(scores.values()))
    assert all(f"| {slug} |" in text for slug in ev.DOCUMENTS) and "| pooled |" in text


def test_labels_from_a_named_public_reference_stay_and_the_documents_own_go(tmp_path):
    """Leave-one-out drops a label only the held-out text uses, unless the label comes from a
    named public reference (a reference file with a dct:source in data/reference/sources/, as
labels-cldr.ttl)."""
    from ittifoq.grow.gazetteer import load

    config = Config(root=ROOT)
    slug = "dunyo-strategic-partnership-new-era"
    texts = {s: ev.document(config, s).text for s in ev.DOCUMENTS}
    held = ev._folded_text(texts[slug])
    others = [ev._folded_text(t) for s, t in texts.items() if s != slug]
    kept = []

    def drop(label):
        gone = ev.only_in(held, others, label)
        if not gone and label.text == "Қазақстан":
            kept.append(label)
        return gone

    g = load(config, exclude=slug, drop=drop)
    # Қазақстан is written by the Karakalpak document alone: only CLDR's and iso-codes' labels remain.
    assert kept and all(lab.public and lab.source in ("reference/labels-cldr.ttl", "reference/labels-iso-codes.ttl")
                        for lab in kept)
    assert not any(lab.source == "reference/states.ttl" and lab.text == "Қазақстан" for lab in g.labels)


# --- eval-suggest --explain: why each curated entity is not linked (categories B, C, D) ---------------------

ID = "https://w3id.org/ittifoq/id/"
BRIEFING, DUNYO = "president-uz-allied-relations-briefing", "dunyo-strategic-partnership-new-era"


@pytest.fixture(scope="module")
def explained():
    from ittifoq.grow import ceiling

    return {e.slug: e for e in ceiling.explain(Config(root=ROOT))}


@pytest.fixture(scope="module")
def texts():
    config = Config(root=ROOT)
    return {slug: ev.document(config, slug).text for slug in ev.DOCUMENTS}


def _category(explained, slug: str, entity: str) -> str:
    misses = {m.iri: m for m in explained[slug].misses}
    return misses[ID + entity].category if ID + entity in misses else "A"


def _written(text: str, pattern: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


def test_every_curated_entity_falls_in_one_category_and_a_is_the_tables_count(scores, explained):
    for slug, s in scores.items():
        e = explained[slug]
        assert e.curated == s.gold_entities and e.counts["A"] == s.correct_entities, slug
        assert len(e.misses) == len({m.iri for m in e.misses}) == e.curated - e.counts["A"], slug
        assert len(e.not_curated) == s.linked_entities - s.correct_entities, slug


def test_categories_agree_with_the_documents_read_by_hand(explained, texts):
    others = lambda slug: [t for s, t in texts.items() if s != slug]  # noqa: E731
    # A, though unwritten: the briefing names the President of Kazakhstan by office only (no spelling
    # of Tokayev's name in either script stands in it); the link is inferred from the other
    # documents' office holdings (grow/holders.py).
    assert _category(explained, BRIEFING, "person/kassym-jomart-tokayev") == "A"
    assert not _written(texts[BRIEFING], r"т[оў][кқ]аев|t[oa]q?k?ayev")
    # C: the briefing writes Almaty as "Олмаотада"; no other document writes Олмаота/Olmaota, and no
    # public reference gives it (GeoNames' Almaty has Alma-Ata, Almaato, Алмаато, but not Olmaota).
    assert _category(explained, BRIEFING, "place/almaty") == "C"
    assert _written(texts[BRIEFING], r"Олмаотада")
    assert not any(_written(t, r"олмаота|olmaota") for t in others(BRIEFING))
    assert not _written((ROOT / "data/reference/labels-geonames.ttl").read_text(), r"олмаота|olmaota")
    # C: the Amu Darya is written "Amudaryo" by the concept alone.
    assert _category(explained, "interstate-relations-concept", "place/amu-darya") == "C"
    assert _written(texts["interstate-relations-concept"], r"\bAmudaryo")
    assert not any(_written(t, r"amudaryo|амударё|әмиўдәрья") for t in others("interstate-relations-concept"))
    # A: the Karakalpak article writes "Олий Мажлис Сенатының"; the composed name of the Oliy Majlis's
    # Senate (grow/compose.py) links it, though no other document writes it so.
    assert _category(explained, DUNYO, "organization/senate-of-uzbekistan") == "A"
    assert _written(texts[DUNYO], r"\bСенатының")
    # A: Bukhara, written "Бухарада" in the Karakalpak article alone, is linked through GeoNames' "Бухара".
    assert _category(explained, DUNYO, "place/bukhara") == "A"
    assert not any(_written(t, r"бухар|buxoro|bukhara") for t in others(DUNYO))
    # D, but not inferred: the khayrullaev article's author line writes "Хайруллаев Икром", and the
    # gazetteer holds no label of him (documents.ttl describes him, and the gazetteer does not read it).
    author = {m.iri: m for m in explained["khayrullaev-uzbekistan-kazakhstan-cooperation"].misses}[
        ID + "person/ikrom-khayrullaev"]
    assert author.category == "D" and not author.named
    assert _written(texts["khayrullaev-uzbekistan-kazakhstan-cooperation"], r"Хайруллаев Икром")


def test_the_explanation_is_printed_per_document_and_pooled(explained, capsys):
    from ittifoq.cli import main

    assert main(["eval-suggest", "--explain", "--document", BRIEFING]) == 0
    out = capsys.readouterr().out
    e = explained[BRIEFING]
    counts = " ".join(f"{k} {e.counts[k]}" for k in "ABCD")
    assert f"{BRIEFING}: {counts} of {e.curated}" in out and f"pooled: {counts} of {e.curated}" in out
    assert e.misses and all(f"  {m.category} {m.iri[len(ID):]}: " in out for m in e.misses)
    assert '  C place/almaty: "Olmaota"@uz-latn' in out
