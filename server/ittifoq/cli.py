"""The ``ittifoq`` command: a thin layer over the library.

User errors print one line to stderr and exit non-zero (2: bad input or setup); no traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__, load_cli, release_cli, serve_cli, validate_cli
from .config import Config
from .errors import IttifoqError, UsageError
from .formats import RDF, RESULTS
from .grow import cli as grow_cli


def _config(args) -> Config:
    return Config.discover(args.root)


class _VersionAction(argparse.Action):
    """``--version``: the package's and the graph's (building a checkout's first if stale)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the package version and the version of the graph it serves")

    def __call__(self, parser, namespace, values, option_string=None):
        from .provenance import graph_version

        try:
            text = graph_version(Config.discover(getattr(namespace, "root", None))).describe()
        except IttifoqError as e:
            text = f"ittifoq {__version__} (no graph: {e})"
        print(text)
        parser.exit()


def cmd_build(args) -> int:
    from .build import build

    t0 = time.perf_counter()
    config = _config(args)
    if config.packaged and args.force:
        raise UsageError("the packaged graph was built with the package and has no source texts to rebuild "
                         "from; run inside a checkout or set ITTIFOQ_ROOT")
    result = build(config, force=args.force)
    verb = "built" if result.rebuilt else "up to date:"
    print(f"{verb} {result.path} ({result.quads} quads, {time.perf_counter() - t0:.2f} s)")
    return 0


def _read_query(text: str) -> str:
    """The query itself, ``-`` for standard input, or a path ending in .rq or .sparql."""
    if text == "-":
        return sys.stdin.read()
    if "\n" not in text and text.endswith((".rq", ".sparql")):
        path = Path(text)
        if not path.is_file():
            raise UsageError(f"{text}: no such query file")
        return path.read_text(encoding="utf-8")
    return text


def cmd_query(args) -> int:
    from .results import serialize
    from .store import KnowledgeGraph

    sparql = _read_query(args.query)
    kg = KnowledgeGraph.open(_config(args))
    result = kg.query(sparql, default_graphs=args.graph or None)
    sys.stdout.buffer.write(serialize(result, args.format))
    return 0


def cmd_stats(args) -> int:
    from .stats import default_graph_triples, instances_per_class, triples_per_graph
    from .store import KnowledgeGraph

    kg = KnowledgeGraph.open(_config(args))
    graphs = triples_per_graph(kg)
    print("Triples per graph")
    for g, n in graphs:
        print(f"  {n:>7}  {g}")
    print(f"  {sum(n for _, n in graphs):>7}  (all named graphs)")
    print(f"  {default_graph_triples(kg):>7}  (default graph: the consolidated view, with ontology, reference, corpus)")
    print("\nInstances per class")
    for c, n in instances_per_class(kg):
        print(f"  {n:>7}  {c}")
    if args.coverage:
        from .coverage import coverage_report

        print()
        print(coverage_report(kg, list_uncited=not args.no_list))
    return 0


def cmd_export(args) -> int:
    from .export import export
    from .store import KnowledgeGraph

    data = export(KnowledgeGraph.open(_config(args)), args.format)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
    else:
        out = Path(args.output)
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(out)
        print(f"wrote {out} ({len(data)} bytes, {args.format})", file=sys.stderr)
    return 0


def cmd_docs(args) -> int:
    from .ontology_docs import write

    config = _config(args)
    if config.packaged and not args.output:
        raise UsageError("outside a checkout, say where to write the documentation: --output FILE")
    out = Path(args.output) if args.output else config.root / "docs" / "ontology.html"
    write(config.ontology_dir / "ittifoq.ttl", out)
    print(f"wrote {out}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ittifoq", description="The Uzbek–Kazakh relations knowledge graph.")
    p.add_argument("--root", help="project folder (default: found from the current folder, else the packaged graph)")
    p.add_argument("--version", action=_VersionAction)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="compile ontology, reference data and facts into build/ittifoq.nq")
    b.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a SPARQL query (text, a .rq file, or - for stdin)")
    q.add_argument("query")
    q.add_argument("--format", default="table", choices=["table", *(f.name for f in (*RESULTS, *RDF))])
    q.add_argument("--graph", action="append", help="query only this named graph (repeatable)")
    q.set_defaults(func=cmd_query)

    s = sub.add_parser("stats", help="triples per graph and instances per class")
    s.add_argument("--coverage", action="store_true", help="share of each document's sentences cited")
    s.add_argument("--no-list", action="store_true", help="with --coverage: do not list uncited sentences")
    s.set_defaults(func=cmd_stats)

    e = sub.add_parser("export", help="write the dataset as RDF")
    e.add_argument("--format", default="nquads", choices=[f.name for f in RDF])
    e.add_argument("--output", "-o", help="file to write (default: standard output)")
    e.set_defaults(func=cmd_export)

    d = sub.add_parser("docs", help="generate the ontology's HTML documentation (docs/ontology.html)")
    d.add_argument("--output", "-o", help="file to write (default: docs/ontology.html)")
    d.set_defaults(func=cmd_docs)

    # Each of these modules only declares its options; the libraries behind them load on use.
    for module in (validate_cli, serve_cli, load_cli, release_cli, grow_cli):
        module.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except IttifoqError as e:
        print(f"ittifoq: error: {e}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
