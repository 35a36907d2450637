"""The graph packaged in a wheel: built from a source tree into ``ittifoq/dataset/`` when the
wheel is built (``setup.py`` calls :func:`make_bundle`), never kept in the repository.

The bundle has a checkout's layout, so every command works on it unchanged: the ontology,
the shapes, the example queries, the reference data, the document metadata and the facts
(which ``validate`` cites by file and line), and ``build/ittifoq.nq`` with a manifest that
matches these files, so it is never rebuilt. The source texts stay out: they are in the
dataset (``schema:text``).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from .config import GRAPH_INFO, Config

BUNDLED = (
    "ontology/*.ttl",
    "shapes/*.ttl",
    "data/queries/*.rq",
    "data/sources/documents.ttl",
    "data/reference/*.ttl",
    "data/facts/*.ttl",
)


def make_bundle(source_root: Path, dest: Path) -> dict:
    """Build the dataset of ``source_root`` and write the bundle to ``dest`` (replaced);
    returns what ``graph.json`` records."""
    from .build import build, input_fingerprint
    from .provenance import file_sha256, source_revision

    source_root = Path(source_root).resolve()
    with tempfile.TemporaryDirectory(prefix="ittifoq-bundle-") as tmp:
        result = build(Config(root=source_root, build_dir=Path(tmp)), force=True)
        if dest.exists():
            shutil.rmtree(dest)
        for pattern in BUNDLED:
            for path in sorted(source_root.glob(pattern)):
                target = dest / path.relative_to(source_root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        (dest / "build").mkdir(parents=True)
        shutil.copyfile(result.path, dest / "build" / "ittifoq.nq")  # copyfile: mode 644, not the build's 600
    commit, date = source_revision(source_root)
    info = {"sha256": file_sha256(dest / "build" / "ittifoq.nq"), "quads": result.quads,
            "commit": commit, "date": date}
    (dest / GRAPH_INFO).write_text(json.dumps(info, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    packaged = Config(root=dest)
    # The manifest of the bundle's own inputs: the build finds it up to date, never stale.
    manifest = {"inputs": input_fingerprint(packaged), "quads": result.quads}
    packaged.manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return info
