"""Where the commands find their graph: a checkout (found from the current folder, --root or
$ITTIFOQ_ROOT) before the graph packaged with the install; a clear error when neither."""

from __future__ import annotations

import pytest

import ittifoq.config as cfg
from conftest import ROOT
from ittifoq.config import Config, discover_root, examples_dir
from ittifoq.errors import ConfigError


@pytest.fixture
def no_checkout(monkeypatch, tmp_path):
    """As outside a checkout: cwd elsewhere, no $ITTIFOQ_ROOT, not an editable install."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ITTIFOQ_ROOT", raising=False)
    monkeypatch.setattr(cfg, "__file__", str(tmp_path / "site-packages" / "ittifoq" / "config.py"))
    monkeypatch.setattr(cfg, "PACKAGED_ROOT", tmp_path / "site-packages" / "ittifoq" / "dataset")
    return tmp_path


def test_checkout_is_found_from_a_subfolder(monkeypatch):
    monkeypatch.delenv("ITTIFOQ_ROOT", raising=False)
    monkeypatch.chdir(ROOT / "data" / "facts")
    assert discover_root() == ROOT
    assert not Config.discover().packaged


def test_bad_ittifoq_root_names_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("ITTIFOQ_ROOT", str(tmp_path))
    with pytest.raises(ConfigError, match="ITTIFOQ_ROOT="):
        discover_root()


def test_outside_a_checkout_without_a_packaged_graph_is_a_clear_error(no_checkout):
    with pytest.raises(ConfigError, match="cannot find the ittifoq project folder.*no packaged graph"):
        Config.discover()
    assert examples_dir() is None


def test_outside_a_checkout_the_packaged_graph_is_used(no_checkout):
    from ittifoq.bundle import make_bundle

    make_bundle(ROOT, cfg.PACKAGED_ROOT)
    config = Config.discover()
    assert config.root == cfg.PACKAGED_ROOT and config.packaged
    assert config.dataset_path == cfg.PACKAGED_ROOT / "build" / "ittifoq.nq"
    assert examples_dir() == cfg.PACKAGED_ROOT / "data" / "queries"


def test_a_checkout_wins_over_the_packaged_graph(no_checkout, monkeypatch):
    from ittifoq.bundle import make_bundle

    make_bundle(ROOT, cfg.PACKAGED_ROOT)
    monkeypatch.setenv("ITTIFOQ_ROOT", str(ROOT))
    assert Config.discover().root == ROOT
    monkeypatch.delenv("ITTIFOQ_ROOT")
    monkeypatch.chdir(ROOT / "shapes")
    assert Config.discover().root == ROOT
