"""The engine as an oracle: run queries and updates in pyoxigraph, in a child process that may
crash, against a local HTTP listener, and say for each whether the engine accepted it, made a
request, or died (and by which signal).

Many texts run in one child (starting Python and pyoxigraph costs more than most queries). Each
text names the listener as ``URL`` and gets its own path there, so a request is attributed to
its text even when the engine gave up on it before the answer came; the child announces each
text before running it, so a crash is attributed too. After a crash the rest of the batch goes
to a fresh child.
"""

from __future__ import annotations

import json
import select
import signal
import subprocess
import sys
import threading
import urllib.request
from dataclasses import dataclass

import net

_CHILD = r"""
import json, sys
import pyoxigraph as ox
prefixes = json.loads(sys.argv[1])
store = ox.Store()
# Objects that the corpus's tricks read as a triple's end, so that the SERVICE after them runs.
for o in (ox.NamedNode("http://[::1]"), ox.NamedNode("http://x/a.b"), ox.Literal(True), ox.Literal(1)):
    store.add(ox.Quad(ox.NamedNode("a:s"), ox.NamedNode("a:p"), o))
out = sys.stdout
for line in sys.stdin:
    job = json.loads(line)
    out.write(json.dumps({"start": job["i"]}) + "\n"); out.flush()
    ok, error = True, None
    try:
        if job["kind"] == "update":
            store.update(job["text"], prefixes=prefixes, base_iri=job.get("base"))
        else:
            result = store.query(job["text"], prefixes=prefixes, base_iri=job.get("base"),
                                 use_default_graph_as_union=True)
            if not isinstance(result, ox.QueryBoolean):
                for _ in result:
                    pass
    except SyntaxError as e:
        ok, error = False, "syntax: " + str(e)
    except Exception as e:
        error = type(e).__name__ + ": " + str(e)
    out.write(json.dumps({"end": job["i"], "ok": ok, "error": error}) + "\n"); out.flush()
"""

ANSWER = net.sparql_row("a", "remote")


URL = "http://127.0.0.1:0/"


class Listener(net.Listener):
    """A listener (``net.Listener``, unthreaded) whose every answer is a one-row SPARQL JSON
    result. It handles one connection at a time, in the order they came: once :meth:`settle`
    is answered, every earlier request has been recorded."""

    def __init__(self):
        super().__init__(ANSWER)
        self.runs = 0  # each run's texts get paths of their own

    def settle(self) -> None:
        urllib.request.urlopen(self.url + "settle", timeout=60).read()
        self.hits.remove("/settle")


@dataclass
class Outcome:
    accepted: bool  # parsed by the engine (it may still have failed while running)
    requested: bool  # the listener got a request while this text ran
    signal: int | None  # the engine's process died of this signal while running it
    error: str | None = None

    @property
    def dangerous(self) -> bool:
        return self.requested or self.signal is not None


def run(jobs: list[tuple[str, str]], listener: Listener, prefixes: dict[str, str],
        *, stall_seconds: float = 60.0, preexec=None) -> list[Outcome]:
    """Run each (kind, text) in the engine; kind is "query" or "update". ``stall_seconds`` only
    guards against a child that neither answers nor dies (a bug, reported as such)."""
    listener.runs += 1
    tag = f"/r{listener.runs}j"
    jobs = [(kind, text.replace(URL, f"{listener.url}{tag[1:]}{i}/")) for i, (kind, text) in enumerate(jobs)]
    outcomes: list[Outcome | None] = [None] * len(jobs)
    todo = list(range(len(jobs)))
    while todo:
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, json.dumps(prefixes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
            preexec_fn=preexec,
        )
        feeder = threading.Thread(target=_feed, args=(child, jobs, list(todo)), daemon=True)
        feeder.start()
        running = None
        try:
            while True:
                ready, _, _ = select.select([child.stdout], [], [], stall_seconds)
                if not ready:
                    child.kill()
                    raise RuntimeError(f"the engine's process stalled on job {running}: {jobs[running][1][:200]!r}")
                line = child.stdout.readline()
                if not line:
                    break
                msg = json.loads(line)
                if "start" in msg:
                    running = msg["start"]
                else:
                    i = msg["end"]
                    outcomes[i] = Outcome(msg["ok"], False, None, msg["error"])
                    todo.remove(i)
                    running = None
        except BaseException:
            child.kill()
            raise
        finally:
            child.stdout.close()
            code = child.wait()
        if running is not None:
            sig = -code if code < 0 else None
            outcomes[running] = Outcome(False, False, sig or signal.SIGABRT, f"exit {code}")
            todo.remove(running)
        elif todo:
            raise RuntimeError(f"the engine's process ended (exit {code}) with {len(todo)} jobs left")
    listener.settle()
    for i, outcome in enumerate(outcomes):
        outcome.requested = any(path.startswith(f"{tag}{i}/") for path in listener.hits)  # type: ignore[union-attr]
    return outcomes  # type: ignore[return-value]


def _feed(child, jobs, order):
    try:
        for i in order:
            kind, text = jobs[i]
            child.stdin.write(json.dumps({"i": i, "kind": kind, "text": text}) + "\n")
        child.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the child died; the parent sees it



