"""The command line as installed from a wheel: `--version` names the graph served, and the
commands that would write into the installed package refuse with a clear message."""

from __future__ import annotations

import pytest

import ittifoq.config as cfg
from conftest import ROOT
from ittifoq import __version__
from ittifoq.cli import main
from ittifoq.provenance import file_sha256


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    from ittifoq.bundle import make_bundle

    dest = tmp_path_factory.mktemp("site-packages") / "ittifoq" / "dataset"
    return dest, make_bundle(ROOT, dest)


@pytest.fixture
def installed(bundle, monkeypatch, tmp_path):
    """As a wheel install run from some folder: no checkout, the bundle as the packaged graph."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cfg, "_checkout_root", lambda start=None: None)
    monkeypatch.setattr(cfg, "PACKAGED_ROOT", bundle[0])
    return bundle


def test_version_in_a_checkout_names_the_built_graph(project_copy, monkeypatch, capsys):
    monkeypatch.setenv("ITTIFOQ_ROOT", str(project_copy.root))
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    digest = file_sha256(project_copy.dataset_path)  # built by --version itself
    assert out.startswith(f"ittifoq {__version__}, graph {__version__}+{digest[:12]} ")
    assert "from the working files" in out


def test_version_outside_a_checkout_names_the_packaged_graph(installed, capsys):
    _, info = installed
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out
    assert f"+{info['sha256'][:12]}" in out and "packaged" in out and f"{info['quads']} quads" in out


def test_commands_work_on_the_packaged_graph(installed, tmp_path, capsys):
    assert main(["query", "ASK { state:UZ a itt:State }"]) == 0
    assert capsys.readouterr().out.strip() == "true"
    assert main(["build"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["export", "--format", "trig", "-o", str(tmp_path / "g.trig")]) == 0
    assert (tmp_path / "g.trig").stat().st_size > 100_000


def test_what_would_write_into_the_package_is_refused(installed, capsys):
    assert main(["build", "--force"]) == 2
    assert "packaged graph" in capsys.readouterr().err
    assert main(["docs"]) == 2
    assert "--output" in capsys.readouterr().err
