"""Calques of organisation names (ittifoq/grow/calque.py): the names Uzbek, Kazakh, Karakalpak and
Russian give international and bilateral bodies, made from their English names, found in short
sentences of our own with their case endings, and never from a label leave-one-out removed."""

from __future__ import annotations

import pytest

from conftest import ROOT
from ittifoq import namespaces as ns
from ittifoq.config import Config
from ittifoq.grow import evaluate as ev
from ittifoq.grow.calque import calques, names_in
from ittifoq.grow.gazetteer import Gazetteer, Label, derive_labels, load
from ittifoq.grow.mentions import find_mentions
from ittifoq.grow.suggest import document

ID = "https://w3id.org/ittifoq/id/"
STATES = {"uz-latn": {"UZ": "Oʻzbekiston", "KZ": "Qozogʻiston"}, "uz-cyrl": {"UZ": "Ўзбекистон", "KZ": "Қозоғистон"},
          "kk": {"UZ": "Өзбекстан", "KZ": "Қазақстан"}, "kaa": {"UZ": "Өзбекстан", "KZ": "Қазақстан"}}


def _names(english: str, bilateral: bool = False) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for text, lang, _source, _short in calques(english, STATES, bilateral):
        out.setdefault(lang, set()).add(text)
    return out


def test_a_name_is_translated_word_by_word_in_the_turkic_order():
    oic = _names("Organisation of Islamic Cooperation")
    # The "of" part before the head; inside it, a noun's head both bare and with the possessive.
    assert oic["uz-latn"] == {"Islom hamkorlik tashkiloti", "Islom hamkorligi tashkiloti"}
    assert oic["uz-cyrl"] == {"Ислом ҳамкорлик ташкилоти", "Ислом ҳамкорлиги ташкилоти"}
    assert oic["kk"] == {"Ислам ынтымақтастық ұйымы", "Ислам ынтымақтастығы ұйымы"}
    assert "Ислам бирге ислесиў шөлкеми" in oic["kaa"]
    assert oic["ru"] == {"Организация исламского сотрудничества"}
    ots = _names("Organization of Turkic States")
    assert ots["uz-latn"] == {"Turkiy davlatlar tashkiloti"}  # an adjective: davlatlar stays bare
    assert "Түркі мемлекеттері ұйымы" in ots["kk"] and ots["kaa"] == {"Түркий мәмлекетлер шөлкеми"}
    cis = _names("Commonwealth of Independent States")
    assert cis["kaa"] == {"Ғәрезсиз мәмлекетлер Дослық Аўқамы"}
    assert cis["kk"] == {"Тәуелсіз мемлекеттер достастығы"}
    assert cis["ru"] == {"Содружество независимых государств"}
    # Adjectives only: the head takes no possessive ending; a noun before it: it does.
    assert _names("Eurasian Economic Union")["kk"] == {"Еуразиялық экономикалық одақ"}
    assert _names("Eurasian Economic Union")["kaa"] == {"Евразия экономикалық аўқамы"}
    assert _names("Inter-Parliamentary Union")["kaa"] == {"Парламентлераралық аўқам"}


