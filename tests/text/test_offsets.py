"""The folds with offsets (``ittifoq.text.offsets``) give exactly the folds of
``ittifoq.text.normalize``, on every document and on generated text, and each character points
back at the original characters it was made from."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ittifoq.text.normalize import fold, skeleton
from ittifoq.text.offsets import Mapped, fold_mapped, skeleton_mapped

SOURCES = sorted((Path(__file__).resolve().parents[2] / "data" / "sources").glob("*.txt"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_the_mapped_folds_are_the_folds_on_every_document(path):
    text = path.read_text(encoding="utf-8")
    f, s = fold_mapped(text), skeleton_mapped(text)
    assert f.text == fold(text)
    assert s.text == skeleton(text)
    for m in (f, s):
        assert len(m.starts) == len(m.ends) == len(m.text)
        assert all(0 <= a < b <= len(text) for a, b in zip(m.starts, m.ends, strict=True))
        assert list(m.starts) == sorted(m.starts)  # in the order of the original


# Letters of the corpus' scripts, apostrophes, marks, spaces and punctuation.
ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюяқғҳўәөүұіңһАБВГДЕЁЖЗИЙКЛМНОПҚҒҲЎӘӨҮҰІҢ"
            "'`ʻʼ‘’ \n.,;:-–—()«»\u0306\u0301\u00ad\u200b0123456789ñşçßı")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_mapped_folds_are_the_folds_on_any_text(text):
    assert fold_mapped(text).text == fold(text)
    assert skeleton_mapped(text).text == skeleton(text)


@pytest.mark.parametrize(("original", "word", "folded"), [
    ("Ўзбекистон ва Қозоғистон", "Қозоғистон", "qozogiston"),
    ("Toshkentda oʻtkazildi", "Toshkent", "toshkent"),
    ("Президент Тошкентда", "Тошкент", "toshkent"),
    ("O‘zbekiston Respublikasi", "O‘zbekiston", "ozbekiston"),
])
def test_a_word_s_fold_points_at_the_word(original, word, folded):
    m = fold_mapped(original)
    k = m.text.index(folded)
    a, b = m.span(k, k + len(folded))
    assert original[a:b] == word


def test_one_character_made_into_two_points_at_it_twice():
    m = fold_mapped("Ша")
    assert m.text == "sha" and m.span(0, 1) == m.span(1, 2) == (0, 1) and m.span(2, 3) == (1, 2)


def test_a_substitution_spans_the_whole_match():
    m = Mapped.of("a  b").sub(" +", " ")
    assert m.text == "a b" and m.span(1, 2) == (1, 3)
