"""A new document in each of uz-Cyrl, uz-Latn, kk and ru (our own fixtures) ingested,
suggested, reviewed and accepted from the CLI; the graph then holds its surface forms."""

from __future__ import annotations

import pytest

from conftest import ROOT
from ittifoq.cli import main
from ittifoq.store import KnowledgeGraph

FIXTURES = ROOT / "tests/grow/fixtures"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "slug", "tag", "form"),
    [
        ("uz-Cyrl-call.txt", "uz-cyrl-call", "uz-Cyrl", "Қосим-Жомарт Тоқаев"),
        ("uz-Latn-commission.txt", "uz-latn-commission", "uz-Latn", "Samarqand"),
        ("kk-meeting.txt", "kk-meeting", "kk", "Астана"),
        ("ru-visit.txt", "ru-visit", "ru", "Ташкент"),
    ],
)
def test_ingest_suggest_review_accept(project_copy, capsys, name, slug, tag, form):
    root = ["--root", str(project_copy.root)]
    assert main([*root, "ingest", str(FIXTURES / name), "--slug", slug, "--published", "2025-11-14"]) == 0
    assert main([*root, "suggest", slug]) == 0
    assert main([*root, "review", slug]) == 0
    listing = capsys.readouterr().out
    assert f"[[{form}" in listing
    assert main([*root, "review", slug, "--accept-mentions"]) == 0
    out = capsys.readouterr().out
    assert "build and shapes passed" in out and f'"{form}"@{tag}' in out
    kg = KnowledgeGraph.open(project_copy)
    ask = f'ASK {{ GRAPH <https://w3id.org/ittifoq/graph/{slug}> {{ ?e skos:altLabel "{form}"@{tag} }} }}'
    assert bool(kg.query(ask))