def test_a_bilateral_body_is_also_named_without_its_parties_and_its_complement():
    council = _names("Uzbek–Kazakh Business Council", bilateral=True)
    assert council["uz-latn"] == {"Oʻzbekiston–Qozogʻiston ishbilarmonlar kengashi", "Ishbilarmonlar kengashi"}
    commission = _names("Uzbek–Kazakh Intergovernmental Commission on bilateral cooperation", bilateral=True)
    assert "Hukumatlararo komissiya" in commission["uz-latn"]  # an adjective only: no -si
    assert "Ikki tomonlama hamkorlik boʻyicha hukumatlararo komissiya" in commission["uz-latn"]
    assert "Ўзбекистон–Қозоғистон икки томонлама ҳамкорлик бўйича ҳукуматлараро комиссияси" in commission["uz-cyrl"]
    forum = _names("Forum of the Regions of Uzbekistan and Kazakhstan", bilateral=True)
    assert forum["kaa"] == {"Өзбекстан ҳәм Қазақстан аймақлары форумы", "Аймақлар форумы"}
    # Or by the word of its relation alone, which says between whom it works.
    supreme = _names("Supreme Interstate Council of Uzbekistan and Kazakhstan", bilateral=True)
    assert supreme["uz-cyrl"] == {"Ўзбекистон ва Қозоғистон олий давлатлараро кенгаши", "Олий давлатлараро кенгаш",
                                  "Давлатлараро кенгаш"}
    assert supreme["kk"] == {"Өзбекстан және Қазақстан жоғары мемлекетаралық кеңесі", "Жоғары мемлекетаралық кеңес",
                             "Мемлекетаралық кеңес"}
    assert "Межгосударственный совет" in supreme["ru"]
    # A short form that no longer says which body it is, is not made: "International Centre".
    centre = _names("International Centre for Industrial Cooperation", bilateral=True)
    assert centre["uz-latn"] == {"Xalqaro sanoat hamkorlik markazi", "Xalqaro sanoat hamkorligi markazi"}
    assert "ru" not in centre  # Russian says what a centre is for with a preposition ("по"): not made
    # Not a bilateral body: only the whole name.
    assert _names("Uzbek–Kazakh Business Council")["uz-latn"] == {"Oʻzbekiston–Qozogʻiston ishbilarmonlar kengashi"}


def test_a_word_the_lexicon_lacks_means_no_calque():
    assert calques("Organisation of Flying Cooperation", STATES, False) == []
    assert calques("United Nations", STATES, False) == []  # a proper name, not a kind of institution
    assert calques("International Fund for Saving the Dead Sea", STATES, False) == []  # no such sea in the lexicon
    assert calques("Commission of Uzbekistan on cooperation with the Parliament of Kazakhstan", STATES, False) == []


def test_what_a_body_works_on_and_with_whom_come_before_its_head():
    names = _names("Commission of Uzbekistan on cooperation with the Parliament of Kazakhstan", bilateral=True)
    # Only without its owner: "Oʻzbekiston" before the rest would need the genitive.
    assert names["uz-latn"] == {"Qozogʻiston parlamenti bilan hamkorlik boʻyicha komissiya"}
    assert names["kaa"] == {"Қазақстан парламенти менен бирге ислесиў бойынша комиссия"}
    assert "kk" not in names and "ru" not in names  # Kazakh "with" is a case ending: not made


def test_initialisms_come_from_the_words_of_the_calque():
    shorts = {(lang, short) for _t, lang, _s, short in calques("Shanghai Cooperation Organisation", STATES, False)}
    # Karakalpak "бирге ислесиў" (cooperation) is one word of the name: ШБШ, not ШБИШ.
    assert {("kaa", "ШБШ"), ("uz-cyrl", "ШҲТ"), ("uz-latn", "ShHT"), ("kk", "ШЫҰ"), ("ru", "ШОС")} <= shorts
    shorts = {(lang, short) for _t, lang, _s, short in calques("Commonwealth of Independent States", STATES, False)}
    assert {("kaa", "ҒМДА"), ("uz-cyrl", "МДҲ"), ("kk", "ТМД"), ("ru", "СНГ")} <= shorts


