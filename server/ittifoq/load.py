"""Bulk loading RDF into an on-disk Oxigraph store, atomically, with progress.

Layout of a store directory written by ``ittifoq load --store DIR``::

    DIR/active -> gen-000003     symlink to the generation that readers open
    DIR/gen-000003/              an ordinary Oxigraph (RocksDB) store
    DIR/gen-000002/              the previous generation, kept until the next load
    DIR/manifest.json            what the active generation holds (files, quads)
    DIR/.lock                    held by a running load
    DIR/.loading-*/              a load in progress (removed when it fails)

Why generations instead of one store written in place: Oxigraph's fast bulk loader is not
transactional (an interrupted ``bulk_load`` leaves part of a file in the store), and its
transactional ``load`` keeps a whole file in memory. So a load works on a copy: a RocksDB
checkpoint of the active generation (hard links, so copying costs no time and little disk),
bulk-loads every file into it, and only when all succeeded points ``active`` at it by an
atomic ``rename`` of a new symlink. An interrupted or failed load leaves ``active`` exactly as
it was, and a server reading the active generation is never written under (RocksDB forbids
reading a store another process writes). ``oxigraph serve --location DIR/active`` reads the
same store.
"""

from __future__ import annotations

import fcntl
import json
import lzma
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import ConfigError, SourceError, UsageError
from .progress import Progress, Ticker
from .rdf_files import LINE_FORMATS, CountingReader, rdf_format

__all__ = ["Progress", "rdf_format", "load_files", "resolve_store_dir", "read_manifest", "is_managed"]

ACTIVE = "active"
MANIFEST = "manifest.json"
LOCK = ".lock"
LOADING_PREFIX = ".loading-"
GENERATION_PREFIX = "gen-"

# --------------------------------------------------------------------------------------------
# The store directory
# --------------------------------------------------------------------------------------------


@dataclass
class FileReport:
    path: str
    format: str
    graph: str | None
    bytes: int
    statements: int | None  # read from the file (line formats); None where the format does not tell
    seconds: float


@dataclass
class LoadReport:
    store: str
    generation: str
    files: list[FileReport] = field(default_factory=list)
    quads_before: int = 0
    quads_after: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


def is_managed(store_dir: Path) -> bool:
    return (store_dir / ACTIVE).is_symlink() or (store_dir / MANIFEST).is_file()


def resolve_store_dir(store_dir: Path) -> Path:
    """The Oxigraph directory to open for ``store_dir``: its active generation when ittifoq
    wrote it, else ``store_dir`` itself (a store written by ``oxigraph load``, say)."""
    store_dir = Path(store_dir)
    if not store_dir.is_dir():
        raise ConfigError(f"{store_dir}: no such store directory (create one with `ittifoq load FILE --store DIR`)")
    active = store_dir / ACTIVE
    if active.is_symlink():
        target = active.resolve()
        if not target.is_dir():
            raise ConfigError(f"{store_dir}: its active generation {os.readlink(active)} is missing")
        return target
    if not (store_dir / "CURRENT").is_file():
        raise ConfigError(f"{store_dir}: not an Oxigraph store (no RocksDB CURRENT file, no {ACTIVE} link)")
    return store_dir


