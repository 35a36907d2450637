"""Reading RDF files: the format a file is in (from its name, compression aside), and a reader
that decompresses it and counts what the parser has read, so that a load's progress is
measured, not guessed."""

from __future__ import annotations

import bz2
import gzip
import lzma
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .errors import UsageError

_DECOMPRESSORS: dict[str, Callable] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
# One statement per line: the number of lines read is the number of triples read.
LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)


def rdf_format(path: Path, given: str | None = None) -> ox.RdfFormat:
    """The RDF format of a file: ``given`` (an extension or a media type) or its extension,
    compression suffixes left aside."""
    if given:
        fmt = ox.RdfFormat.from_media_type(given) if "/" in given else ox.RdfFormat.from_extension(given.lstrip("."))
        if fmt is None:
            raise UsageError(f"unknown RDF format {given!r} (use an extension like nq, ttl, or a media type)")
        return fmt
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in _DECOMPRESSORS:
        suffixes.pop()
    fmt = ox.RdfFormat.from_extension(suffixes[-1].lstrip(".")) if suffixes else None
    if fmt is None:
        raise UsageError(f"{path}: cannot tell the RDF format from the file name; give --format")
    return fmt


class CountingReader:
    """A binary reader that counts what Oxigraph has read (compressed bytes for progress,
    lines for line formats), so progress is measured, not guessed."""

    def __init__(self, path: Path, count_lines: bool):
        self.raw = open(path, "rb")  # noqa: SIM115 — closed by close()
        opener = _DECOMPRESSORS.get(path.suffix.lower())
        self.stream = opener(self.raw, "rb") if opener else self.raw
        self.count_lines = count_lines
        self.lines = 0
        self.last_byte = b"\n"
        self.eof = False

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        if not data:
            self.eof = True
        elif self.count_lines:
            self.lines += data.count(b"\n")
            self.last_byte = data[-1:]
        return data

    def readable(self) -> bool:
        return True

    @property
    def position(self) -> int:
        return self.raw.tell()

    @property
    def statements(self) -> int:
        # A final line without a newline is a statement too.
        return self.lines + (1 if self.last_byte != b"\n" else 0)

    def close(self) -> None:
        self.stream.close()
        self.raw.close()