@pytest.fixture(scope="module")
def small_gazetteer() -> Gazetteer:
    g = Gazetteer()
    for code, names in (("UZ", ("Uzbekistan", "Oʻzbekiston", "Ўзбекистон", "Өзбекстан")),
                        ("KZ", ("Kazakhstan", "Qozogʻiston", "Қозоғистон", "Қазақстан"))):
        for name, lang in zip(names, ("en", "uz-latn", "uz-cyrl", "kaa"), strict=True):
            g.add(Label(ID + f"state/{code}", name, lang, "alt", "test", public=True))
        g.add(Label(ID + f"state/{code}", names[3], "kk", "alt", "test", public=True))
    for iri, english in (("oic", "Organisation of Islamic Cooperation"), ("sco", "Shanghai Cooperation Organisation"),
                         ("cis", "Commonwealth of Independent States"), ("eco", "Economic Cooperation Organization"),
                         ("business-council", "Uzbek–Kazakh Business Council")):
        g.add(Label(ID + f"organization/{iri}", english, "en", "pref", "test"))
    g.types[ID + "organization/business-council"] = {ns.ITT + "BilateralBody"}
    derive_labels(g)
    return g


def _linked(text: str, g: Gazetteer) -> list[tuple[str, str]]:
    return [(m.text, m.iri.rsplit("/", 1)[1]) for m in find_mentions(text, g)]


@pytest.mark.parametrize("text, expected", [
    ("Oʻzbekiston Islom hamkorlik tashkilotining sammitida qatnashdi.",
     [("Oʻzbekiston", "UZ"), ("Islom hamkorlik tashkilotining", "oic")]),
    ("Делегация ШҲТга аъзо давлатлар вакиллари билан учрашди.", [("ШҲТга", "sco")]),
    ("Ишбилармонлар кенгашининг навбатдаги йиғилиши бўлди.", [("Ишбилармонлар кенгашининг", "business-council")]),
    ("Қазақстан Шанхай ынтымақтастық ұйымының саммитіне қатысты.",
     [("Қазақстан", "KZ"), ("Шанхай ынтымақтастық ұйымының", "sco")]),
    ("Тәуелсіз мемлекеттер достастығына мүше елдер жиналды.", [("Тәуелсіз мемлекеттер достастығына", "cis")]),
    ("Басшылар ШБШ ҳәм ҒМДА жыйналысларында сөйледи.", [("ШБШ", "sco"), ("ҒМДА", "cis")]),
    ("Ислам бирге ислесиў шөлкеминиң ўәкиллери келди.", [("Ислам бирге ислесиў шөлкеминиң", "oic")]),
    ("Организация исламского сотрудничества провела встречу.", [("Организация исламского сотрудничества", "oic")]),
])
def test_a_calque_is_found_with_its_case_endings(small_gazetteer, text, expected):
    assert _linked(text, small_gazetteer) == expected


@pytest.mark.parametrize("text", [
    "Ikki davlat savdo sohasida hamkorlik qilmoqda.",  # a lone "hamkorlik"
    "Бұл ұйым жаңа жобаны бастады.",  # a lone "ұйым"
    "Islom taraqqiyot banki yangi loyihani moliyalashtirdi.",  # another organisation
    "Ислам ынтымақтастық туралы баяндама жасалды.",  # the modifiers without the head
    "Бул жумыста шбш деген сөз жоқ.",  # an initialism not in capitals
    "ИҲТ vakillari keldi.",  # two organisations share ИҲТ (Islamic, Economic Cooperation): none has it
])
def test_near_misses_are_not_linked(small_gazetteer, text):
    assert [iri for _, iri in _linked(text, small_gazetteer) if iri not in ("UZ", "KZ")] == []


def test_calques_carry_their_rule_and_never_take_another_entitys_name(small_gazetteer):
    made = [lab for lab in small_gazetteer.labels if lab.source.startswith("calque/")]
    assert {lab.source for lab in made} == {"calque/full", "calque/short", "calque/initialism"}
    oic = [lab for lab in small_gazetteer.labels if lab.iri.endswith("/oic") and lab.kind == "acronym"]
    assert "IHT" not in {lab.text for lab in oic} and "ИБШ" in {lab.text for lab in oic}


OIC = ID + "organization/organisation-of-islamic-cooperation"


