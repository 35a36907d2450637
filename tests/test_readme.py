"""The README's promises that can drift: its test command is what CI runs, and its example
output is what the graph answers."""

from __future__ import annotations

import re

from conftest import ROOT


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command():
    blocks = re.findall(r"```sh\n(.*?)\n```", readme(), re.S)
    test_cmd = next(b for b in blocks if "pytest" in b).strip()
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    # .ci/run makes the venv and installs itself, then runs the rest of the command verbatim.
    assert test_cmd.startswith("python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && ")
    rest = test_cmd.split("pip install -e '.[test]' && ", 1)[1]
    assert rest in ci.splitlines()
    assert "python3 -m venv .venv" in ci and ".venv/bin/pip install -q -e '.[test]'" in ci


def test_readme_example_output(kg):
    text = readme()
    query = re.search(r"ittifoq query '(SELECT \?date \?doc.*?)'\n", text, re.S).group(1)
    rows = [(r["date"].value, r["doc"].value) for r in kg.query(query)]
    assert rows == [("1992-11-23", "dunyo-strategic-partnership-new-era"),
                    ("1992-11", "khayrullaev-uzbekistan-kazakhstan-cooperation")]
    for date, doc in rows:
        assert re.search(rf"{re.escape(date)}\s+\| {doc}", text)


def test_ontology_docs_are_generated_from_the_ontology():
    from ittifoq.ontology_docs import render

    assert (ROOT / "docs/ontology.html").read_text(encoding="utf-8") == render(ROOT / "ontology/ittifoq.ttl"), \
        "docs/ontology.html is stale: run `ittifoq docs`"
