"""The label files of named public references are what their script makes of the pinned
releases: regenerating them changes no byte (so no label was added or edited by hand)."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from conftest import ROOT

pytest.importorskip("babel")
pytest.importorskip("pycountry")


def test_the_committed_label_files_are_the_scripts_output(tmp_path):
    script = ROOT / "bench/suggest/make_reference_labels.py"
    spec = importlib.util.spec_from_file_location("make_reference_labels", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    reference = tmp_path / "data" / "reference"
    reference.mkdir(parents=True)
    shutil.copy(ROOT / "data/reference/states.ttl", reference / "states.ttl")
    module.REFERENCE = reference
    assert module.main() == 0
    for name in ("labels-cldr.ttl", "labels-iso-codes.ttl", "sources/labels.ttl"):
        assert (reference / name).read_bytes() == (ROOT / "data/reference" / name).read_bytes(), name
