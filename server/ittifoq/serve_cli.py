"""``ittifoq serve``: the SPARQL endpoint and linked-data pages over HTTP.

Production runs use waitress (``ittifoq.web.http_server``); Flask's development server only
with ``--debug``. The data is opened by the engine process only (``ittifoq.web.engine``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve the SPARQL endpoint and the linked-data pages over HTTP",
        description="Serve the knowledge graph: SPARQL 1.1 Protocol at /sparql, pages at /.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port (default: 8080; 0 picks a free one)")
    p.add_argument("--base-url", help="public address when behind a proxy, e.g. https://example.org/ittifoq/")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                   help="time limit of a query; a request may lower it with ?timeout= (default: 10)")
    p.add_argument("--max-rows", type=int, default=10_000, metavar="N",
                   help="rows (or triples) a query answer may hold (default: 10000)")
    p.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024, metavar="N",
                   help="bytes a query answer may hold (default: 10 MiB)")
    p.add_argument("--query-threads", type=int, default=None, metavar="N",
                   help="queries run at once, as threads of the engine process (default: twice the CPUs, at least 4)")
    p.add_argument("--threads", type=int, default=None, metavar="N",
                   help="request threads (default: query threads + 4, so pages answer while queries run)")
    p.add_argument("--allow-update", action="store_true",
                   help="accept SPARQL Update and Graph Store writes (needs --token)")
    p.add_argument("--token", help="bearer token for writes (or set ITTIFOQ_TOKEN, which keeps it out of ps)")
    p.add_argument("--allow-service", action="append", default=[], metavar="IRI",
                   help="an endpoint SERVICE/LOAD may call (repeatable; default: none, no outbound requests)")
    p.add_argument("--debug", action="store_true", help="Flask's development server with debugging")
    p.add_argument("--review", action="store_true",
                   help="also serve the review page of suggested candidates at /review/ (127.0.0.1 or ::1 only, "
                        "with a random token; writes data/facts/ and data/reference/ of the checkout)")
    try:
        import ittifoq.backends  # noqa: F401

        p.add_argument("--store", metavar="DIR", help="serve an on-disk store written by 'ittifoq load'")
        p.add_argument("--backend", metavar="URL", help="serve a remote SPARQL endpoint's data")
        p.add_argument("--backend-default-graph", metavar="IRI",
                       help="with --backend: the graph holding the data's default graph, for endpoints that keep "
                            "none apart (Virtuoso, GraphDB); sent as default-graph-uri, the others as named graphs")
        p.add_argument("--data", nargs="+", metavar="FILE",
                       help="serve these RDF files (any format, gzip too) in memory instead of the built dataset")
    except ImportError:
        pass
    p.set_defaults(func=cmd_serve)


def cmd_serve(args) -> int:
    import logging

    from .config import Config
    from .errors import UsageError
    from .web import ServerSettings, create_app

    t0 = time.perf_counter()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("ittifoq").setLevel(logging.DEBUG if args.debug else logging.INFO)
    token = args.token or os.environ.get("ITTIFOQ_TOKEN") or None
    if args.allow_update and not token:
        raise UsageError("--allow-update needs a token: --token TOKEN or ITTIFOQ_TOKEN")
    if args.review and (args.host not in ("127.0.0.1", "::1") or any(
            getattr(args, k, None) for k in ("store", "backend", "data"))):
        raise UsageError("--review serves a checkout's candidates on this machine only: --host 127.0.0.1 or ::1, "
                         "and no --store, --backend or --data")
    if args.timeout <= 0 or args.max_rows < 0 or args.max_bytes <= 0:
        raise UsageError("--timeout and --max-bytes must be positive, --max-rows not negative")
    query_threads = args.query_threads or max(4, 2 * (os.cpu_count() or 2))
    settings = ServerSettings(
        host=args.host,
        port=args.port,
        base_url=args.base_url,
        timeout=args.timeout,
        max_rows=args.max_rows,
        max_response_bytes=args.max_bytes,
        allow_update=args.allow_update,
        token=token,
        service_allowlist=tuple(args.allow_service),
        query_threads=query_threads,
        threads=max(args.threads or query_threads + 4, 2),
        debug=args.debug,
    )
    if not settings.debug:
        from .web.http_server import check_free

        check_free(settings.host, settings.port)  # before the data is loaded
    store_dir, backend = getattr(args, "store", None), getattr(args, "backend", None)
    data = getattr(args, "data", None)
    config = None
    if sum(map(bool, (store_dir, backend, data))) > 1:
        raise UsageError("give one of --store, --backend and --data")
    from .store import Files, OnDisk, Remote

    if backend:
        # A forwarded query may take the server's own time limit, and no longer.
        source = Remote(backend, {"timeout": args.timeout, "default_graph": args.backend_default_graph})
    elif store_dir:
        from .load import resolve_store_dir

        resolve_store_dir(Path(store_dir))  # a missing store is reported now, before anything starts
        source = OnDisk(Path(store_dir).resolve())
    elif data:
        source = Files(tuple(Path(p).resolve() for p in data))
    else:
        from .build import ensure_built

        config = Config.discover(args.root)
        source = Files((ensure_built(config),))
    app = create_app(settings, config=config, source=source)
    state = app.extensions["ittifoq"]
    reviewing = None
    if args.review:
        from .web import review

        reviewing = review.install(app, config)

    def report(port: int) -> None:
        host = settings.host if settings.host not in ("0.0.0.0", "::", "") else "127.0.0.1"
        root = f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
        public = settings.base_url.rstrip("/") + "/" if settings.base_url else root
        mode = "read-write (bearer token)" if settings.allow_update else "read-only"
        print(f"ittifoq: ready in {time.perf_counter() - t0:.2f} s, {mode}, "
              f"{settings.query_threads} query threads, time limit {settings.timeout:g} s", flush=True)
        print(f"  listening on   {root}", flush=True)
        print(f"  SPARQL         {public}sparql", flush=True)
        print(f"  pages          {public}", flush=True)
        print(f"  graph store    {public}rdf-graph-store", flush=True)
        if reviewing is not None:
            print(f"  review         {root}review/?token={reviewing.token}", flush=True)
        if state.engine.started_status:
            print(f"  engine         {state.engine.started_status}", flush=True)

    try:
        if settings.debug:
            report(settings.port)
            app.run(host=settings.host, port=settings.port, debug=True, use_reloader=False, threaded=True)
            return 0
        from .web import http_server

        status = http_server.serve(app, settings.host, settings.port, settings.threads, report)
        print("ittifoq: stopped", file=sys.stderr, flush=True)
        return status
    finally:
        state.close()
