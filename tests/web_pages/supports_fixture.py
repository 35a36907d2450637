"""Which statements some quotes support (``ev itt:supports P``), read from the texts, for the
page tests while the facts files do not say it yet.

Each entry names a quote by words it contains, in the document graph of the fact it is
evidence of, and the properties whose values that document states about the fact that the
quote gives. Written from the documents (see the comments); used only when the built data
holds no ``itt:supports`` at all, so once the facts files record it, the pages are tested on
what they record.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

ITT = "https://w3id.org/ittifoq/ontology/"
ID = "https://w3id.org/ittifoq/id/"
TREATY = ID + "agreement/treaty-on-allied-relations"
UZ_LAW = ID + "agreement/uz-law-ratifying-treaty-on-allied-relations"
KZ_LAW = ID + "agreement/kz-law-ratifying-treaty-on-allied-relations"
RELATIONS = ID + "relation/uz-kz-diplomatic-relations"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT_DESCRIPTION = "http://purl.org/dc/terms/description"

# (fact, words of the quote, properties it supports)
SUPPORTS = [
    # president-uz-allied-relations-briefing: "the signing of the Treaty on Allied Relations was the
    # most important result of the visit": the visit (signed during), the signing (status), and the
    # month of the signing, which the document's date gives (itt:derivation says so).
    (TREATY, "шартноманинг имзолангани ташрифнинг энг муҳим натижаси",
     [ITT + "signedDuring", ITT + "status", ITT + "signingDate", RDF_TYPE]),
    # khayrullaev: "the signing of the Treaty on Allied Relations between our states"
    (TREATY, "Давлатларимиз ўртасида Иттифоқчилик муносабатлари", [ITT + "party", ITT + "status", RDF_TYPE]),
    (TREATY, "Хужжат сиёсий, савдо-иқтисодий, транзит-транспорт, энергетика", [ITT + "field"]),
    (TREATY, "Хужжат сиёсий, савдо-иқтисодий, транзит-транспорт, маданий-гуманитар", [ITT + "field"]),
    (TREATY, "халқаро терроризм, диний экстремизм ва сепаратизм", [ITT + "field"]),
    # cis-cooperation: what the treaty provides for, and what its ratification serves
    (TREATY, "Shartnoma tashqi siyosat, mudofaa va xavfsizlik", [ITT + "field", DCT_DESCRIPTION]),
    (TREATY, "Shartnomaning ratifikatsiya qilinishi", [ITT + "field", DCT_DESCRIPTION, ITT + "status"]),
    # the laws ratifying it
    (UZ_LAW, "Senat yalpi majlisida ma’qullangan “O‘zbekiston",
     [ITT + "ratifies", ITT + "signedDuring", ITT + "approvedBy", ITT + "status", ITT + "jurisdiction"]),
    (KZ_LAW, "Қосим-Жомарт Тоқаев Қозоғистон ва Ўзбекистоннинг",
     [ITT + "ratifies", ITT + "jurisdiction", ITT + "signatory", ITT + "status"]),
    # dunyo-strategic-partnership-new-era: "diplomatic relations between Uzbekistan and Kazakhstan
    # were established on 23 November 1992"
    (RELATIONS, "арасында дипломатиялық қатнасықлар 1992-жыл 23-ноябрьде",
     [ITT + "party", ITT + "startDate", RDF_TYPE]),
    # khayrullaev: "since diplomatic relations were established in November 1992, Uzbekistan and Kazakhstan"
    (RELATIONS, "1992 йил ноябрь ойида дипломатик муносабатлар", [ITT + "party", ITT + "startDate", RDF_TYPE]),
]

HAS_SUPPORTS = f"ASK {{ GRAPH ?g {{ ?ev <{ITT}supports> ?p }} }}"
OA = "http://www.w3.org/ns/oa#"
INSERT = """
INSERT {{ GRAPH ?g {{ ?ev <{itt}supports> {props} }} }}
WHERE {{ GRAPH ?g {{
  <{fact}> <{itt}evidence> ?ev . ?ev <{oa}hasTarget>/<{oa}hasSelector>/<{oa}exact> ?x
  FILTER CONTAINS(REPLACE(?x, "\\\\s+", " "), {words}) }} }}"""
REMOVE = f"""
DELETE {{ GRAPH ?g {{ ?ev <{ITT}supports> ?p }} }}
WHERE {{ GRAPH ?g {{ $fact <{ITT}evidence> ?ev . ?ev <{ITT}supports> ?p }} }}"""


def write(built: Path, dest: Path, without_supports: tuple[str, ...] = ()) -> tuple[Path, bool]:
    """``built`` with the supports above (only when it records none) and with none for the
    facts ``without_supports``, as N-Quads at ``dest``; and whether the supports above were added."""
    store = ox.Store()
    store.load(path=str(built), format=ox.RdfFormat.N_QUADS)
    added = not store.query(HAS_SUPPORTS)
    if added:
        for fact, words, props in SUPPORTS:
            before = len(store)
            store.update(INSERT.format(itt=ITT, oa=OA, fact=fact, props=", ".join(f"<{p}>" for p in props),
                                       words=ox.Literal(words)))
            assert len(store) == before + len(props), f"no single quote of <{fact}> contains «{words}»"
    for fact in without_supports:
        store.update(REMOVE.replace("$fact", f"<{fact}>"))
    store.dump(output=str(dest), format=ox.RdfFormat.N_QUADS)
    return dest, added
