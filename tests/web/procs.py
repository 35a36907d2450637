"""Process-tree helpers for the tests that look at the server's worker processes."""

from __future__ import annotations

import os


def children(pid: int, *, include_zombies: bool = True) -> list[int]:
    """The pids whose parent is ``pid``, read from /proc."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and (include_zombies or fields[0] != "Z"):
                out.append(int(entry))
    return out
