"""Names and small helpers shared by the validation modules."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from rdflib import URIRef

from .. import namespaces as ns
from ..config import Config
from ..errors import IttifoqError

ITTS = "https://w3id.org/ittifoq/shapes/"
XSD_STRING = URIRef(ns.XSD + "string")
SEVERITIES = ("Violation", "Warning", "Info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


class ShapesError(IttifoqError):
    """The shapes cannot be read, or they are not valid SHACL (SHACL-for-SHACL)."""


def rel(config: Config, path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(config.root))
    except ValueError:
        return str(path)


def one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return text[:500] + ("…" if len(text) > 500 else "")




@contextmanager
def quiet_rdflib():
    # rdflib logs a traceback for every ill-typed literal ("2017-13-45"^^xsd:date); the shapes
    # report those as results already.
    loggers = [logging.getLogger(n) for n in ("rdflib.term", "rdflib", "pyshacl")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)
