"""The leave-one-document-out benchmark: its floors (no invented date, every quote locates,
no wrong entity link) on the five documents, and that held-out names do not leak."""

from __future__ import annotations

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
