"""Appending accepted Turtle to the project's files, guarded by the build and the shapes.

Every file of a change is written (each atomically: a temporary file renamed over it), then the
build and the shapes run on the whole dataset; if either fails, every file gets back its old
bytes (or is removed if it was new) and the dataset is rebuilt, so nothing is left
half-written. A prefix the chunk uses and the file does not declare is declared before it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..build import build
from ..config import Config
from ..errors import IttifoqError
from .accept import PREFIXES

_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_DECLARED = re.compile(r"@prefix\s+([A-Za-z][\w-]*)?:", re.M)


class ReviewRefused(IttifoqError):
    """An accepted candidate made the build or the shapes fail; nothing was changed."""

    exit_code = 1


def missing_prefixes(existing: str, chunk: str) -> str:
    declared = set(_DECLARED.findall(existing))
    code = _STRING.sub('""', chunk)
    used = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w:/#-]){p}:", code)]
    return "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in used)


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def apply(config: Config, appends: dict[Path, tuple[str, str]]) -> None:
    """``appends``: path → (header of a new file, Turtle to append). Raises ReviewRefused."""
    from ..validation import validate

    old: dict[Path, bytes | None] = {p: (p.read_bytes() if p.is_file() else None) for p in appends}
    try:
        for path, (head, chunk) in appends.items():
            existing = old[path].decode("utf-8") if old[path] is not None else head
            text = existing.rstrip("\n") + "\n\n" + missing_prefixes(existing, chunk) + chunk
            _write_atomically(path, text.encode("utf-8"))
        build(config, force=True)
        report = validate(config)
        violations = [r for r in report.results if r.severity == "Violation"]
        if violations:
            raise ReviewRefused("the shapes refuse the change: " + "; ".join(
                f"{r.focus_node}: {r.message}" for r in violations[:5]))
    except BaseException as e:
        for path, data in old.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                _write_atomically(path, data)
        build(config, force=True)
        if isinstance(e, IttifoqError) and not isinstance(e, ReviewRefused):
            raise ReviewRefused(f"the build refuses the change: {e}") from e
        raise
