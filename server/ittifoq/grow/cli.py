"""The ``ingest``, ``suggest``, ``review`` and ``eval-suggest`` subcommands (registered by
``ittifoq.cli``); each loads its library on use."""

from __future__ import annotations

import sys
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
    if args.check:
        from .check import shape_violations

        problems = shape_violations(config, path)
        for p in problems:
            print(f"  shape violation: {p}", file=sys.stderr)
        if problems:
            return 1
        print("conforms to shapes/candidates/")
    return 0


def cmd_eval_suggest(args) -> int:
    from .evaluate import evaluate, table

    config = _checkout(args)
    print(table(evaluate(config, args.document or None, keep_preferred=args.keep_preferred)))
    if args.explain:
        from .ceiling import explain, report

        print()
        print(report(explain(config, args.document or None, keep_preferred=args.keep_preferred)))
    return 0


def _pairs(values: list[str] | None, what: str) -> list[tuple[str, str]]:
    out = []
    for v in values or []:
        if "=" not in v:
            raise UsageError(f"{what} {v}: write ID=VALUE")
        out.append(tuple(v.split("=", 1)))
    return out


def _edit(value: str) -> tuple[str, tuple[str, str]]:
    cid, sep, rest = value.partition(":")
    key, eq, val = rest.partition("=")
    if not sep or not eq or not key:
        raise UsageError(f"--set {value}: write ID:PROPERTY=VALUE, e.g. 5a7a97b2:visitor=person:x")
    return cid, (key, val)


def cmd_review(args) -> int:
    from .review import Decision, decide, load, short_id

    config = _checkout(args)
    decisions = [Decision("accept", cid) for cid in args.accept or []]
    if args.add_mention:
        from .review import add_mention

        cid = add_mention(config, args.slug, args.add_mention)
        print(f"added candidate {cid}: a mention of {args.add_mention!r}")
        args.set = [v.replace("new:", f"{cid}:", 1) if v.startswith("new:") else v for v in args.set or []]
    decisions += [Decision("accept", cid, link=iri) for cid, iri in _pairs(args.link, "--link")]
    for cid, value in _pairs(args.date, "--date"):
        subject, _, prop = value.partition(",")
        decisions.append(Decision("accept", cid, subject=subject, prop=prop or "itt:startDate"))
    edits: dict[str, dict[str, str]] = {}
    for cid, pair in (_edit(v) for v in args.set or []):
        edits.setdefault(cid, {}).update([pair])
    for d in decisions:
        d.edits.update(edits.pop(d.cid, {}))
    decisions += [Decision("accept", cid, edits=e) for cid, e in edits.items()]
    decisions += [Decision("reject", cid, reason=args.reason) for cid in args.reject or []]
    decisions += [Decision("defer", cid, reason=args.reason) for cid in args.defer or []]
    if not decisions and not args.accept_mentions:
        text = None
        for c in load(config, args.slug):
            if c.status != "Pending" and not args.all:
                continue
            if text is None:
                from .suggest import document

                text = document(config, args.slug).text
            before = " ".join(text[max(0, c.start - 40) : c.start].split())
            after = " ".join(text[c.end : c.end + 40].split())
            what = c.body_iri.rsplit("/id/", 1)[-1] if c.body_iri else c.assertion
            print(f"{short_id(c, args.slug)}  {c.kind:<7} {c.confidence:.2f} {c.status:<8} {what}")
            print(f"    …{before} [[{c.exact}]] {after}…")
        return 0
    out = decide(config, args.slug, decisions, args.min_confidence if args.accept_mentions else None)
    print(f"{len(out.accepted)} accepted, {len(out.rejected)} rejected, {len(out.deferred)} deferred")
    if out.turtle:
        print(f"appended to data/facts/{args.slug}.ttl (build and shapes passed):")
        print(out.turtle, end="")
    for name, text in out.reference.items():
        print(f"appended to data/reference/{name}:")
        print(text, end="")
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
    s.add_argument("--check", action="store_true", help="also validate the file against shapes/candidates/ (slower)")
    s.set_defaults(func=cmd_suggest)

    e = sub.add_parser("eval-suggest", help="leave-one-document-out evaluation of the suggester (a table)")
    e.add_argument("--document", action="append", help="only this held-out document (repeatable)")
    e.add_argument("--keep-preferred", action="store_true",
                   help="keep the project's preferred labels (en, uz-Latn) even when only the held-out text uses them")
    e.add_argument("--explain", action="store_true",
                   help="also list each curated entity not linked, with why (categories B, C, D) and their counts")
    e.set_defaults(func=cmd_eval_suggest)

    r = sub.add_parser("review", help="list a document's candidates, or accept/reject/defer/edit them")
    r.add_argument("slug")
    r.add_argument("--all", action="store_true", help="list decided candidates too")
    r.add_argument("--accept", action="append", metavar="ID", help="accept a mention (repeatable)")
    r.add_argument("--link", action="append", metavar="ID=IRI", help="edit: accept a mention as another entity")
    r.add_argument("--date", action="append", metavar="ID=SUBJECT[,PROPERTY]",
                   help="edit: accept a date as SUBJECT's PROPERTY (default itt:startDate), e.g. event:x")
    r.add_argument("--set", action="append", metavar="ID:PROPERTY=VALUE",
                   help="edit, then accept: visitor=person:x, startDate=2023-03-15, party=state:UZ state:KZ, "
                        "class=itt:Meeting, quote=…, a new fact's iri=event:… label@en=… label@uz-Latn=…, a new "
                        "entity's entity=person|office|organization|place (repeatable)")
    r.add_argument("--add-mention", metavar="QUOTE",
                   help="a mention the suggester missed, as written in the text; edit it as ID new: "
                        "--set new:entity=person --set new:iri=person:x --set 'new:label@en=…' (or new:link=…)")
    r.add_argument("--reject", action="append", metavar="ID", help="reject (needs --reason)")
    r.add_argument("--reason", help="why (for --reject and --defer)")
    r.add_argument("--defer", action="append", metavar="ID", help="decide later")
    r.add_argument("--accept-mentions", action="store_true", help="accept every pending mention (never facts)")
    r.add_argument("--min-confidence", type=float, default=0.9, help="with --accept-mentions (default 0.9)")
    r.set_defaults(func=cmd_review)
