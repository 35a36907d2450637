"""Where the project's files are, and the settings of a run.

Configuration is an explicit object handed to every entry point (CLI, library, Flask app
factory); nothing reads module-level globals.

Two kinds of root: a checkout (``ontology/`` and ``data/`` with the source texts, built into
``build/``), and the graph packaged in an installed wheel (``ittifoq/dataset/``: the same
layout without the texts, already built, with ``graph.json`` saying what it was built from;
see :mod:`ittifoq.bundle`). A checkout found from the current folder, ``--root`` or
``$ITTIFOQ_ROOT`` wins; the packaged graph is used outside any checkout.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

# The packaged graph's folder inside the installed package, and the file that marks one.
PACKAGED_ROOT = Path(__file__).resolve().parent / "dataset"
GRAPH_INFO = "graph.json"


def _looks_like_root(path: Path) -> bool:
    return (path / "ontology").is_dir() and (path / "data").is_dir()


def _checkout_root(start: Path | None = None) -> Path | None:
    """$ITTIFOQ_ROOT, else upwards from ``start`` (cwd), else the checkout this package was
    installed from (editable installs); None when there is none."""
    env = os.environ.get("ITTIFOQ_ROOT")
    if env:
        root = Path(env).resolve()
        if not _looks_like_root(root):
            raise ConfigError(f"ITTIFOQ_ROOT={env}: no ontology/ and data/ folders there")
        return root
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if _looks_like_root(candidate):
            return candidate
    package_checkout = Path(__file__).resolve().parents[2]
    if _looks_like_root(package_checkout):
        return package_checkout
    return None


def discover_root(start: Path | None = None) -> Path:
    """The checkout (see :func:`_checkout_root`), else the graph packaged with this install."""
    root = _checkout_root(start)
    if root is not None:
        return root
    if (PACKAGED_ROOT / GRAPH_INFO).is_file():
        return PACKAGED_ROOT
    raise ConfigError(
        "cannot find the ittifoq project folder (one holding ontology/ and data/): "
        "run inside a checkout or set ITTIFOQ_ROOT (this install carries no packaged graph)"
    )


def user_cache_dir() -> Path:
    """Where caches of a packaged graph go (never into the installed package)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = Path.home() / ".cache"
        except RuntimeError:  # no home folder: caches are only an optimisation
            base = Path(tempfile.gettempdir())
    return Path(base) / "ittifoq"


@dataclass(frozen=True)
class Config:
    root: Path
    build_dir: Path = field(default=None)  # type: ignore[assignment]

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root).resolve())
        # A packaged graph is built already (under root/build); its build_dir only holds
        # caches, outside the installed package.
        object.__setattr__(self, "_packaged", (self.root / GRAPH_INFO).is_file())
        if self.build_dir is None:
            object.__setattr__(self, "build_dir", user_cache_dir() if self.packaged else self.root / "build")
        else:
            object.__setattr__(self, "build_dir", Path(self.build_dir).resolve())

    @classmethod
    def discover(cls, root: str | Path | None = None, **kwargs) -> Config:
        if root is not None and not _looks_like_root(Path(root)):
            raise ConfigError(f"{root}: not an ittifoq project (no ontology/ and data/ folders there)")
        return cls(root=Path(root) if root else discover_root(), **kwargs)

    @property
    def packaged(self) -> bool:
        """True for the graph packaged in a wheel: built there, without the source texts."""
        return self._packaged  # type: ignore[attr-defined]

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def reference_dir(self) -> Path:
        return self.data_dir / "reference"

    @property
    def facts_dir(self) -> Path:
        return self.data_dir / "facts"

    @property
    def queries_dir(self) -> Path:
        return self.data_dir / "queries"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def dataset_path(self) -> Path:
        return (self.root / "build" if self.packaged else self.build_dir) / "ittifoq.nq"

    @property
    def manifest_path(self) -> Path:
        return self.dataset_path.with_name("manifest.json")

    @property
    def graph_info_path(self) -> Path:
        return self.root / GRAPH_INFO


def examples_dir() -> Path | None:
    """The example queries of the checkout or the packaged graph; None when there are none
    (a server of other data outside a checkout shows no examples)."""
    try:
        return Config.discover().queries_dir
    except ConfigError:
        return None
