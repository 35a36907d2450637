"""The query guard (``ittifoq.query_guard``): SERVICE/LOAD refused unless allow-listed, nesting
and length limits, all on the text as the engine reads it.

The engine is the oracle: the slow tests run every text with the check disabled in pyoxigraph
(a child process, against a local listener) and require that whatever made a request or
crashed the engine is refused, and that the harmless twins the engine accepts pass.
``tests/query_guard_corpus/`` keeps the cases found so far: ``refused/`` (each makes the
engine fetch or crash) and ``passed/`` (each accepted by the engine, harmless); the
``generated-*`` ones came from the property test, the ``*-old-guard-passed*`` ones got past
the check this replaced.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine_oracle as oracle
from guard_cases import cases
from ittifoq import query_guard as guard
from ittifoq.errors import QueryError, QueryRejected
from ittifoq.namespaces import PREFIXES

CORPUS = Path(__file__).parent / "query_guard_corpus"


def _corpus(folder: str) -> list[Path]:
    return sorted((CORPUS / folder).iterdir())


def _kind(path: Path) -> str:
    return "update" if path.suffix == ".ru" else "query"


def _refused(kind: str, text: str, **kw) -> bool:
    try:
        guard.check(text, kind=kind, max_length=1_000_000, **kw)
    except QueryError:
        return True
    return False


# --------------------------------------------------------------------------- the corpus, fast


@pytest.mark.parametrize("path", _corpus("refused"), ids=lambda p: p.name)
def test_the_corpus_of_bypasses_is_refused(path):
    assert _refused(_kind(path), path.read_text())


@pytest.mark.parametrize("path", _corpus("passed"), ids=lambda p: p.name)
def test_the_corpus_of_harmless_twins_passes(path):
    guard.check(path.read_text(), kind=_kind(path), max_length=1_000_000)


# --------------------------------------------------------------------------- the engine as the oracle


@pytest.fixture(scope="module")
def listener():
    with oracle.Listener() as listening:
        yield listening


@pytest.mark.slow
def test_the_corpus_against_the_engine(listener):
    """Replays the corpus with the check disabled: each refused text still makes the engine
    fetch or crash, each passed text is accepted by the engine and harmless."""
    refused, passed = _corpus("refused"), _corpus("passed")
    outcomes = oracle.run([(_kind(p), p.read_text()) for p in refused + passed], listener, dict(PREFIXES))
    for path, outcome in zip(refused + passed, outcomes, strict=True):
        if path in refused:
            assert outcome.dangerous, (path.name, outcome)
        else:
            assert outcome.accepted and not outcome.dangerous, (path.name, outcome)


@pytest.mark.slow
@settings(max_examples=6, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(batch=st.lists(cases, min_size=50, max_size=50))
def test_whatever_the_engine_would_fetch_or_crash_on_is_refused(listener, batch):
    """300 generated texts and their twins per run, 50 to a child process."""
    jobs = [(c.kind, c.text) for c in batch] + [(c.kind, c.twin) for c in batch]
    outcomes = oracle.run(jobs, listener, dict(PREFIXES))
    for case, outcome, twin in zip(batch, outcomes[: len(batch)], outcomes[len(batch):], strict=True):
        if outcome.dangerous:
            assert _refused(case.kind, case.text), (case.text, outcome)
        assert not twin.dangerous, case.twin
        if twin.accepted:
            assert not _refused(case.kind, case.twin), case.twin


# --------------------------------------------------------------------------- rules, one by one


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://x/> { ?x ?y ?z } }",
    "select * where { service silent <http://x/> { ?x ?y ?z } }",
    "SELECT * WHERE { { SELECT ?x WHERE { SeRvIcE <http://x/> { ?x ?y ?z } } } }",
    "PREFIX remote: <http://x/>\nSELECT * WHERE { SERVICE remote:sparql { ?x ?y ?z } }",
    "SELECT * WHERE { BIND(<http://x/> AS ?ep) SERVICE ?ep { ?x ?y ?z } }",
    "SELECT * WHERE { SERVICE#c\n<http://x/>#c\n{ ?x ?y ?z } }",
])
def test_service_is_refused_with_its_position(text):
    with pytest.raises(QueryRejected, match=r"SERVICE is not allowed on this endpoint \(at \d+:\d+\).*outbound"):
        guard.check(text)


def test_load_is_refused_in_updates():
    with pytest.raises(QueryRejected, match="LOAD"):
        guard.check("LOAD <http://x/> INTO GRAPH <http://e/g>", kind="update")


def test_a_later_line_is_located():
    with pytest.raises(QueryRejected, match=r"\(at 3:3\)"):
        guard.check("SELECT *\nWHERE {\n  SERVICE <http://x/> { ?x ?y ?z } }")


@pytest.mark.parametrize("make,around", [
    (lambda d: "SELECT * WHERE " + "{" * d + "}" * d, 0),
    (lambda d: "SELECT * { FILTER(" + "(" * d + "1" + ")" * d + ") }", 2),
    (lambda d: "SELECT * { ?s <a:p> " + "[ <a:p> " * d + "1" + " ]" * d + " }", 1),
    (lambda d: "SELECT * { " + "<< " * d + "<a:s> <a:p> <a:o>" + " >> <a:p> <a:o>" * d + " }", 1),
], ids=["braces", "parentheses", "blank-node-lists", "triple-terms"])
def test_nesting_is_limited_for_every_bracket(make, around):
    """Each kind of bracket the parser recurses into counts (``around``: the brackets the
    query needs around the nested ones)."""
    assert not _refused("query", make(64 - around))
    assert _refused("query", make(65 - around))


def test_the_depth_limit_counts_the_deepest_point():
    assert not _refused("query", "SELECT * WHERE " + "{" * 64 + "}" * 64)
    assert _refused("query", "SELECT * WHERE " + "{" * 65 + "}" * 65)
    with pytest.raises(QueryRejected, match=r"more than 64 deep \(at 1:80\)"):
        guard.check("SELECT * WHERE " + "{" * 65 + "}" * 65)


def test_the_length_limit():
    with pytest.raises(QueryRejected, match="at most 200"):
        guard.check("ASK {}" + " " * 300, max_length=200)


def test_text_no_reading_can_tokenize_is_a_syntax_error_with_its_position():
    with pytest.raises(QueryError, match=r"syntax error at 1:18: cannot read a string"):
        guard.check("ASK { ?s ?p ?o . 'unclosed }")


@pytest.mark.parametrize("text", [
    'SELECT * { BIND("SERVICE <http://x/> { }" AS ?s) }',
    "SELECT * { BIND('''LOAD <http://x/>''' AS ?s) }  # SERVICE <http://x/> { }",
    "SELECT * { ?s <http://example.org/SERVICE> ?o ; <http://example.org/download> ?d }",
    'SELECT * { ?s <http://www.w3.org/ns/sparql-service-description#endpoint> ?e . ?s sd:endpoint "x"@service }',
    "SELECT ?service ?load { ?service ?load ?o }",
    "PREFIX ex: <http://e/> SELECT * { ?s ex:service ?o ; ex:load ?l }",
    "SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    "SELECT * { ?s ?p ?o FILTER(?o <= <http://e/x> || ?o < <http://e/y#z>) }",
])
def test_the_words_in_strings_iris_names_and_comments_are_no_keywords(text):
    guard.check(text)


# --------------------------------------------------------------------------- the allow-list


ALLOWED = "http://127.0.0.1:9/sparql"


@pytest.mark.parametrize("text", [
    f"SELECT * {{ SERVICE <{ALLOWED}> {{ ?x ?y ?z }} }}",
    f"SELECT * {{ SERVICE SILENT <{ALLOWED}> {{ ?x ?y ?z }} }}",
    "PREFIX r: <http://127.0.0.1:9/>\nSELECT * { SERVICE r:sparql { ?x ?y ?z } }",
    "BASE <http://127.0.0.1:9/x/>\nSELECT * { SERVICE <../sparql> { ?x ?y ?z } }",
    "SELECT * { SERVICE <http://127.0.0.1:9/\\u0073parql> { ?x ?y ?z } }",
])
def test_allow_listed_services_pass(text):
    assert guard.check(text, allowlist=(ALLOWED,)).outbound == [ALLOWED]


@pytest.mark.parametrize("text,target", [
    # Oxigraph keeps an IRI with a scheme as written; urljoin would give http://127.0.0.1:9/sparql.
    ("BASE <http://127.0.0.1:9/x/>\nSELECT * { SERVICE <http:sparql> { ?x ?y ?z } }", "http:sparql"),
    ("BASE <http://127.0.0.1:9/x/>\nSELECT * { SERVICE <//127.0.0.1:9/a/../sparql> { ?x ?y ?z } }",
     "http://127.0.0.1:9/a/../sparql"),
    # A glued keyword still names its target.
    ("PREFIX : <http://127.0.0.1:9/other/>\nSELECT * { SERVICE:x { ?x ?y ?z } }", "http://127.0.0.1:9/other/x"),
])
def test_the_allow_list_compares_the_iri_the_engine_calls(text, target):
    with pytest.raises(QueryRejected, match=f"<{target}> is not allowed"):
        guard.check(text, allowlist=(ALLOWED,))
    assert guard.check(text, allowlist=(target,)).outbound == [target]


def test_a_variable_service_is_refused_even_with_an_allow_list():
    with pytest.raises(QueryRejected, match="name a fixed IRI"):
        guard.check("SELECT * { BIND(<x:y> AS ?e) SERVICE ?e { ?x ?y ?z } }", allowlist=(ALLOWED,))


def test_every_reading_s_target_must_be_allowed():
    """After ``<1#>`` the engine reads a comment; a W3C lexer reads an IRI and a long string.
    The SERVICE hidden on the next line must be on the allow-list too."""
    text = (f'SELECT * {{ BIND(1 AS ?x) FILTER(?x <1#> """\n) SERVICE <http://127.0.0.1:9/evil> {{ ?a ?b ?c }}'
            f' #"""\n SERVICE <{ALLOWED}> {{ ?a ?b ?c }} }}')
    with pytest.raises(QueryRejected, match="evil"):
        guard.check(text, allowlist=(ALLOWED,))


