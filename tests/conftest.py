"""Shared fixtures: the project built once per session into a temporary folder, and a
throw-away copy of the project for tests that must change its files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ittifoq.config import Config
from ittifoq.store import KnowledgeGraph

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def config(tmp_path_factory) -> Config:
    return Config(root=ROOT, build_dir=tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def kg(config) -> KnowledgeGraph:
    return KnowledgeGraph.open(config)


def copy_project(dest: Path) -> Config:
    for name in ("ontology", "data", "shapes"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    return Config(root=dest, build_dir=dest / "build")


@pytest.fixture
def project_copy(tmp_path) -> Config:
    return copy_project(tmp_path / "project")


def review_server(project: Path, fixture: str = "ru-visit", published: str = "2022-12-23"):
    """A review page (``serve --review``'s app) over a copy of the project in which our fixture
    text ``tests/grow/fixtures/{fixture}.txt`` is ingested and suggested; yields (app, state,
    config) and stops the engine after. For module-scoped fixtures: ``yield from`` it."""
    from ittifoq.grow.ingest import ingest
    from ittifoq.grow.suggest import run
    from ittifoq.web import ServerSettings, create_app, review

    config = copy_project(project)
    ingest(config, ROOT / f"tests/grow/fixtures/{fixture}.txt", fixture, published=published)
    run(config, fixture)
    app = create_app(ServerSettings(query_threads=1), config=config)
    state = review.install(app, config)
    yield app, state, config
    app.extensions["ittifoq"].close()
