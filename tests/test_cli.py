"""The command line on good and bad input: a clear line and a non-zero exit, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from ittifoq.cli import main


def run(*args, cwd=ROOT, env_root=None, input=None):
    env = dict(os.environ)
    if env_root:
        env["ITTIFOQ_ROOT"] = str(env_root)
    return subprocess.run([sys.executable, "-m", "ittifoq", *args], cwd=cwd, env=env, input=input,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def in_project(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy.root)
    return project_copy


def test_query_table_on_a_fresh_checkout_builds_implicitly(in_project, capsys):
    assert not in_project.dataset_path.exists()
    assert main(["query", "SELECT ?iso WHERE { state:UZ itt:isoCode ?iso }"]) == 0
    out = capsys.readouterr().out
    assert "UZ" in out and "(1 row)" in out
    assert in_project.dataset_path.exists()


def test_query_json_is_standard_sparql_results(in_project, capsys):
    assert main(["query", "--format", "json",
                 "SELECT ?l WHERE { state:KZ skos:prefLabel ?l FILTER(lang(?l) = 'en') }"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["head"]["vars"] == ["l"]
    assert doc["results"]["bindings"][0]["l"]["value"] == "Kazakhstan"


@pytest.mark.parametrize("fmt,marker", [("csv", "iso\r\nUZ"), ("tsv", '?iso\n"UZ"')])
def test_query_csv_tsv(in_project, capsys, fmt, marker):
    assert main(["query", "--format", fmt, "SELECT ?iso WHERE { state:UZ itt:isoCode ?iso }"]) == 0
    assert capsys.readouterr().out.startswith(marker)


def test_query_from_file(in_project, tmp_path, capsys):
    q = tmp_path / "ask.rq"
    q.write_text("ASK { state:UZ a itt:State }", encoding="utf-8")
    assert main(["query", str(q)]) == 0
    assert capsys.readouterr().out.strip() == "true"


def test_query_from_standard_input(in_project):
    r = run("query", "-", cwd=in_project.root, input="ASK { state:KZ a itt:State }")
    assert r.returncode == 0 and r.stdout.strip() == "true"


def test_graph_option_limits_the_default_graph(in_project, capsys):
    assert main(["query", "--graph", "https://w3id.org/ittifoq/graph/ontology",
                 "SELECT (COUNT(*) AS ?n) WHERE { state:UZ ?p ?o }"]) == 0
    assert "0" in capsys.readouterr().out.splitlines()[2]


def test_stats(in_project, capsys):
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "https://w3id.org/ittifoq/graph/ontology" in out
    assert "https://w3id.org/ittifoq/ontology/State" in out


def test_export_to_file(in_project, tmp_path, capsys):
    target = tmp_path / "out.trig"
    assert main(["export", "--format", "trig", "--output", str(target)]) == 0
    assert b"GRAPH <https://w3id.org/ittifoq/graph/corpus>" in target.read_bytes() or \
        b"<https://w3id.org/ittifoq/graph/corpus> {" in target.read_bytes()


def test_syntax_error_is_one_line_with_position(in_project):
    r = run("query", "SELECT * WHERE { ?s ?p }", cwd=in_project.root)
    assert r.returncode == 2
    assert r.stderr.startswith("ittifoq: error: SPARQL syntax error at 1:")
    assert "Traceback" not in r.stderr
    assert r.stdout == ""


def test_missing_query_file(in_project):
    r = run("query", "missing.rq", cwd=in_project.root)
    assert r.returncode == 2 and "missing.rq: no such query file" in r.stderr and "Traceback" not in r.stderr


def test_broken_source_file_reports_file_and_line(in_project):
    path = in_project.reference_dir / "states.ttl"
    path.write_text(path.read_text(encoding="utf-8") + "\nstate:XX a \n", encoding="utf-8")
    r = run("build", cwd=in_project.root)
    assert r.returncode == 2
    assert r.stderr.startswith("ittifoq: error: data/reference/states.ttl:")
    assert "Traceback" not in r.stderr


def test_outside_a_project(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ITTIFOQ_ROOT"}
    r = subprocess.run([sys.executable, "-m", "ittifoq", "--root", str(tmp_path), "build"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "no ontology/ and data/ folders" in r.stderr and "Traceback" not in r.stderr


def test_unknown_export_format_is_a_usage_error(in_project):
    r = run("export", "--format", "yaml", cwd=in_project.root)
    assert r.returncode == 2 and "invalid choice: 'yaml'" in r.stderr
