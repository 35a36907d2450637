"""Where the project's files are, and the settings of a run.

Configuration is an explicit object handed to every entry point (CLI, library, Flask app
factory); nothing reads module-level globals.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError


def _looks_like_root(path: Path) -> bool:
    return (path / "ontology").is_dir() and (path / "data").is_dir()


def discover_root(start: Path | None = None) -> Path:
    """Find the project folder: $ITTIFOQ_ROOT, else upwards from ``start`` (cwd), else the checkout
    this package was installed from (editable installs)."""
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
    raise ConfigError(
        "cannot find the ittifoq project folder (one holding ontology/ and data/): "
        "run inside a checkout or set ITTIFOQ_ROOT"
    )


@dataclass(frozen=True)
class Config:
    root: Path
    build_dir: Path = field(default=None)  # type: ignore[assignment]

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root).resolve())
        if self.build_dir is None:
            object.__setattr__(self, "build_dir", self.root / "build")
        else:
            object.__setattr__(self, "build_dir", Path(self.build_dir).resolve())

    @classmethod
    def discover(cls, root: str | Path | None = None, **kwargs) -> Config:
        if root is not None and not _looks_like_root(Path(root)):
            raise ConfigError(f"{root}: not an ittifoq project (no ontology/ and data/ folders there)")
        return cls(root=Path(root) if root else discover_root(), **kwargs)

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
        return self.build_dir / "ittifoq.nq"

    @property
    def manifest_path(self) -> Path:
        return self.build_dir / "manifest.json"