def test_calques_are_made_only_from_labels_that_survive_the_drop():
    config = Config(root=ROOT)
    def made(keep: set[str]) -> set[tuple[str, str]]:
        g = load(config, drop=lambda lab: lab.iri == OIC and lab.lang not in keep)
        return {(lab.text, lab.lang) for lab in g.labels if lab.iri == OIC and lab.source.startswith("calque/")}

    assert made(set()) == set()  # neither its English nor its Russian name: no calque
    assert {("Ислам бирге ислесиў шөлкеми", "kaa"), ("ИБШ", "kaa")} <= made({"en"})
    assert {("Ислам бирге ислесиў шөлкеми", "kaa"), ("ИБШ", "kaa")} <= made({"ru"})


def test_leave_one_out_keeps_no_label_copied_from_the_held_out_text():
    config = Config(root=ROOT)
    texts = {s: document(config, s).text for s in ev.DOCUMENTS}
    slug = "dunyo-strategic-partnership-new-era"
    held = ev._folded_text(texts[slug])
    others = [ev._folded_text(t) for s, t in texts.items() if s != slug]
    g = load(config, exclude=slug, drop=lambda lab: ev.only_in(held, others, lab))
    read = [lab for lab in g.labels if lab.source.startswith(("reference/", "facts/"))]
    assert read and not [lab for lab in read if ev.only_in(held, others, lab) or lab.source == f"facts/{slug}"]
    # Every calque is made from an English or Russian label the held-out gazetteer still holds.
    names = {}
    for lab in read:
        if lab.lang in ("en", "ru") and lab.kind in ("pref", "alt"):
            names.setdefault(lab.iri, []).append((lab.text, lab.lang))
    states: dict[str, dict[str, str]] = {}
    for lab in sorted(g.labels, key=lambda x: not x.public):
        if lab.iri.startswith(ID + "state/") and lab.kind in ("pref", "alt"):
            states.setdefault(lab.lang, {}).setdefault(lab.iri.rsplit("/", 1)[1], lab.text)
    survivors = Gazetteer()
    for lab in read:
        survivors.add(lab)
    inside = names_in(survivors)  # the places and bodies a name may hold, by their surviving labels
    made = [lab for lab in g.labels if lab.source in ("calque/full", "calque/short")]
    assert made
    for lab in made:
        derived = {text for name, lang in names.get(lab.iri, [])
                   for text, *_ in calques(name, states, True, lang, inside, lab.iri.startswith(ID + "place/"))}
        assert lab.text in derived, lab


def test_a_russian_name_is_read_back_into_the_lexicon_and_calqued():
    sco = {(lang, text) for text, lang, _s, _i in calques("Шанхайская организация сотрудничества", STATES, False, "ru")}
    assert {("kaa", "Шанхай бирге ислесиў шөлкеми"), ("uz-latn", "Shanxay hamkorlik tashkiloti"),
            ("kk", "Шанхай ынтымақтастық ұйымы")} <= sco
    assert not [lang for lang, _t in sco if lang == "ru"]  # not the Russian name again
    un = {(lang, text) for text, lang, _s, _i in calques("Организация Объединённых Наций", STATES, False, "ru")}
    assert ("kaa", "Бирлескен миллетлер шөлкеми") in un  # the genitive group before the head
    # A preposition or a word the lexicon lacks: nothing.
    assert calques("Совещание по взаимодействию и мерам доверия в Азии", STATES, False, "ru") == []
    assert calques("Международный фонд спасения Арала", STATES, False, "ru") == []


# --- names holding places and other bodies, plurals, the genitive

NAMED = {"central asia": {"uz-latn": ["Markaziy Osiyo"], "uz-cyrl": ["Марказий Осиё"], "kk": ["Орталық Азия"],
                          "kaa": ["Орайлық Азия"]},
         "un": {"uz-latn": ["BMT", "Birlashgan Millatlar Tashkiloti"], "uz-cyrl": ["БМТ"],
                "kk": ["Біріккен Ұлттар Ұйымы"], "kaa": ["Бирлескен Миллетлер Шөлкеми"]}}


