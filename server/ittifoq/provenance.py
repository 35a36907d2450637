"""Which graph a run serves: the SHA-256 of the built N-Quads, the commit and date of the
sources it was built from, and the package version.

A packaged graph records this in ``graph.json`` when its wheel is built; a checkout's is read
from the build and from git. ``ittifoq --version``, the release metadata and the server's
VoID all say the same (:func:`graph_version`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from . import __version__
from .config import Config

# Written into an sdist (by setup.py) so that a wheel built from it knows its commit and date.
SOURCE_INFO = ".ittifoq-source.json"


@dataclass(frozen=True)
class GraphVersion:
    package: str  # the ittifoq package version
    sha256: str | None  # of the built N-Quads (None: data not built by ittifoq, e.g. --data)
    quads: int | None
    commit: str | None  # git commit of the sources; "+changes" when they differ from it
    date: str | None  # ISO date of that commit (or $SOURCE_DATE_EPOCH)
    origin: str  # "packaged", "checkout" or "files"

    @property
    def label(self) -> str:
        """The version of the graph: the package's, plus the data's hash (PEP 440 local part)."""
        return f"{self.package}+{self.sha256[:12]}" if self.sha256 else self.package

    def describe(self) -> str:
        parts = [f"ittifoq {self.package}"]
        if self.sha256:
            parts.append(f"graph {self.label} (sha256:{self.sha256[:16]}…, {self.quads} quads")
            built = ", ".join(x for x in (f"commit {self.commit}" if self.commit else "",
                                          f"dated {self.date}" if self.date else "") if x)
            where = "packaged" if self.origin == "packaged" else "from the working files"
            parts[-1] += f", {where}" + (f", {built}" if built else "") + ")"
        return ", ".join(parts)

    def to_json(self) -> dict:
        return asdict(self)


def _git(root: Path, *args: str) -> str | None:
    try:
        r = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def _epoch_date() -> str | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return None


def source_revision(root: Path) -> tuple[str | None, str | None]:
    """(commit, date) of the sources in ``root``: from git in a checkout, else from the
    record an sdist carries; $SOURCE_DATE_EPOCH overrides the date."""
    commit = date = None
    if _git(root, "rev-parse", "--show-toplevel") == str(root.resolve()):
        commit = _git(root, "rev-parse", "--short=12", "HEAD")
        date = _git(root, "log", "-1", "--format=%cs", "HEAD")
        if commit and _git(root, "status", "--porcelain", "--", "ontology", "data", "shapes"):
            commit += "+changes"
    elif (root / SOURCE_INFO).is_file():
        recorded = json.loads((root / SOURCE_INFO).read_text(encoding="utf-8"))
        commit, date = recorded.get("commit"), recorded.get("date")
    return commit, _epoch_date() or date


def _sha256_and_lines(path: Path) -> tuple[str, int]:
    h, lines = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            lines += block.count(b"\n")
    return h.hexdigest(), lines


def file_sha256(path: Path) -> str:
    return _sha256_and_lines(path)[0]


def graph_version(config: Config, rebuild: bool = True) -> GraphVersion:
    """The version of the graph ``config`` serves. A checkout's is built first if stale, unless
    ``rebuild`` is false: a running server describes the build it loaded."""
    if config.packaged:
        info = json.loads(config.graph_info_path.read_text(encoding="utf-8"))
        return GraphVersion(__version__, info["sha256"], info["quads"], info.get("commit"), info.get("date"),
                            "packaged")
    if rebuild:
        from .build import build

        path = build(config).path
    else:
        path = config.dataset_path
        if not path.is_file():
            return unknown_graph()
    digest, lines = _sha256_and_lines(path)
    commit, date = source_revision(config.root)
    return GraphVersion(__version__, digest, lines, commit, date, "checkout")


def unknown_graph() -> GraphVersion:
    """For data ittifoq did not build (``serve --data/--store/--backend``)."""
    return GraphVersion(__version__, None, None, None, None, "files")