# --------------------------------------------------------------------------- what the server learns


def test_what_is_learnt_about_a_query():
    c = guard.check("PREFIX x: <http://e/> SELECT ?s FROM <http://e/g> WHERE { ?s ?p ?o }")
    assert (c.form, c.has_dataset_clause, c.depth) == ("SELECT", True, 1)
    assert guard.check("construct { ?s ?p ?o } where { ?s ?p ?o }").form == "CONSTRUCT"
    assert guard.check("ASK { FILTER(?x = 'FROM') }").has_dataset_clause is False


def test_using_is_written_before_each_modify_where():
    text = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o } ; DELETE WHERE { ?a ?b ?c } ; "
            "INSERT { ?s ?p 1 } WHERE { ?s ?p 'WHERE' }")
    c = guard.check(text, kind="update")
    assert not c.has_using
    out = guard.with_using(c, ["http://e/g"], ["http://e/n"])
    assert out == ("DELETE { ?s ?p ?o } USING <http://e/g> USING NAMED <http://e/n> WHERE { ?s ?p ?o } ; "
                   "DELETE WHERE { ?a ?b ?c } ; INSERT { ?s ?p 1 } USING <http://e/g> USING NAMED <http://e/n> "
                   "WHERE { ?s ?p 'WHERE' }")
    assert guard.check("WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", kind="update").has_using


@pytest.mark.parametrize("link,make", [
    ("!", lambda k: f"ASK {{ FILTER({'!' * k}true) }}"),
    ("&&", lambda k: "ASK { FILTER(true" + " && true" * k + ") }"),
    ("UNION", lambda k: "ASK { " + "{} UNION " * k + "{} }"),
    ("OPTIONAL", lambda k: "ASK { " + "OPTIONAL {} " * k + "}"),
])
def test_chains_of_operators_are_limited(link, make):
    """The engine crashes on 10,000 of any of these (and was fine with 3,000)."""
    assert not _refused("query", make(990))
    with pytest.raises(QueryRejected, match="more than 1,000 operators"):
        guard.check(make(1001), max_length=1_000_000)
