"""``ittifoq release DIR``: the dumps in every format, gzipped, with SHA-256 sums, a VoID/DCAT
description and a changelog against a previous release (see :mod:`ittifoq.release`)."""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "release",
        help="write a release: every dump gzipped, SHA256SUMS, VoID/DCAT, changes since a previous release",
        description="Write a release folder that can be checked (sha256sum -c SHA256SUMS) and compared.",
    )
    p.add_argument("dir", metavar="DIR", help="the release folder to create (must not exist, or be empty)")
    p.add_argument("--previous", metavar="DIR_OR_DUMP",
                   help="a previous release folder, or a dump of it (N-Quads or TriG, gzip too), to list the changes")
    p.add_argument("--base-url", metavar="URL",
                   help="where the files will be published (their download URLs; default: the dataset's "
                        "w3id.org address for this version)")
    p.set_defaults(func=cmd_release)


def cmd_release(args) -> int:
    from .config import Config
    from .provenance import graph_version
    from .release import write_release
    from .store import KnowledgeGraph

    config = Config.discover(args.root)
    version = graph_version(config)
    kg = KnowledgeGraph.open(config)
    release = write_release(kg, version, Path(args.dir), Path(args.previous) if args.previous else None,
                            args.base_url)
    c = release.changes
    summary = ("no previous release compared" if c is None else
               f"since {c.previous}: {len(c.added)} added, {len(c.changed)} changed, {len(c.removed)} removed")
    print(f"wrote {release.path} (ittifoq {version.label}; {len(release.files)} files; {summary})", file=sys.stderr)
    return 0
