"""The benchmark's verdicts on the issue's targets, from a run's raw figures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _cell(rps: float, p50: float) -> dict:
    return {"rps": rps, "p50_ms": p50, "p99_ms": 2 * p50}


def _results(itt_heavy: float, itt_cheap: float, itt_pss: float) -> dict:
    ox_queries = {
        "01-point-lookup": {"c1": _cell(4000, 0.25), "c8": _cell(10000, 0.7)},
        # 5 ms in Oxigraph: neither cheap nor engine-bound, so no target but rdflib's applies.
        "04-join": {"c1": _cell(200, 5.0), "c8": _cell(500, 14.0)},
        "12-class-counts": {"c1": _cell(10, 80.0), "c8": _cell(20, 300.0)},
    }
    itt_queries = {
        "01-point-lookup": {"c1": _cell(4000 * itt_cheap, 1), "c8": _cell(10000 * itt_cheap, 5)},
        "04-join": {"c1": _cell(20, 50.0), "c8": _cell(50, 140.0)},
        "12-class-counts": {"c1": _cell(10 * itt_heavy, 90.0), "c8": _cell(20 * itt_heavy, 300.0)},
    }
    return {
        "args": {"concurrency": [1, 8]},
        "runs": [
            {"size": "1m", "mode": "memory", "system": "ittifoq", "queries": itt_queries,
             "load_s": 4.0, "peak_pss_mb": itt_pss},
            {"size": "1m", "mode": "memory", "system": "oxigraph", "queries": ox_queries,
             "load_s": 4.0, "peak_pss_mb": 400.0},
        ],
    }


def test_targets_hold_when_every_ratio_reaches_them():
    text = _bench().targets(_results(itt_heavy=0.95, itt_cheap=0.4, itt_pss=500))
    assert "1m memory engine  ≥ 0.9×: holds  (12: c=1 0.95; c=8 0.95)" in text
    assert "1m memory cheap   ≥ 0.27×: holds  (01: c=1 0.40; c=8 0.40)" in text
    assert "1m memory memory  ≤ 1.5×: holds" in text
    # The 5 ms join is in neither group, however slow ittifoq is on it.
    assert "04" not in text


def test_a_target_missed_in_one_cell_is_reported_as_missed():
    text = _bench().targets(_results(itt_heavy=0.85, itt_cheap=0.25, itt_pss=700))
    assert "1m memory engine  ≥ 0.9×: NO  (12: c=1 0.85; c=8 0.85)" in text
    assert "1m memory cheap   ≥ 0.27×: NO  (01: c=1 0.25; c=8 0.25)" in text
    assert "1m memory memory  ≤ 1.5×: NO  (peak PSS 700 vs 400 MB: 1.75×)" in text


def test_rdflib_endpoint_has_no_target_and_both_ratios_are_printed():
    results = _results(itt_heavy=0.95, itt_cheap=0.4, itt_pss=500)
    rdf_queries = {
        "01-point-lookup": {"c1": _cell(400, 2.5), "c8": _cell(500, 16.0)},
        "04-join": {"c1": _cell(1, 1000.0), "c8": {"timeout": True}},
        "12-class-counts": {"c1": _cell(0.5, 2000.0), "c8": _cell(0.5, 16000.0)},
    }
    results["runs"].append({"size": "1m", "mode": "memory", "system": "rdflib-endpoint", "queries": rdf_queries})
    text = _bench().targets(results)
    assert "≥ 20" not in text and "rdflib  ≥" not in text
    # 01: ittifoq 1600 and 4000 req/s, oxigraph 4000 and 10000, rdflib-endpoint 400 and 500.
    assert "01-point-lookup    c=1 4.0 | 10.0; c=8 8.0 | 20.0" in text
    # 04 at c=8: rdflib-endpoint timed out, so both are faster by more than can be said.
    assert "04-join            c=1 20.0 | 200.0; c=8 > | >" in text
    table = _bench().table(results)
    assert "ox/rdf" in table


def test_the_cheap_target_is_ten_percent_below_the_ratio_before_the_rewrite():
    # Issue 11: no more than 10 % below 0.30 (the low end of 0.30-0.34 at c=1, memory, 1 M).
    assert "cheap   ≥ 0.27×: holds  (01: c=1 0.28" in _bench().targets(_results(0.95, 0.28, 500))
    assert "cheap   ≥ 0.27×: NO  (01: c=1 0.26" in _bench().targets(_results(0.95, 0.26, 500))
