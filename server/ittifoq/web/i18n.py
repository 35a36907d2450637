"""The interface's own words in six languages, and the choice of the interface language.

The interface language is one of :data:`INTERFACE_LANGUAGES`: the first of ``?lang=`` and
then ``Accept-Language`` that one of them matches (a bare ``uz`` is Latin script, the official
one), else English. It is what ``<html lang>`` says; names and quotes from the data carry
their own ``lang``.

The words live in ``messages/{tag}.json``: ``{"messages": {key: text}, "review": [...]}``.
``review`` lists the keys whose text is a machine-made translation that a speaker of the
language has not checked yet (``"*"`` for all of them); ``ittifoq.web`` shows them as they are
and the list tells a translator where to start. A key missing from a catalogue falls back to
English.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from flask import request

MESSAGES_DIR = Path(__file__).with_name("messages")

# tag (as written in BCP 47) → the language's name for itself
INTERFACE_LANGUAGES = {
    "en": "English",
    "uz-Latn": "Oʻzbekcha",
    "uz-Cyrl": "Ўзбекча",
    "kaa": "Қарақалпақша",
    "kk": "Қазақша",
    "ru": "Русский",
}
_BY_LOWER = {t.lower(): t for t in INTERFACE_LANGUAGES}
_ALIASES = {"uz": "uz-Latn", "kaa-cyrl": "kaa", "kk-cyrl": "kk", "kk-kz": "kk", "ru-ru": "ru", "uz-uz": "uz-Latn"}


def match_interface(tag: str) -> str | None:
    """The interface language a language tag asks for, or None."""
    t = tag.strip().lower()
    while t:
        if t in _BY_LOWER:
            return _BY_LOWER[t]
        if t in _ALIASES:
            return _ALIASES[t]
        t = t.rpartition("-")[0]
    return None


def interface_language() -> str:
    if not request:
        return "en"
    for tag in request.args.get("lang", "").split(","):
        found = match_interface(tag)
        if found:
            return found
    for tag, q in request.accept_languages:
        found = q > 0 and match_interface(tag)
        if found:
            return found
    return "en"


@cache
def catalogue(tag: str) -> dict:
    path = MESSAGES_DIR / f"{tag}.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {"messages": data.get("messages", {}), "review": data.get("review", [])}


def translate(key: str, lang: str | None = None, **values) -> str:
    """The text of ``key`` in the interface language (English when that catalogue lacks it),
    with ``{name}`` placeholders filled. An unknown key shows itself, so it is noticed."""
    lang = lang or interface_language()
    text = catalogue(lang)["messages"].get(key)
    if text is None:
        text = catalogue("en")["messages"].get(key, key)
    return text.format(**values) if values else text


def with_lang(url: str) -> str:
    """``url`` keeping the request's ``?lang=``, so that a chosen language survives a click."""
    lang = request.args.get("lang", "") if request else ""
    if lang and match_interface(lang.split(",")[0]):
        url += ("&" if "?" in url else "?") + urlencode({"lang": lang})
    return url


def language_menu() -> list[dict]:
    current = interface_language()
    out = []
    for tag, name in INTERFACE_LANGUAGES.items():
        args = {k: v for k, v in request.args.items() if k != "lang"}
        args["lang"] = tag
        out.append({"tag": tag, "name": name, "href": f"{request.path}?{urlencode(args)}", "current": tag == current})
    return out
