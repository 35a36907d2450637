"""Full-text search of the source documents' text: every place the query occurs, whatever the
script, case or apostrophe (``Toshkent`` finds ``Тошкентда``, ``Qozog'iston`` with any of
ʻ ‘ ' ’ ʼ finds ``Қозоғистон``, ``Tokayev`` finds ``Тоқаев``), with the hit marked in a short
context of the original text and linked to its place in the document (``#at-start-end``).

Query and text are compared by their skeletons (:mod:`ittifoq.text.normalize`: Latin
transliteration, then the spellings transliteration systems disagree on merged), and the text's
skeleton remembers which characters of the original each of its characters came from
(:mod:`ittifoq.text.offsets`), so a hit is marked at its offsets in the document."""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.normalize import skeleton
from ..text.offsets import Mapped, skeleton_mapped
from .evidence_view import document_language, document_text
from .lookup import catalogue, labels_for
from .names import href, label_of

CONTEXT = 70
MAX_HITS = 200
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=32)
def _skeleton_of(text: str) -> Mapped:
    return skeleton_mapped(text)


def search_texts(q: str, langs: list[str]) -> list[dict]:
    needle = skeleton(q)
    if len(needle) < 3:
        return []
    docs = sorted(catalogue().document_graph)
    labels_for(docs)
    hits = []
    for doc in docs:
        text = document_text(doc)
        if not text:
            continue
        folded = _skeleton_of(text)
        start = folded.text.find(needle)
        while start >= 0 and len(hits) < MAX_HITS:
            a, b = folded.span(start, start + len(needle))
            lo, hi = max(0, a - CONTEXT), min(len(text), b + CONTEXT)
            name, name_lang = label_of(doc, langs)
            page = href(doc)
            hits.append({"doc": doc, "label": name, "label_lang": name_lang,
                         "lang": document_language(doc),
                         # Spaces as in the text: a hit inside a word (Тошкент|да) stays in it.
                         "before": ("…" if lo else "") + _SPACES.sub(" ", text[lo:a]).lstrip(),
                         "match": text[a:b],
                         "after": _SPACES.sub(" ", text[b:hi]).rstrip() + ("…" if hi < len(text) else ""),
                         "start": a, "end": b, "href": f"{page}#at-{a}-{b}" if page else None})
            start = folded.text.find(needle, start + len(needle))
    return hits
