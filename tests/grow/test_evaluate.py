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


def test_floors_hold_on_every_document(scores):
    assert set(scores) == set(ev.DOCUMENTS)
    for s in scores.values():
        assert s.invented_dates == 0, s
        assert s.quotes_located == s.candidates > 0, s
        assert s.correct_entities == s.linked_entities, s  # precision 100 % today: any wrong link is a regression


def test_dates_are_found_at_their_precision(scores):
    pooled = ev.Score("pooled")
    for s in scores.values():
        pooled.add(s)
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
