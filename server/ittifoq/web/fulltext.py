"""Full-text search of the source documents' text: every place the query occurs, ignoring
case and which Uzbek apostrophe is used (ʻ ‘ ' ’ ʼ), with the hit marked in a short context
and linked to its place in the document (``#at-start-end``). The words are matched in the
script they are written in (the documents' own script)."""

from __future__ import annotations

from ..text.normalize import fold_apostrophes
from .evidence_view import document_language, document_text
from .lookup import catalogue, labels_for
from .names import href, label_of

CONTEXT = 70
MAX_HITS = 200


def _fold(text: str) -> str:
    return fold_apostrophes(text).casefold()


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset in the original."""
    out, where = [], []
    for i, ch in enumerate(text):
        f = _fold(ch) if not ch.isspace() else " "
        for c in f:
            out.append(c)
            where.append(i)
    return "".join(out), where


def search_texts(q: str, langs: list[str]) -> list[dict]:
    needle = " ".join(_fold(q).split())
    if len(needle) < 3:
        return []
    docs = sorted(catalogue().document_graph)
    labels_for(docs)
    hits = []
    for doc in docs:
        text = document_text(doc)
        if not text:
            continue
        folded, where = _folded_with_map(text)
        start = folded.find(needle)
        while start >= 0 and len(hits) < MAX_HITS:
            a, b = where[start], where[start + len(needle) - 1] + 1
            lo, hi = max(0, a - CONTEXT), min(len(text), b + CONTEXT)
            name, name_lang = label_of(doc, langs)
            page = href(doc)
            hits.append({"doc": doc, "label": name, "label_lang": name_lang,
                         "lang": document_language(doc),
                         "before": ("…" if lo else "") + " ".join(text[lo:a].split()) + " ",
                         "match": text[a:b],
                         "after": " " + " ".join(text[b:hi].split()) + ("…" if hi < len(text) else ""),
                         "start": a, "end": b, "href": f"{page}#at-{a}-{b}" if page else None})
            start = folded.find(needle, start + len(needle))
    return hits
