"""Web and PDF debris in a text: navigation menus, calendar widgets, hyphenated line breaks.

Flagged, never removed: the text stays byte for byte as delivered (evidence offsets point
into it); the flags tell the curator (and the suggester) which lines are not prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Menu entries of news sites in the corpus languages.
_MENU_WORDS = {
    "главная", "новости", "контакты", "о нас", "поиск", "войти", "регистрация", "меню",
    "bosh sahifa", "yangiliklar", "aloqa", "biz haqimizda", "qidiruv", "kirish",
    "бош саҳифа", "янгиликлар", "алоқа", "биз ҳақимизда", "қидирув",
    "басты бет", "жаңалықтар", "байланыс", "біз туралы", "іздеу",
    "баслы бет", "жаңалықлар", "излеў",
    "home", "news", "contact", "contacts", "about", "about us", "search", "login", "sign in", "menu",
}
_WEEKDAYS = {
    "пн", "вт", "ср", "чт", "пт", "сб", "вс",  # ru
    "du", "se", "ch", "pa", "ju", "sh", "ya",  # uz-Latn
    "ду", "се", "чо", "па", "жу", "ша", "як",  # uz-Cyrl
    "дс", "сс", "бс", "жм", "сн", "жс",  # kk
    "mo", "tu", "we", "th", "fr", "sa", "su", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
}
_SEPARATORS = re.compile(r"\s*[|•·»]\s*")  # not "/": a URL is not a menu
_HYPHEN_BREAK = re.compile(r"(?<=\w)[-\u00ad]\n[ \t]*(?=[a-zа-яёәөүұіңғқҳўһ])")


@dataclass(frozen=True)
class Debris:
    kind: str  # menu | calendar | hyphenation
    line: int  # 1-based line of the text
    excerpt: str


def _is_menu(line: str) -> bool:
    parts = [p.strip().lower() for p in _SEPARATORS.split(line) if p.strip()]
    if len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts):
        return True
    return bool(parts) and len(parts) >= 2 and all(p in _MENU_WORDS for p in parts)


def _is_calendar(line: str) -> bool:
    tokens = line.lower().split()
    if len(tokens) >= 5 and all(t.isdigit() and 1 <= int(t) <= 31 for t in tokens):
        return True
    return len(tokens) >= 5 and all(t.strip(".") in _WEEKDAYS for t in tokens)


def find_debris(text: str) -> list[Debris]:
    found: list[Debris] = []
    for n, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if _is_calendar(stripped):
            found.append(Debris("calendar", n, stripped[:60]))
        elif _is_menu(stripped):
            found.append(Debris("menu", n, stripped[:60]))
    for m in _HYPHEN_BREAK.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        found.append(Debris("hyphenation", line, text[max(0, m.start() - 12) : m.end() + 8].replace("\n", "⏎")))
    return sorted(found, key=lambda d: (d.line, d.kind))


def _ranges(lines: list[int]) -> str:
    out: list[str] = []
    start = prev = lines[0]
    for n in lines[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


_KIND_NAMES = {"menu": "a navigation menu", "calendar": "a calendar widget", "hyphenation": "hyphenated line breaks"}


def describe(debris: list[Debris]) -> str | None:
    """One sentence for the document's editorial note, or None when the text is clean."""
    if not debris:
        return None
    parts = []
    for kind in ("menu", "calendar", "hyphenation"):
        lines = sorted({d.line for d in debris if d.kind == kind})
        if lines:
            word = "line" if len(lines) == 1 else "lines"
            parts.append(f"{_KIND_NAMES[kind]} at {word} {_ranges(lines)}")
    return "Ingestion flagged web/PDF debris (kept byte for byte, not prose): " + "; ".join(parts) + "."
