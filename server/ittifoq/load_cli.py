"""``ittifoq load``: bulk-load RDF into an on-disk store, or push it to a remote SPARQL store."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def cmd_load(args) -> int:
    from .errors import UsageError
    from .load import Progress, load_files, rdf_format

    if bool(args.store) == bool(args.backend):
        raise UsageError("give --store DIR (an on-disk store) or --backend URL (a SPARQL endpoint)")
    files = list(args.files)
    if args.with_dataset:
        from .build import ensure_built
        from .config import Config

        files.insert(0, str(ensure_built(Config.discover(args.root))))
    if not files:
        raise UsageError("nothing to load: name RDF files, or --with-dataset for the built dataset")
    progress = None if args.quiet else Progress(sys.stderr)

    if args.store:
        if args.with_dataset and args.graph:
            raise UsageError("--graph applies to triple formats; the built dataset is N-Quads (load it separately)")
        # SIGTERM too unwinds like Ctrl-C, so the working copy is removed on the way out.
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            report = load_files(args.store, files, graph=args.graph, format=args.format, base_iri=args.base,
                                lenient=args.lenient, progress=progress)
        except KeyboardInterrupt:
            print(f"ittifoq: load interrupted; {args.store} is as it was before", file=sys.stderr)
            return 130
        finally:
            signal.signal(signal.SIGTERM, previous)
        if args.json:
            print(json.dumps(report.to_json(), indent=1))
        else:
            added = report.quads_after - report.quads_before
            print(f"{args.store}: {report.quads_after:,} quads ({added:+,}) in generation {report.generation}, "
                  f"{report.seconds:.1f} s")
        return 0

    from .backends.remote import RemoteKnowledgeGraph

    kg = RemoteKnowledgeGraph(args.backend, graph_store=args.graph_store, timeout=args.timeout)
    total = 0
    reports = []
    for f in files:
        fmt = rdf_format(Path(f), args.format)
        try:
            r = kg.upload(f, fmt=fmt, graph=args.graph, base_iri=args.base, lenient=args.lenient,
                          progress=progress)
        except KeyboardInterrupt as e:
            partial = getattr(e, "upload_report", None)
            sent = total + (partial.triples if partial is not None else 0)
            done = ", ".join(r.url for r in reports)
            print(f"ittifoq: upload interrupted in {f}; the endpoint had accepted {sent:,} triples"
                  f"{' (files done: ' + done + ')' if done else ''}", file=sys.stderr)
            return 130
        reports.append(r)
        total += r.triples
    if args.json:
        print(json.dumps([r.__dict__ for r in reports], indent=1))
    else:
        print(f"{kg.graph_store}: {total:,} triples sent in {sum(r.requests for r in reports)} requests")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "load",
        help="bulk-load RDF files (any format, gzip/bz2/xz too) into an on-disk store or a remote SPARQL store",
        description="Load RDF into an on-disk Oxigraph store (--store, all or nothing: a failed or "
        "interrupted load leaves the store as it was) or push it to a SPARQL store by the Graph Store "
        "Protocol (--backend, not atomic: a failure reports what was sent). Serve the store with "
        "`ittifoq serve --store DIR`.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="RDF files; the format comes from the extension")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", help="on-disk store directory (created if missing)")
    where.add_argument("--backend", metavar="URL", help="SPARQL endpoint of a remote store (e.g. Oxigraph's /query)")
    p.add_argument("--graph", metavar="IRI", help="named graph for triple formats (default: the default graph)")
    p.add_argument("--format", metavar="FMT", help="RDF format for every file: an extension (nq, ttl…) or media type")
    p.add_argument("--base", metavar="IRI", help="base IRI for relative IRIs")
    p.add_argument("--lenient", action="store_true", help="skip most validation (faster; for trusted dumps)")
    p.add_argument("--with-dataset", action="store_true", help="load the project's built dataset too")
    p.add_argument("--graph-store", metavar="URL",
                   help="with --backend: Graph Store Protocol address (default: /store beside Oxigraph's /query)")
    p.add_argument("--timeout", type=float, default=300.0, help="with --backend: seconds per request (default 300)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    p.add_argument("--json", action="store_true", help="print the load report as JSON")
    p.set_defaults(func=cmd_load)