def _named(english: str, bilateral: bool = False, names=NAMED) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for text, lang, _source, _short in calques(english, STATES, bilateral, "en", names):
        out.setdefault(lang, set()).add(text)
    return out


def test_plural_heads_in_a_chain_of_possessors_take_the_genitive():
    meetings = _named("Consultative Meetings of the Heads of State of Central Asia")
    # Central Asia's states (possessive), their heads (possessive, genitive: a possessor that is
    # itself possessed), their meetings (plural, possessive).
    assert "Markaziy Osiyo davlatlari rahbarlarining maslahat uchrashuvlari" in meetings["uz-latn"]
    assert "Марказий Осиё давлатлари раҳбарларининг маслаҳат учрашувлари" in meetings["uz-cyrl"]
    assert "Орайлық Азия мәмлекетлери басшыларының мәсләҳәт ушырасыўлары" in meetings["kaa"]
    # Before an adjective only the genitive joins the possessor to its head.
    assert "Орталық Азия мемлекеттері басшыларының консультативтік кездесулері" in meetings["kk"]
    assert not [t for t in meetings["kk"] if "басшылары " in t]
    # One meeting of the series: the singular, and its ordinal after the possessor in the genitive.
    assert "Markaziy Osiyo davlatlari rahbarlarining maslahat uchrashuvi" in meetings["uz-latn"]
    assert "Markaziy Osiyo davlatlari rahbarlarining uchinchi maslahatlashuv uchrashuvi" in meetings["uz-latn"]
    assert "Орталық Азия мемлекеттері басшыларының екінші консультативтік кездесуі" in meetings["kk"]
    assert "Орайлық Азия мәмлекетлери басшыларының биринши мәсләҳәт ушырасыўы" in meetings["kaa"]
    assert not [t for t in meetings["uz-latn"] if "rahbarlari birinchi" in t]  # not without the genitive
    assert "ru" not in meetings  # Russian plurals and place names in the genitive are not made
    # Without a place, "heads of state" is a compound: "state heads", the plural with the possessive.
    council = _named("Council of Heads of State")
    assert council["uz-latn"] == {"Davlat rahbarlari kengashi"}
    assert council["kk"] == {"Мемлекет басшылары кеңесі"}


def test_a_named_owner_and_the_place_a_body_serves():
    centre = _named("UN Regional Centre for Preventive Diplomacy for Central Asia")
    # The owner before an adjective takes the genitive; what the centre is for comes before its head.
    assert "BMTning Markaziy Osiyo uchun mintaqaviy preventiv diplomatiya markazi" in centre["uz-latn"]
    # A short form leaves out the place it serves.
    assert "BMTning mintaqaviy preventiv diplomatiya markazi" in centre["uz-latn"]
    assert "Birlashgan Millatlar Tashkilotining mintaqaviy preventiv diplomatiya markazi" in centre["uz-latn"]
    assert "БМТнинг минтақавий превентив дипломатия маркази" in centre["uz-cyrl"]
    # Kazakh and Karakalpak: the owner's full name (an initialism's ending is not guessed).
    assert "Біріккен Ұлттар Ұйымының өңірлік превентивтік дипломатия орталығы" in centre["kk"]
    assert "Бирлескен Миллетлер Шөлкеминиң Орайлық Азия ушын аймақлық превентив дипломатия орайы" in centre["kaa"]
    assert "ru" not in centre
    # No name for the owner: no calque; the lexicon's regions stand in for the gazetteer's places.
    assert _named("UN Regional Centre for Preventive Diplomacy", names={}) == {}
    assert "Markaziy Osiyo plyus formati" in _named("“Central Asia plus” format", names={})["uz-latn"]


