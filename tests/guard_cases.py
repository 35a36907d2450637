"""Hypothesis strategies for the query guard's property test: queries and updates that hide a
SERVICE, a LOAD or deep nesting behind every lexical construct the engine reads in its own
way, each with a harmless twin (the same text with the dangerous part replaced by something
that makes no request and nests shallowly).

``URL`` stands for the listener's address (``engine_oracle`` gives each text its own path).
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from engine_oracle import URL

PN_LOCAL_ESC = list("_~.-!$&'()*+,;=/?#@%") + ['"']  # and one the grammar does not allow


@dataclass(frozen=True)
class Case:
    kind: str  # "query" or "update"
    text: str
    twin: str  # no SERVICE/LOAD, shallow: the check must let it through if the engine accepts it


_pieces = st.sampled_from(
    ["a", " ", "\\", "'", '"', "#", "\n", "\r", "\\u0041", "\\uD800", "\\U00110000", "\\n", "\\'", '\\"',
     ">", "<", "{", "}", "(", ")", "[", "1", ":", "/", "'''", '"""', "SERVICE", "x:y", "?v"]
)
_content = st.lists(_pieces, max_size=6).map("".join)
_quote = st.sampled_from(["'", '"', "'''", '"""'])


@st.composite
def _string(draw) -> str:
    q = draw(_quote)
    close = draw(st.sampled_from([q, "", q[0]]))
    return q + draw(_content) + close


@st.composite
def _pname(draw) -> str:
    local = draw(st.sampled_from(["x", "a.b", "a.b.c", "a.", "x%4F", "x%4", "SERVICE", "load"]))
    escapes = "".join("\\" + c for c in draw(st.lists(st.sampled_from(PN_LOCAL_ESC), max_size=2)))
    return draw(st.sampled_from(["id:", "ex:", ":", "trueSERVICE:"])) + local + escapes


@st.composite
def _iri(draw) -> str:
    return "<" + draw(st.lists(st.sampled_from(["a", "#", "'", '"', "(", ")", "[", "1", ":", "/", "\\u0041",
                                                " ", "SERVICE"]), max_size=5).map("".join)) + ">"


_term = st.one_of(
    _string(), _pname(), _iri(),
    st.sampled_from(["?x", "$x", "?service", "1.", ".5e3", "1e5", "'a'@en--ltr", "'a'@en-US", "true", "_:b.c",
                     "<<( <a:s> <a:p> <a:o> )>>", "TRIPLE(<a:s>, <a:p>, <a:o>)"]),
)


@st.composite
def hider(draw) -> str:
    """Something that may make a reader misplace where strings, IRIs and comments end."""
    term = draw(_term)
    tail = draw(st.sampled_from(["", " ", "\n", "'", '"', "'''", '"""', "#", ">", " . ", " || true"]))
    form = draw(st.sampled_from([
        "BIND({t} AS ?z){e}", "VALUES ?z {{ {t} }}{e}", "FILTER(?x <{t}{e} || true)", "FILTER(?x {t}{e} || true)",
        "?x ?x {t}{e}", "# {t}{e}\n", "#{t}\r", "{t}{e}", "<a:s> <a:p> <a:o> ~ _:r {{| <a:q> {t} |}}{e}",
    ]))
    return form.format(t=term, e=tail)


@st.composite
def service(draw) -> tuple[str, str]:
    """(prologue, SERVICE call) in one of the ways the engine accepts it."""
    keyword = draw(st.sampled_from(["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "SERVICESILENT",
                                    "trueSERVICE"]))
    operand = draw(st.sampled_from(["<URL>", "svc:x", ":x", "?ep", "<x>"]))
    gap = draw(st.sampled_from(["", " ", "\n", " #c\n"]))
    prologue = {"svc:x": f"PREFIX svc: <{URL}>\n", ":x": f"PREFIX : <{URL}>\n", "<x>": f"BASE <{URL}>\n"}
    call = keyword + gap + operand.replace("<URL>", f"<{URL}>") + gap + "{ ?a ?b ?c }"
    if operand == "?ep":
        call = f"BIND(<{URL}> AS ?ep) " + call
    return prologue.get(operand, ""), call


@st.composite
def nesting(draw) -> tuple[str, str]:
    """(deep, shallow): brackets the parser recurses into (it crashes near 2,500 ``{``), or
    chains of operators the engine builds into deep trees (it crashes at 10,000)."""
    if draw(st.booleans()):
        n = draw(st.sampled_from([3000, 6000]))
        form = draw(st.sampled_from(["{o}?a ?b ?c{c}", "FILTER({o}1{c})", "FILTER(?x <{o}1>)"]))
        opener, closer = ("{", "}") if form.startswith("{") else ("(", ")")
        return (form.format(o=opener * n, c=closer * n), form.format(o=opener * 2, c=closer * 2))
    link = draw(st.sampled_from(["!", " - 1", " && true", "{} UNION "]))
    make = {"!": lambda k: f"FILTER({link * k}true)", " - 1": lambda k: f"FILTER(1{link * k} > 0)",
            " && true": lambda k: f"FILTER(true{link * k})", "{} UNION ": lambda k: f"{{ {link * k}{{}} }}"}[link]
    return make(12000), make(3)


@st.composite
def query_case(draw) -> Case:
    before = draw(st.lists(hider(), min_size=1, max_size=2))
    after = draw(st.sampled_from(["", "'", '"', "'''", '"""', "#", ">", "'''\n", '"""\n']))
    if draw(st.integers(0, 9)) == 0:
        danger, harmless = draw(nesting())
        prologue = ""
    else:
        prologue, danger = draw(service())
        harmless = "OPTIONAL { ?a ?b ?c }"
    head = prologue + "SELECT * WHERE { BIND(1 AS ?x) " + " ".join(before) + " "
    tail = " " + after + "\n}"
    return Case("query", head + danger + tail, head + harmless + tail)


@st.composite
def update_case(draw) -> Case:
    literal = draw(st.one_of(_string(), _pname(), _iri()))
    keyword = draw(st.sampled_from(["LOAD", "load", "LOADSILENT", "LOAD SILENT"]))
    into = draw(st.sampled_from(["", " INTO GRAPH <a:g>"]))
    head = f"INSERT DATA {{ <a:s> <a:p> {literal} }} ;{draw(st.sampled_from([' ', '', chr(10)]))}"
    after = draw(st.sampled_from(["", " #'''", "\n"]))
    return Case("update", head + f"{keyword} <{URL}>{into}" + after, head + "CLEAR SILENT GRAPH <a:g>" + after)


cases = st.one_of(query_case(), query_case(), query_case(), update_case())