def read_manifest(store_dir: Path) -> dict | None:
    try:
        return json.loads((Path(store_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class _Lock:
    def __init__(self, store_dir: Path):
        self.path = store_dir / LOCK

    def __enter__(self):
        self.fh = open(self.path, "a+")  # noqa: SIM115 — closed in __exit__
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            self.fh.close()
            raise ConfigError(f"{self.path.parent}: another load is running into this store") from e
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def _next_generation(store_dir: Path) -> str:
    numbers = [int(p.name[len(GENERATION_PREFIX):]) for p in store_dir.glob(GENERATION_PREFIX + "*")
               if p.name[len(GENERATION_PREFIX):].isdigit()]
    return f"{GENERATION_PREFIX}{max(numbers, default=0) + 1:06d}"


def _write_json_atomic(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def load_files(
    store_dir: str | Path,
    files: Sequence[str | Path],
    *,
    graph: str | None = None,
    format: str | None = None,
    base_iri: str | None = None,
    lenient: bool = False,
    progress: Progress | None = None,
    _after_file: Callable[[int], None] | None = None,
) -> LoadReport:
    """Load ``files`` into the store at ``store_dir`` (created if missing), all or nothing.

    Triple formats go into the named graph ``graph`` (the default graph without it); dataset
    formats (N-Quads, TriG, JSON-LD) keep their own graphs, and ``graph`` is refused for them.
    On any error or interruption (KeyboardInterrupt included) the store is left as it was.
    """
    store_dir = Path(store_dir)
    paths = [Path(f) for f in files]
    if not paths:
        raise UsageError("no files to load")
    plan = []
    for p in paths:
        if not p.exists() or p.is_dir():  # not is_file(): a named pipe or /dev/stdin is welcome
            raise SourceError(f"{p}: no such file")
        fmt = rdf_format(p, format)
        if graph and fmt.supports_datasets:
            raise UsageError(f"{p}: {fmt.name} holds its own graphs; --graph applies to triple formats only")
        plan.append((p, fmt))
    to_graph = ox.NamedNode(graph) if graph else None

    if store_dir.exists() and not store_dir.is_dir():
        raise ConfigError(f"{store_dir}: not a directory")
    # Our own lock and working copies start with a dot: a first load that failed leaves only those.
    if store_dir.is_dir() and not is_managed(store_dir) and any(not p.name.startswith(".") for p in
                                                                store_dir.iterdir()):
        raise ConfigError(
            f"{store_dir}: not a store written by ittifoq load (it has no {ACTIVE} link); load into an empty "
            f"or new directory — ittifoq serve --store can still read a plain Oxigraph store"
        )
    store_dir.mkdir(parents=True, exist_ok=True)
    t_start = time.perf_counter()
    with _Lock(store_dir):
        # A load killed outright (SIGKILL, power loss) leaves its working copy; no load runs now.
        for stale in store_dir.glob(LOADING_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
        generation = _next_generation(store_dir)
        work = store_dir / f"{LOADING_PREFIX}{generation}"
        active = store_dir / ACTIVE
        before = read_manifest(store_dir) or {}
        report = LoadReport(store=str(store_dir), generation=generation)
        try:
            if active.is_symlink():
                current = ox.Store.read_only(str(active.resolve()))
                report.quads_before = before.get("quads", None) or len(current)
                current.backup(str(work))  # a RocksDB checkpoint: hard links, not a copy
                del current
            store = ox.Store(str(work))
            if before.get("derived_default"):
                store.clear_graph(ox.DefaultGraph())  # made from the named graphs: made again below
            for i, (p, fmt) in enumerate(plan):
                report.files.append(_load_one(store, p, fmt, to_graph, base_iri, lenient, progress))
                if _after_file is not None:
                    _after_file(i)
            report.quads_after = len(store)
            # The default graph a query sees is a set (ittifoq.store.materialise_union).
            from .store import has_default_graph, materialise_union

            had_default = has_default_graph(store)
            derived_default = materialise_union(store) and not had_default
            store.flush()
            del store
            final = store_dir / generation
            os.rename(work, final)
            link = store_dir / f".{ACTIVE}.new"
            link.unlink(missing_ok=True)
            os.symlink(generation, link)
            report.seconds = round(time.perf_counter() - t_start, 3)
            manifest = {
                "generation": generation,
                "quads": report.quads_after,
                "derived_default": derived_default,
                "loads": before.get("loads", []) + [{
                    "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "files": [asdict(f) for f in report.files],
                    "seconds": report.seconds,
                }],
            }
            # The manifest is written first under a temporary name, so the two renames that
            # publish the load happen back to back.
            _write_json_atomic(store_dir / (MANIFEST + ".next"), manifest)
            os.replace(link, active)  # the one atomic step that publishes the load
            os.replace(store_dir / (MANIFEST + ".next"), store_dir / MANIFEST)
            _fsync_dir(store_dir)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            (store_dir / (MANIFEST + ".next")).unlink(missing_ok=True)
            if not active.is_symlink() or os.readlink(active) != generation:
                shutil.rmtree(store_dir / generation, ignore_errors=True)
            raise
        _prune(store_dir, keep={generation, before.get("generation")})
    return report


def _prune(store_dir: Path, keep: set) -> None:
    # The previous generation stays: a server started on it keeps reading it until restarted.
    for p in store_dir.glob(GENERATION_PREFIX + "*"):
        if p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)


def _load_one(store: ox.Store, path: Path, fmt: ox.RdfFormat, to_graph, base_iri, lenient,
              progress: Progress | None) -> FileReport:
    total = path.stat().st_size
    reader = CountingReader(path, count_lines=fmt in LINE_FORMATS)
    t0 = time.perf_counter()
    ticker = None
    if progress is not None:
        progress.line(f"loading {path} ({total / 1e6:,.1f} MB, {fmt.name}"
                      f"{', into ' + to_graph.value if to_graph else ''})")
        ticker = Ticker(progress, path.name, reader, total, t0)
        ticker.start()
    try:
        kwargs = {"format": fmt, "base_iri": base_iri, "lenient": lenient}
        if to_graph is not None:
            kwargs["to_graph"] = to_graph
        store.bulk_load(reader, **kwargs)
    except SyntaxError as e:
        raise SourceError(f"{path}: {e}") from e
    except (OSError, EOFError, lzma.LZMAError) as e:
        raise SourceError(f"{path}: cannot read: {e}") from e
    finally:
        if ticker is not None:
            ticker.done.set()
            ticker.join()
        reader.close()
    seconds = time.perf_counter() - t0
    n = reader.statements if fmt in LINE_FORMATS else None
    if progress is not None:
        rate = f", {n / seconds:,.0f} triples/s" if n is not None and seconds > 0 else ""
        what = f"{n:,} triples" if n is not None else f"{total / 1e6:,.1f} MB"
        progress.line(f"loaded {path}: {what} in {seconds:.1f} s{rate}")
    return FileReport(path=str(path), format=fmt.name, graph=to_graph.value if to_graph else None, bytes=total,
                      statements=n, seconds=round(seconds, 3))
