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
