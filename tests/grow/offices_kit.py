"""A small gazetteer of states, offices and bodies for the tests of composed names, of both
states' offices and of office holders: the English preferred labels the composition starts
from, and the states' names in each language. Nothing here comes from the corpus' texts."""

from __future__ import annotations

from ittifoq.grow.gazetteer import Gazetteer, Label

ID = "https://w3id.org/ittifoq/id/"
STATES = {
    "UZ": ["Uzbekistan@en", "Ўзбекистон@uz-Cyrl", "Oʻzbekiston@uz-Latn", "Өзбекстан@kk", "Өзбекстан@kaa",
           "Узбекистан@ru"],
    "KZ": ["Kazakhstan@en", "Қозоғистон@uz-Cyrl", "Qozogʻiston@uz-Latn", "Қазақстан@kk", "Қазақстан@kaa",
           "Казахстан@ru"],
    "KG": ["Kyrgyzstan@en", "Қирғизистон@uz-Cyrl", "Qirgʻiziston@uz-Latn", "Қырғызстан@kk", "Қырғызстан@kaa",
           "Киргизия@ru"],
}
OFFICES = {
    "office/president-of-kazakhstan": "President of Kazakhstan",
    "office/president-of-uzbekistan": "President of Uzbekistan",
    "office/president-of-kyrgyzstan": "President of Kyrgyzstan",
    "office/prime-minister-of-uzbekistan": "Prime Minister of Uzbekistan",
    "office/prime-minister-of-kazakhstan": "Prime Minister of Kazakhstan",
    "office/deputy-prime-minister-of-uzbekistan": "Deputy Prime Minister of Uzbekistan",
    "office/deputy-prime-minister-of-kazakhstan": "Deputy Prime Minister of Kazakhstan",
    "organization/ministry-of-foreign-affairs-of-uzbekistan": "Ministry of Foreign Affairs of Uzbekistan",
    "organization/ministry-of-foreign-affairs-of-kazakhstan": "Ministry of Foreign Affairs of Kazakhstan",
    "organization/parliament-of-kazakhstan": "Parliament of Kazakhstan",
    "organization/senate-of-kazakhstan": "Senate of the Parliament of Kazakhstan",
    "organization/mazhilis": "Mazhilis of the Parliament of Kazakhstan",
    "office/chair-of-the-mazhilis": "Chair of the Mazhilis of the Parliament of Kazakhstan",
    "office/chair-of-the-senate-of-kazakhstan": "Chair of the Senate of the Parliament of Kazakhstan",
    # Named after the Oliy Majlis; the Oliy Majlis's own label is left out, as leave-one-out
    # drops it when only the held-out text writes it.
    "organization/senate-of-uzbekistan": "Senate of the Oliy Majlis",
    "organization/legislative-chamber-of-uzbekistan": "Legislative Chamber of the Oliy Majlis",
    "office/chair-of-the-senate-of-uzbekistan": "Chair of the Senate of the Oliy Majlis",
    "office/speaker-of-the-oliy-majlis": "Speaker of the Oliy Majlis",
}


def offices_gazetteer(*extra: Label) -> Gazetteer:
    """The states and the English names of the offices, plus ``extra`` labels (before composing)."""
    g = Gazetteer()
    for code, names in STATES.items():
        for name in names:
            text, lang = name.split("@")
            g.add(Label(ID + "state/" + code, text, lang, "pref" if lang == "en" else "alt", "test"))
    for iri, english in OFFICES.items():
        g.add(Label(ID + iri, english, "en", "pref", "test"))
    for lab in extra:
        g.add(lab)
    return g
