"""Validate the dataset against the SHACL shapes in ``shapes/``.

``validate(config)`` builds the dataset if it is stale and validates the union of all its
graphs; ``validate(config, files=[…])`` validates the given RDF files (TriG, N-Quads, Turtle…)
together with the project's ontology. The result says, for every offending statement, which
document graph holds it and in which source file and line its focus node is defined.

Modules: ``shapes`` reads and checks the shapes, ``data`` loads what is validated,
``engine`` runs pySHACL, ``results`` and ``locate`` read its report, ``report`` and ``text``
present it.
"""

from .common import ITTS, SEVERITIES, ShapesError
from .engine import validate
from .report import FocusNodeResults, Location, ValidationReport, ValidationResult
from .shapes import check_shapes, load_shapes, shape_files
from .text import format_text, short_term, shorten, shorten_text

__all__ = [
    "ITTS", "SEVERITIES", "FocusNodeResults", "Location", "ShapesError", "ValidationReport", "ValidationResult",
    "check_shapes", "format_text", "load_shapes", "shape_files", "short_term", "shorten", "shorten_text", "validate",
]
