"""A load's progress, printed as it goes: one updating line on a terminal, a line every few
seconds in a log."""

from __future__ import annotations

import sys
import threading
import time

from .rdf_files import CountingReader


class Progress:
    """Prints progress of a load to a stream: one updating line on a terminal, a line every
    ``interval`` seconds otherwise (logs, CI)."""

    def __init__(self, stream=None, interval: float | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.interval = interval if interval is not None else (0.5 if self.tty else 5.0)

    def line(self, text: str) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K")
        self.stream.write(text + "\n")
        self.stream.flush()

    def update(self, name: str, done_bytes: int, total_bytes: int, triples: int | None, elapsed: float) -> None:
        frac = done_bytes / total_bytes if total_bytes else 0.0
        parts = [name]
        if triples is not None:
            rate = triples / elapsed if elapsed > 0 else 0.0
            parts.append(f"{triples:>12,} triples  {rate:>9,.0f} triples/s")
        else:
            parts.append(f"{done_bytes / 1e6:>10,.1f} MB  {done_bytes / 1e6 / max(elapsed, 1e-9):>6,.1f} MB/s")
        parts.append(f"{100 * frac:5.1f}%")
        if 0 < frac < 1 and elapsed > 0:
            eta = elapsed * (1 - frac) / frac
            parts.append(f"ETA {int(eta // 60)}:{int(eta % 60):02d}")
        text = "  ".join(parts)
        if self.tty:
            self.stream.write("\r\x1b[K" + text)
            self.stream.flush()
        else:
            self.line(text)


class Ticker(threading.Thread):
    """Reports progress while Oxigraph's loader runs (it releases the GIL between reads)."""

    def __init__(self, progress: Progress, name: str, reader: CountingReader, total: int, t0: float):
        super().__init__(daemon=True)
        self.progress, self.name_, self.reader, self.total, self.t0 = progress, name, reader, total, t0
        self.done = threading.Event()

    def run(self) -> None:
        announced = False
        while not self.done.wait(self.progress.interval):
            r = self.reader
            if r.eof:
                # The loader reads ahead of its writing: what remains is sorting and writing indexes.
                if not announced:
                    what = f"{r.statements:,} triples" if r.count_lines else f"{r.position / 1e6:,.1f} MB"
                    self.progress.line(f"{self.name_}: read {what}; writing the indexes…")
                    announced = True
                continue
            self.progress.update(self.name_, r.position, self.total, r.statements if r.count_lines else None,
                                 time.perf_counter() - self.t0)