def test_what_a_verbal_noun_acts_on_comes_first_in_the_accusative():
    fund = _named("International Fund for Saving the Aral Sea")
    assert "Orolni qutqarish xalqaro jamgʻarmasi" in fund["uz-latn"]
    assert "Оролни қутқариш халқаро жамғармаси" in fund["uz-cyrl"]
    assert fund["kk"] == {"Аралды құтқару халықаралық қоры"}
    assert fund["kaa"] == {"Аралды қутқарыў халықаралық қоры"}
    assert "ru" not in fund
    # A verbal noun with no place after it: nothing.
    assert _named("International Fund for Saving") == {}


def test_a_quoted_name_names_the_body_by_itself():
    plus = _named("“Central Asia plus” format")
    assert plus["uz-cyrl"] == {"Марказий Осиё плюс формати", "Марказий Осиё плюс"}
    assert plus["kaa"] == {"Орайлық Азия плюс форматы", "Орайлық Азия плюс"}
    # A body's name inside another's is not translated word by word.
    assert _named("“Business Council” format") == {}


def test_a_bilateral_intergovernmental_body_is_also_joint():
    commission = _names("Uzbek–Kazakh Intergovernmental Commission on bilateral cooperation", bilateral=True)
    assert "Еки тәреплеме бирге ислесиў бойынша ҳүкиметлераралық қоспа комиссия" in commission["kaa"]
    assert "Hukumatlararo qoʻshma komissiya" in commission["uz-latn"]
    assert "Совместная межправительственная комиссия" in commission["ru"]
    # Not a body of two governments: not "joint".
    assert not any("қоспа" in t for t in _names("Uzbek–Kazakh Business Council", bilateral=True).get("kaa", ()))


def test_a_place_named_by_its_kind_is_calqued_too():
    road = {lang: text for text, lang, _s, short in calques("Great Silk Road", STATES, False, "en", {}, place=True)}
    assert road == {"uz-latn": "Buyuk ipak yoʻli", "uz-cyrl": "Буюк ипак йўли", "kk": "Ұлы жібек жолы",
                    "kaa": "Уллы жипек жолы", "ru": "Великий шелковый путь"}
    # Not a place's kind, or not a place: nothing.
    assert calques("Central Asia", STATES, False, "en", {}, place=True) == []
    assert calques("Great Silk Road", STATES, False) == []


def test_a_compound_word_gives_two_letters_of_an_initialism():
    shorts = {(lang, short) for _t, lang, _s, short in calques("Eurasian Economic Union", STATES, False)}
    # Eurasian = Europe + Asia: ЕАЭС, ЕАЭО; Uzbek Yevro·osiyo with its Ye: YeOII, ЕОИИ.
    assert {("ru", "ЕАЭС"), ("kk", "ЕАЭО"), ("kaa", "ЕАЭА"), ("uz-latn", "YeOII"), ("uz-cyrl", "ЕОИИ")} <= shorts
    texts = {text for text, *_ in calques("Eurasian Economic Union", STATES, False)}
    assert "Евразийский экономический союз" in texts and not any("·" in t for t in texts)


@pytest.fixture(scope="module")
def named_gazetteer() -> Gazetteer:
    g = Gazetteer()
    for name, lang in (("Central Asia", "en"), ("Markaziy Osiyo", "uz-latn"), ("Марказий Осиё", "uz-cyrl"),
                       ("Орталық Азия", "kk"), ("Орайлық Азия", "kaa")):
        g.add(Label(ID + "place/central-asia", name, lang, "alt", "test", public=True))
    g.add(Label(ID + "organization/un", "United Nations", "en", "pref", "test"))
    g.add(Label(ID + "organization/un", "Birlashgan Millatlar Tashkiloti", "uz-latn", "alt", "test", public=True))
    g.add(Label(ID + "organization/un", "BMT", "uz-latn", "acronym", "test"))  # as a document's facts record it
    for iri, english in (("meetings", "Consultative Meetings of the Heads of State of Central Asia"),
                         ("centre", "UN Regional Centre for Preventive Diplomacy for Central Asia"),
                         ("plus", "“Central Asia plus” format"), ("eaeu", "Eurasian Economic Union"),
                         ("ifas", "International Fund for Saving the Aral Sea"),
                         ("igc", "Uzbek–Kazakh Intergovernmental Commission on bilateral cooperation")):
        g.add(Label(ID + f"organization/{iri}", english, "en", "pref", "test"))
    g.types[ID + "organization/igc"] = {ns.ITT + "BilateralBody"}
    g.add(Label(ID + "place/silk-road", "Great Silk Road", "en", "pref", "test"))
    derive_labels(g)
    return g


