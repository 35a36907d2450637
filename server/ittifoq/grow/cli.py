"""The ``ingest``, ``suggest``, ``review`` and ``eval-suggest`` subcommands (registered by
``ittifoq.cli``); each loads its library on use."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..errors import UsageError


def _checkout(args) -> Config:
    config = Config.discover(args.root)
    if config.packaged:
        raise UsageError("growing the graph needs a checkout (data/ with the source texts); run inside one "
                         "or set ITTIFOQ_ROOT")
    return config


def cmd_ingest(args) -> int:
    from .ingest import ingest

    config = _checkout(args)
    r = ingest(config, Path(args.file), args.slug, lang=args.lang, title=args.title, url=args.url,
               published=args.published, earliest=args.earliest)
    print(f"ingested {r.slug}: {r.text_path.relative_to(config.root)} (sha256 {r.sha256[:12]}…), "
          f"languages {', '.join(r.languages)}, dated {r.date[0] if r.date else 'unknown'}")
    for d in r.debris:
        print(f"  debris: line {d.line}: {d.kind}: {d.excerpt}")
    return 0


def cmd_suggest(args) -> int:
    from .suggest import run

    config = _checkout(args)
    path, candidates, carried = run(config, args.slug)
    kinds: dict[str, int] = {}
    for c in candidates:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    summary = ", ".join(f"{n} {k.lower()}s" for k, n in sorted(kinds.items())) or "no candidates"
    print(f"wrote {path.relative_to(config.root)}: {summary}; {carried} earlier decisions kept")
    return 0


def cmd_eval_suggest(args) -> int:
    from .evaluate import evaluate, table

    config = _checkout(args)
    print(table(evaluate(config, args.document or None)))
    return 0


def register(sub) -> None:
    i = sub.add_parser("ingest", help="register a new source document (text unchanged, metadata appended)")
    i.add_argument("file", help="the document's text, UTF-8")
    i.add_argument("--slug", required=True, help="the document's identifier, e.g. kun-uz-2025-visit")
    i.add_argument("--lang", help="BCP 47 tag of its main language (detected per paragraph when omitted)")
    i.add_argument("--title", help="its title as written (default: the first line of the text)")
    i.add_argument("--url", help="where it was published")
    i.add_argument("--published", help="publication date, YYYY-MM-DD, YYYY-MM or YYYY")
    i.add_argument("--earliest", help="when no publication date is known: the earliest date the text allows")
    i.set_defaults(func=cmd_ingest)

    s = sub.add_parser("suggest", help="propose candidate facts for a document (data/candidates/SLUG.trig)")
    s.add_argument("slug")
    s.set_defaults(func=cmd_suggest)

    e = sub.add_parser("eval-suggest", help="leave-one-document-out evaluation of the suggester (a table)")
    e.add_argument("--document", action="append", help="only this held-out document (repeatable)")
    e.set_defaults(func=cmd_eval_suggest)
