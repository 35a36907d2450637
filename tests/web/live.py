"""A real ``ittifoq serve`` process on a free 127.0.0.1 port, for tests that talk HTTP to it
with standard clients."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import subprocess
import sys
import threading

from net import stop


@contextlib.contextmanager
def ittifoq_serve(*args: str, ready_within: float = 60):
    """Start ``ittifoq serve --port 0 ARGS…``; yield its root URL (``http://127.0.0.1:N/``) once
    it says where it listens; stop it (and its process group) afterwards."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ittifoq", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout] + [lines.put(None)],
                     daemon=True).start()
    output: list[str] = []
    try:
        url = None
        while url is None:
            try:
                line = lines.get(timeout=ready_within)
            except queue.Empty:
                raise AssertionError("ittifoq serve said nothing for a minute:\n" + "".join(output)) from None
            if line is None:
                raise AssertionError(f"ittifoq serve exited ({proc.wait()}):\n" + "".join(output))
            output.append(line)
            m = re.search(r"listening on\s+(http://\S+)", line)
            if m:
                url = m.group(1)
        yield url
    finally:
        stop(proc)
