"""Plain words for a query the parser refused (``ittifoq.query_hints``): each case is run
through Oxigraph's real parser first, so the message explained is the one the server gets;
the expected line and column are counted by hand in the query text."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT
from ittifoq.errors import QuerySyntaxError
from ittifoq.namespaces import PREFIXES
from ittifoq.query_hints import code_only, explain_syntax_errors, find, plain_message

STORE = ox.Store()


def parser_message(query: str) -> str:
    try:
        STORE.query(query, prefixes=PREFIXES)
    except SyntaxError as e:
        return f"SPARQL syntax error: {e}"
    raise AssertionError(f"the parser accepts {query!r}")


CASES = [
    # unknown prefix, a close predeclared one
    ("SELECT * WHERE { ?s persn:x ?o }", "1:21", "unknown prefix `persn:` — did you mean `person:`?"),
    ("SELECT ?d WHERE {\n  ?e itt:startDat ?d .\n  ?e a itx:StateVisit }", "3:8",
     "unknown prefix `itx:` — did you mean `itt:`?"),
    # unknown prefix, a close one declared in the query itself (before the predeclared ones)
    ("PREFIX geo: <http://www.opengis.net/ont/geosparql#>\nSELECT * WHERE { ?s gro:asWKT ?o }", "2:21",
     "unknown prefix `gro:` — did you mean `geo:`?"),
    # unknown prefix, none close
    ("SELECT * WHERE {\n  ?s zzqx:y ?o }", "2:6", "unknown prefix `zzqx:` — declare it with PREFIX zzqx: <…>"),
    # misspelt keywords
    ("SELCT * WHERE { ?s ?p ?o }", "1:1", "`SELCT` is not a SPARQL keyword — did you mean `SELECT`?"),
    ("SELECT * WHRE { ?s ?p ?o }", "1:10", "`WHRE` is not a SPARQL keyword — did you mean `WHERE`?"),
    ("SELECT * WHERE {\n  ?s ?p ?o\n  FILTR(?o != 1) }", "3:3",
     "`FILTR` is not a SPARQL keyword — did you mean `FILTER`?"),
    ("SELECT * WHERE { ?s ?p ?o } LIMT 3", "1:29", "`LIMT` is not a SPARQL keyword — did you mean `LIMIT`?"),
    ("SELECT * WHERE { ?s ?p ?o OPTINAL { ?s ?q ?r } }", "1:27",
     "`OPTINAL` is not a SPARQL keyword — did you mean `OPTIONAL`?"),
    # unbalanced brackets
    ("SELECT * WHERE { ?s ?p ?o ", "1:16", "`{` is never closed: add `}`"),
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  OPTIONAL { ?s ?q ?r }\n", "1:16", "`{` is never closed: add `}`"),
    ("SELECT * WHERE { ?s ?p ?o }\n}", "2:1", "`}` closes nothing"),
    ("SELECT * WHERE { FILTER(?o }", "1:28", "`}` stands where `(` of 1:24 should be closed with `)`"),
    # a string, an IRI and a comment hide what they hold: the real mistake is found
    ('SELECT * WHERE { ?s ?p "persn: SELCT {" . # WHRE {\n ?s <http://x/SELCT> ?o . ?s gropu:x ?o }', "2:30",
     "unknown prefix `gropu:` — declare it with PREFIX gropu: <…>"),
    # non-ASCII before the mistake: columns count characters, as the parser does
    ('SELECT * WHERE { ?s ?p "Тошкент" . ?s persn:x ?o }', "1:39", "unknown prefix `persn:` — did you mean `person:`?"),
]


@pytest.mark.parametrize(("query", "where", "words"), CASES)
def test_a_refused_query_is_explained_at_its_line_and_column(query, where, words):
    parser = parser_message(query)
    message = plain_message(query, parser)
    assert message.startswith(f"SPARQL syntax error at {where}: {words} (parser: error at ")
    # The parser's own detail is kept whole (on one line), for those who read it.
    assert message.endswith(" ".join(parser.removeprefix("SPARQL syntax error: ").split()) + ")")
    assert "\n" not in message


def test_the_parser_s_set_of_characters_no_longer_leads_the_message():
    query = "SELECT * WHERE { ?s persn:x ?o }"
    message = plain_message(query, parser_message(query))
    lead = message.split(" (parser:")[0]
    assert "expected" not in lead and "\\u{" not in lead and "['%']" not in lead


def test_without_a_finding_the_place_is_named_in_words():
    # Oxigraph often gives up only at the end of the text: that is said as it is.
    query = "SELECT * WHERE { ?s ?p ?o . FILTER(?o > 3 3) }"
    message = plain_message(query, parser_message(query))
    assert message.startswith("SPARQL syntax error at 1:47: the parser read to the end without making sense of "
                              "the query (check the part before) (parser: error at 1:47:")
    # Where it stops on a character, that character is named.
    assert plain_message("SELECT ?x 42 WHERE {}", "error at 1:11: expected one of [_]").startswith(
        "SPARQL syntax error at 1:11: unexpected `42` here (parser: error at 1:11:")


def test_a_sentence_of_the_parser_is_used_as_the_plain_words():
    query = "SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?s"
    message = plain_message(query, parser_message(query))
    assert message.startswith("SPARQL syntax error at 1:41: the SELECT contains a variable that is unbound (parser:")


def test_the_guard_s_own_words_are_left_alone():
    message = "SPARQL syntax error at 1:24: cannot read a string that is never closed"
    assert plain_message('SELECT * WHERE { ?s ?p "open }', message) == message


def test_a_finding_after_the_place_the_parser_stopped_is_not_blamed():
    # The parser stops at the first mistake (the unknown prefix on line 1); the misspelling on
    # line 2 is not what it refused, and a word after the stop is never named.
    query = "SELECT * WHERE { ?s zzqx:p ?o }\nLIMT 3"
    assert "zzqx:" in plain_message(query, parser_message(query))
    assert find("SELECT * WHERE { ?s ?p ?o } LIMT 3", "error at 1:5: expected something") is None


def test_code_only_keeps_offsets():
    query = 'SELECT ?x # SELCT\nWHERE { ?x ?p "a\\"b" . ?x ?q <urn:x> }'
    code = code_only(query)
    assert len(code) == len(query) and code.count("\n") == 1
    assert "SELCT" not in code and '"' not in code and "urn:x" not in code and "WHERE" in code


def _valid_queries() -> list[tuple[str, str]]:
    files = sorted((ROOT / "data" / "queries").glob("*.rq"))
    assert len(files) >= 20
    extra = [
        # strings, IRIs and comments that look like mistakes; declared prefixes with dots and
        # the empty prefix; a blank node; functions in any case; the keyword `a`.
        'PREFIX : <http://example.org/>\nPREFIX my.ns: <http://example.org/ns#>\n'
        'SELECT ?s (STRLEN(?l) AS ?n) WHERE { ?s a :Thing ; my.ns:p _:b ; rdfs:label ?l .\n'
        '  FILTER(langMatches(lang(?l), "uz-Latn") && !isLiteral(?s) && CONTAINS(?l, "persn: SELCT {"))\n'
        '  BIND(COALESCE(?l, "}") AS ?m) # WHRE }} FILTR\n'
        '  OPTIONAL { ?s <http://example.org/SELCT#FILTR> ?x } } GROUP BY ?s ?l ORDER BY DESC(?n) LIMIT 5 OFFSET 1',
        'ASK { ?s skos:prefLabel """a { long\nstring""" FILTER NOT EXISTS { ?s owl:sameAs ?t } }',
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?p { rdfs:label skos:altLabel } } LIMIT 1",
        "DESCRIBE state:UZ",
        "SELECT (COUNT(DISTINCT ?s) AS ?n) (GROUP_CONCAT(?l; SEPARATOR=', ') AS ?all) WHERE { ?s rdfs:label ?l }",
    ]
    return [(f.name, f.read_text(encoding="utf-8")) for f in files] + [(f"extra-{i}", q) for i, q in enumerate(extra)]


VALID = _valid_queries()


@pytest.mark.parametrize(("name", "query"), VALID, ids=[n for n, _ in VALID])
def test_nothing_is_found_in_a_valid_query(name, query):
    STORE.query(query, prefixes=PREFIXES)  # the parser accepts it...
    assert find(query) is None  # ...and the hints see no mistake in it, wherever a parser might stop


@pytest.mark.parametrize(("name", "query"), VALID, ids=[n for n, _ in VALID])
def test_the_wrapper_never_turns_a_valid_query_into_an_error(name, query):
    @explain_syntax_errors
    def run(sparql: str):
        return STORE.query(sparql, prefixes=PREFIXES)

    run(query)  # raises nothing
    run(sparql=query)


def test_the_wrapper_rewords_only_syntax_errors():
    @explain_syntax_errors
    def run(state, sparql):
        try:
            return STORE.query(sparql, prefixes=PREFIXES)
        except SyntaxError as e:
            raise QuerySyntaxError(f"SPARQL syntax error: {e}") from None

    with pytest.raises(QuerySyntaxError, match=r"^SPARQL syntax error at 1:1: `SELCT` is not"):
        run(None, "SELCT * WHERE { ?s ?p ?o }")

    @explain_syntax_errors
    def fails(sparql):
        raise ValueError("not a syntax error")

    with pytest.raises(ValueError, match="not a syntax error"):
        fails("SELECT")


def test_the_module_is_named_in_the_request_path():
    # The hook the 400 of /sparql goes through (ittifoq.web.user_query.run).
    from ittifoq.web import user_query

    assert user_query.run.__wrapped__ is not None
    assert Path(user_query.__file__).read_text(encoding="utf-8").count("@explain_syntax_errors") == 1


def test_the_command_line_says_the_same(kg):
    # ittifoq query runs KnowledgeGraph.query: its error is the endpoint's words.
    with pytest.raises(QuerySyntaxError, match=r"^SPARQL syntax error at 1:21: unknown prefix `persn:` — did you mean"):
        kg.query("SELECT * WHERE { ?s persn:x ?o }")
    assert len(list(kg.query("SELECT * WHERE { ?s a itt:State } LIMIT 2"))) == 2
