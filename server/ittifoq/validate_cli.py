"""``ittifoq validate``: check the dataset (or given RDF files) against the SHACL shapes.

Exit status: 0 conforms (warnings and infos do not fail), 1 does not conform (at least one
sh:Violation), 2 cannot run (unreadable or malformed input, bad shapes).
"""

from __future__ import annotations

import sys
from pathlib import Path

SEVERITY_CHOICES = {"violation": "Violation", "warning": "Warning", "info": "Info"}


def cmd_validate(args) -> int:
    from .config import Config
    from .validation import validate

    config = Config.discover(args.root)
    report = validate(
        config,
        files=[Path(f) for f in args.files] or None,
        shapes=[Path(s) for s in args.shapes] if args.shapes else None,
        check=not args.no_shapes_check,
    )
    if args.format == "text":
        sys.stdout.write(report.text(min_severity=SEVERITY_CHOICES[args.min_severity]))
    else:
        sys.stdout.buffer.write(report.turtle() if args.format == "turtle" else report.json())
        counts = report.counts()
        # The standard report goes to stdout untouched; the summary and time go to stderr.
        print(
            f"{'conforms' if report.conforms else 'does not conform'} (only violations fail): "
            f"{counts['Violation']} violation(s), {counts['Warning']} warning(s), {counts['Info']} info(s) "
            f"in {report.elapsed:.2f} s; sh:conforms {str(report.shacl_conforms).lower()} "
            "(SHACL 1.0: true only with no result at all)",
            file=sys.stderr,
        )
        if report.skipped_shapes:
            from .validation.text import skipped_note

            print(skipped_note(report.skipped_shapes), file=sys.stderr, end="")
    sys.stdout.flush()
    return 0 if report.conforms else 1


def register(subparsers) -> None:
    v = subparsers.add_parser(
        "validate",
        help="check the dataset against the SHACL shapes (exit 0 conforms, 1 violations, 2 cannot run)",
        description=(
            "Validate the union of all graphs of the built dataset (built first if stale) against "
            "shapes/*.ttl, or validate the given RDF files (TriG, N-Quads, Turtle, N-Triples, JSON-LD) "
            "together with the project's ontology. Warnings and infos are reported but do not fail."
        ),
    )
    v.add_argument("files", nargs="*", metavar="FILE", help="RDF files to validate instead of the build")
    v.add_argument("--format", default="text", choices=["text", "turtle", "json"],
                   help="text: grouped by focus node (default); turtle, json: the SHACL validation report")
    v.add_argument("--min-severity", default="info", choices=list(SEVERITY_CHOICES),
                   help="text format: the least severe results to show (default: info, all)")
    v.add_argument("--shapes", action="append", metavar="FILE",
                   help="shapes file to use instead of shapes/*.ttl (repeatable)")
    v.add_argument("--no-shapes-check", action="store_true",
                   help="do not check the shapes against SHACL-for-SHACL first")
    v.set_defaults(func=cmd_validate)
