"""``ittifoq ingest``: register a new source document.

The bytes go unchanged to ``data/sources/{slug}.{lang}.txt``; its SHA-256 and metadata are
appended to ``data/sources/documents.ttl`` as the build expects them (``itt:textFile``,
``itt:sha256``, ``dct:language``, ``dct:title``, ``dct:date`` with its precision). Languages
are detected per paragraph where not given; debris is flagged in an editorial note. Atomic:
the metadata is parsed before it replaces the old file, and the text is removed again if
anything fails, so an error leaves the project as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .. import namespaces as ns
from ..config import Config
from ..errors import SourceError, UsageError
from . import turtle
from .debris import Debris, describe, find_debris
from .langid import languages

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The document languages the shapes accept (itts:SourceDocumentShape).
LANGUAGES = ("uz-Cyrl", "uz-Latn", "kaa", "kaa-Latn", "kk", "ru", "en")
# A language other than the main one counts when this many letters of the text are in it
# (an abstract), so that a misread heading does not add a language.
MIN_SECOND_LANGUAGE_LETTERS = 150


@dataclass
class IngestResult:
    slug: str
    text_path: Path
    sha256: str
    languages: list[str]
    date: tuple[str, str] | None
    debris: list[Debris] = field(default_factory=list)
    title: str = ""


def parse_publication_date(value: str) -> tuple[str, str]:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` → (lexical, XML Schema datatype), checked."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            dt.date.fromisoformat(value)
            return value, "date"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            dt.date.fromisoformat(value + "-01")
            return value, "gYearMonth"
        if re.fullmatch(r"\d{4}", value):
            return value, "gYear"
    except ValueError as e:
        raise UsageError(f"--published {value}: not a calendar date ({e})") from e
    raise UsageError(f"--published {value}: write the date as YYYY-MM-DD, YYYY-MM or YYYY, at the precision known")


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise SourceError(f"{path}:{line}: byte {e.start} is not UTF-8 ({e.reason}); save the text as UTF-8") from e


def _first_line(text: str, debris: list[Debris]) -> str:
    """The first line that is not debris: a news text's headline."""
    skip = {d.line for d in debris if d.kind != "hyphenation"}
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip() and n not in skip:
            return line.strip()
    return ""


def metadata_block(slug: str, text_file: str, sha: str, langs: list[str], title: str, title_lang: str,
                   url: str | None, date: tuple[str, str] | None, earliest: tuple[str, str] | None,
                   note: str | None) -> str:
    lines = [
        f"doc:{slug} a itt:SourceDocument ;",
        f"    itt:textFile {turtle.string(text_file)} ;",
        f"    itt:sha256 {turtle.string(sha)} ;",
        f"    dct:format {turtle.string('text/plain; charset=utf-8')} ;",
        f"    dct:title {turtle.lang_literal(title, title_lang)} ;",
        "    dct:language " + " , ".join(turtle.typed(t, "language") for t in langs) + " ;",
    ]
    if url:
        lines.append(f"    dct:source {turtle.iri(url)} ;")
    if date:
        lines.append(f"    dct:date {turtle.typed(*date)} ;")
        how = "Publication date given by the curator at ingestion (ittifoq ingest --published)."
        lines.append(f"    itt:dateDerivation {turtle.lang_literal(how, 'en')} ;")
    if earliest:
        lines.append(f"    itt:earliestDate {turtle.typed(*earliest)} ;")
        how = "Earliest date given by the curator at ingestion (ittifoq ingest --earliest)."
        lines.append(f"    itt:dateDerivation {turtle.lang_literal(how, 'en')} ;")
    if note:
        lines.append(f"    skos:editorialNote {turtle.lang_literal(note, 'en')} ;")
    lines[-1] = lines[-1][: -len(" ;")] + " ."
    return "\n".join(lines) + "\n"


def _write_new(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.link(tmp, path)  # fails if the path exists: never overwrite a source text
    finally:
        os.unlink(tmp)


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def ingest(config: Config, file: Path, slug: str, lang: str | None = None, title: str | None = None,
           url: str | None = None, published: str | None = None, earliest: str | None = None) -> IngestResult:
    if not SLUG_RE.match(slug):
        raise UsageError(f"--slug {slug!r}: lower-case letters, digits and single hyphens only (e.g. kun-uz-visit)")
    if lang is not None and lang not in LANGUAGES:
        raise UsageError(f"--lang {lang}: one of {', '.join(LANGUAGES)}")
    if not published and not earliest:
        raise UsageError("--published DATE is required (relative dates such as 'this year' depend on it); "
                         "use --earliest DATE when only the earliest possible date is known")
    date = parse_publication_date(published) if published else None
    earliest_date = parse_publication_date(earliest) if earliest else None
    try:
        data = file.read_bytes()
    except OSError as e:
        raise SourceError(f"{file}: cannot read: {e.strerror}") from e
    text = _decode(file, data)
    if not text.strip():
        raise SourceError(f"{file}: the text is empty")
    meta_path = config.sources_dir / "documents.ttl"
    old_meta = meta_path.read_bytes()
    iri = ox.NamedNode(ns.ID + "document/" + slug)
    if any(q.subject == iri for q in ox.parse(input=old_meta, format=ox.RdfFormat.TURTLE, base_iri=ns.BASE)):
        raise UsageError(f"--slug {slug}: {meta_path.name} already describes a document with this slug")
    detected = languages(text)
    main = lang or (detected[0][0] if detected else None)
    if main is None:
        raise UsageError(f"{file}: too little text to tell its language; give --lang")
    langs = [main] + [t for t, n in detected if t != main and n >= MIN_SECOND_LANGUAGE_LETTERS and t in LANGUAGES]
    debris = find_debris(text)
    title = (title or _first_line(text, debris)).strip()
    if not title:
        raise UsageError(f"{file}: no title given and the text has no first line to take it from; give --title")
    text_path = config.sources_dir / f"{slug}.{main}.txt"
    if text_path.exists():
        raise UsageError(f"{text_path}: exists already; a source text is never overwritten")
    sha = hashlib.sha256(data).hexdigest()
    rel_text = str(text_path.relative_to(config.root))
    block = metadata_block(slug, rel_text, sha, langs, title, main, url, date, earliest_date, describe(debris))
    new_meta = old_meta.rstrip(b"\n") + b"\n\n" + block.encode("utf-8")
    try:
        list(ox.parse(input=new_meta, format=ox.RdfFormat.TURTLE, base_iri=ns.BASE))
    except SyntaxError as e:  # a bug here, or a broken documents.ttl: say where
        raise SourceError(f"{meta_path}:{e.lineno}: the new metadata does not parse: {e.msg}") from e
    _write_new(text_path, data)
    try:
        _replace(meta_path, new_meta)
    except BaseException:
        text_path.unlink()
        raise
    return IngestResult(slug, text_path, sha, langs, date, debris, title)