@pytest.mark.parametrize("text, expected", [
    ("Марказий Осиё давлатлари раҳбарларининг маслаҳат учрашувларида муҳим масалалар кўрилди.", "meetings"),
    ("Орайлық Азия мәмлекетлери басшыларының мәсләҳәт ушырасыўларында сөйледи.", "meetings"),
    ("Ол Орталық Азия мемлекеттері басшыларының консультативтік кездесулеріне қатысты.", "meetings"),
    ("Prezident Markaziy Osiyo davlatlari rahbarlarining ikkinchi maslahatlashuv uchrashuvida soʻzladi.",
     "meetings"),
    ("Delegatsiya BMTning mintaqaviy preventiv diplomatiya markazi bilan uchrashdi.", "centre"),
    ("Birlashgan Millatlar Tashkilotining mintaqaviy preventiv diplomatiya markaziga murojaat qilindi.", "centre"),
    ("Томонлар “Марказий Осиё плюс” форматидаги ҳамкорликни муҳокама қилди.", "plus"),
    ("Ўкиллер ЕАЕА ҳәм ШБШ жыйналысларында қатнасты.", "eaeu"),
    ("Ҳүкиметлераралық қоспа комиссияның мәжилиси болды.", "igc"),
    ("Заседание Совместной межправительственной комиссии прошло в Ташкенте.", "igc"),
    ("Делегации обсудили работу ЕАЭС.", "eaeu"),
    ("Туристлер Уллы жипек жолы бойлап саяхат етти.", "silk-road"),
    ("Ұлы Жібек жолы бойындағы қалалар туралы кітап шықты.", "silk-road"),
    ("Великий шелковый путь соединял города региона.", "silk-road"),
    ("Томонлар Оролни қутқариш халқаро жамғармаси доирасида ишламоқда.", "ifas"),
    ("Қазақстан Аралды құтқару халықаралық қорына төрағалық етті.", "ifas"),
])
def test_names_holding_places_are_found(named_gazetteer, text, expected):
    assert expected in [iri for _, iri in _linked(text, named_gazetteer)]


@pytest.mark.parametrize("text", [
    "Марказий Осиё давлатлари раҳбарлари Тошкентда учрашди.",  # the heads met: not the mechanism
    "BMTning mintaqaviy markazi ochildi.",  # a regional centre, not which one
    "Еки мәмлекет қоспа кәрхана дүзди.",  # a joint venture, not the joint commission
    "Орайлық Азия мәмлекетлери басшылары сөйледи.",
    "Vazirlarning birinchi maslahat uchrashuvi boʻldi.",  # a first consultative meeting, of others
    "Совместная комиссия по культуре собралась.",  # a joint commission, not the intergovernmental one
    "Жипек жолы бойынша көрме ашылды.",  # a silk road, not the Great Silk Road
    "Orolni qutqarish muhim vazifa boʻlib qolmoqda.",  # saving the Aral, not the fund
])
def test_names_holding_places_near_misses(named_gazetteer, text):
    found = {iri for _, iri in _linked(text, named_gazetteer)}
    assert not {"meetings", "centre", "plus", "eaeu", "igc", "silk-road", "ifas"} & found
