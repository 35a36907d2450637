"""The class hierarchy the pages use (``Catalogue.superclasses``): each class's superclasses,
itself included, from the direct ``rdfs:subClassOf`` statements.

The closure is taken here rather than by ``?c rdfs:subClassOf* ?super``: with both ends
unbound, Virtuoso refuses that path ("transitive start not given") and Oxigraph answers a
reflexive pair for every node of the graph (1,680 on the seed data), where the direct
statements are a few dozen.
"""

from __future__ import annotations

from collections.abc import Iterable

DIRECT_SUBCLASS_QUERY = (
    "SELECT DISTINCT ?c ?super WHERE { ?c rdfs:subClassOf ?super FILTER(isIRI(?c) && isIRI(?super)) }"
)


def superclass_closure(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """{class: {itself and every superclass}} for each class that has a direct superclass;
    cycles (two classes declared equivalent by subclassing) end."""
    direct: dict[str, set[str]] = {}
    for c, sup in pairs:
        direct.setdefault(c, set()).add(sup)
    closure = {}
    for c in direct:
        seen, todo = {c}, [c]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closure[c] = seen
    return closure
