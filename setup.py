"""The build hooks of the package (everything else is in pyproject.toml).

- A wheel carries the graph: ``build_py`` builds the dataset from this source tree into
  ``ittifoq/dataset/`` (see ``server/ittifoq/bundle.py``); an editable install reads the
  checkout instead.
- An sdist records the git commit and date it was made from (``.ittifoq-source.json``), so a
  wheel built from it says which sources its graph comes from.
"""

import json
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent


def _ittifoq():
    # The package being built, imported from its sources (needs pyoxigraph: build-system.requires).
    sys.path.insert(0, str(HERE / "server"))
    import ittifoq.bundle
    import ittifoq.provenance

    return ittifoq


class BuildPyWithGraph(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        info = _ittifoq().bundle.make_bundle(HERE, Path(self.build_lib) / "ittifoq" / "dataset")
        print(f"packaged graph sha256:{info['sha256'][:16]}… ({info['quads']} quads, commit {info['commit']})")


class SdistWithRevision(sdist):
    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        provenance = _ittifoq().provenance
        commit, date = provenance.source_revision(HERE)
        (Path(base_dir) / provenance.SOURCE_INFO).write_text(
            json.dumps({"commit": commit, "date": date}, sort_keys=True) + "\n", encoding="utf-8")


setup(cmdclass={"build_py": BuildPyWithGraph, "sdist": SdistWithRevision})
