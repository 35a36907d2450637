"""The institutional vocabulary :mod:`.calque` translates names of organisations with.

Written from general knowledge of the languages (the words Uzbek, Kazakh, Karakalpak and
Russian use in the names of their own and international institutions), not from the corpus.

Each English word (or fixed group of words) gives, per language, a part of speech and forms:

- ``"n:base/possessive"`` a noun: its bare form and its form with the 3rd-person possessive
  (izafet) ending it takes as the head of a compound ("tashkilot/tashkiloti"); a noun that is
  never a head may omit the second form ("n:Islom");
- ``"a:form"`` an adjective: it never makes the head take the possessive;
- ``"p:form"`` the name of a place: a noun before a head, or the place a body serves ("for …");
- ``"g:form"`` a verbal noun, which takes a place as its object ("saving the Aral Sea");
- Russian nouns are ``"n:nominative/genitive/gender"`` (gender m, f, n or pl) and Russian
  adjectives ``"a:masculine nominative"`` (the other forms follow the regular declension),
  with е for ё as running text writes it (the folded forms of е and ё differ);
- ``"|"`` separates variant spellings of one language (the first is the usual one);
- ``"_"`` joins the words of one unit that an initialism writes by one letter: Karakalpak
  "бирге_ислесиў" (cooperation) is the Б of ШБШ; ``"·"`` splits a compound word that an
  initialism writes by two letters: "евр·азийский" (Europe + Asia) is the ЕА of ЕАЭС.

``uz`` is Uzbek in Latin letters; its Cyrillic form is made by the project's rule
(:mod:`ittifoq.text.uzbek_cyrillic`) unless ``uz-Cyrl`` gives one (Russian loans keep their
Russian spelling in Cyrillic: konferensiya, конференция). A language missing from an entry
means: no calque in that language for a name holding the word.
"""

from __future__ import annotations

LANGUAGES = ("uz", "kk", "kaa", "ru")

WORDS: dict[str, dict[str, str]] = {
    # --- heads: kinds of institution
    "organisation": {"uz": "n:tashkilot/tashkiloti", "kk": "n:ұйым/ұйымы", "kaa": "n:шөлкем/шөлкеми",
                     "ru": "n:организация/организации/f"},
    "organization": {"uz": "n:tashkilot/tashkiloti", "kk": "n:ұйым/ұйымы", "kaa": "n:шөлкем/шөлкеми",
                     "ru": "n:организация/организации/f"},
    "union": {"uz": "n:ittifoq/ittifoqi", "kk": "n:одақ/одағы", "kaa": "n:аўқам/аўқамы", "ru": "n:союз/союза/m"},
    "council": {"uz": "n:kengash/kengashi", "kk": "n:кеңес/кеңесі", "kaa": "n:кеңес/кеңеси", "ru": "n:совет/совета/m"},
    "commission": {"uz": "n:komissiya/komissiyasi", "kk": "n:комиссия/комиссиясы", "kaa": "n:комиссия/комиссиясы",
                   "ru": "n:комиссия/комиссии/f"},
    "committee": {"uz": "n:qoʻmita/qoʻmitasi", "kk": "n:комитет/комитеті", "kaa": "n:комитет/комитети",
                  "ru": "n:комитет/комитета/m"},
    "assembly": {"uz": "n:assambleya/assambleyasi", "kk": "n:ассамблея/ассамблеясы", "kaa": "n:ассамблея/ассамблеясы",
                 "ru": "n:ассамблея/ассамблеи/f"},
    "conference": {"uz": "n:konferensiya/konferensiyasi", "uz-Cyrl": "n:конференция/конференцияси",
                   "kk": "n:конференция/конференциясы", "kaa": "n:конференция/конференциясы",
                   "ru": "n:конференция/конференции/f"},
    "fund": {"uz": "n:jamgʻarma/jamgʻarmasi|fond/fondi", "kk": "n:қор/қоры", "kaa": "n:қор/қоры",
             "ru": "n:фонд/фонда/m"},
    "bank": {"uz": "n:bank/banki", "kk": "n:банк/банкі", "kaa": "n:банк/банки", "ru": "n:банк/банка/m"},
    "centre": {"uz": "n:markaz/markazi", "kk": "n:орталық/орталығы", "kaa": "n:орай/орайы", "ru": "n:центр/центра/m"},
    "center": {"uz": "n:markaz/markazi", "kk": "n:орталық/орталығы", "kaa": "n:орай/орайы", "ru": "n:центр/центра/m"},
    "forum": {"uz": "n:forum/forumi", "kk": "n:форум/форумы", "kaa": "n:форум/форумы", "ru": "n:форум/форума/m"},
    "commonwealth": {"uz": "n:hamdoʻstlik/hamdoʻstligi", "kk": "n:достастық/достастығы",
                     "kaa": "n:Дослық Аўқам/Дослық Аўқамы", "ru": "n:содружество/содружества/n"},
    "community": {"uz": "n:hamjamiyat/hamjamiyati", "kk": "n:қоғамдастық/қоғамдастығы",
                  "kaa": "n:жәмийет/жәмийети", "ru": "n:сообщество/сообщества/n"},
    "association": {"uz": "n:assotsiatsiya/assotsiatsiyasi|uyushma/uyushmasi", "uz-Cyrl": "n:ассоциация/ассоциацияси",
                    "kk": "n:қауымдастық/қауымдастығы", "kaa": "n:ассоциация/ассоциациясы",
                    "ru": "n:ассоциация/ассоциации/f"},
    "agency": {"uz": "n:agentlik/agentligi", "kk": "n:агенттік/агенттігі", "kaa": "n:агентлик/агентлиги",
               "ru": "n:агентство/агентства/n"},
    "institute": {"uz": "n:institut/instituti", "kk": "n:институт/институты", "kaa": "n:институт/институты",
                  "ru": "n:институт/института/m"},
    "university": {"uz": "n:universitet/universiteti", "kk": "n:университет/университеті",
                   "kaa": "n:университет/университети", "ru": "n:университет/университета/m"},
    "secretariat": {"uz": "n:kotibiyat/kotibiyati", "kk": "n:хатшылық/хатшылығы", "kaa": "n:хаткерлик/хаткерлиги",
                    "ru": "n:секретариат/секретариата/m"},
    "chamber": {"uz": "n:palata/palatasi", "kk": "n:палата/палатасы", "kaa": "n:палата/палатасы",
                "ru": "n:палата/палаты/f"},
    "parliament": {"uz": "n:parlament/parlamenti", "kk": "n:парламент/парламенті", "kaa": "n:парламент/парламенти",
                   "ru": "n:парламент/парламента/m"},
    "ministry": {"uz": "n:vazirlik/vazirligi", "kk": "n:министрлік/министрлігі", "kaa": "n:министрлик/министрлиги",
                 "ru": "n:министерство/министерства/n"},
    "working group": {"uz": "n:ishchi guruh/ishchi guruhi", "uz-Cyrl": "n:ишчи гуруҳ/ишчи гуруҳи",
                      "kk": "n:жұмыс тобы/жұмыс тобы", "kaa": "n:жумысшы топар/жумысшы топары",
                      "ru": "n:рабочая группа/рабочей группы/f"},
    "group": {"uz": "n:guruh/guruhi", "kk": "n:топ/тобы", "kaa": "n:топар/топары", "ru": "n:группа/группы/f"},
    "summit": {"uz": "n:sammit/sammiti", "kk": "n:саммит/саммиті", "kaa": "n:саммит/саммити",
               "ru": "n:саммит/саммита/m"},
    "meeting": {"uz": "n:uchrashuv/uchrashuvi", "kk": "n:кездесу/кездесуі", "kaa": "n:ушырасыў/ушырасыўы",
                "ru": "n:встреча/встречи/f"},
    "board": {"uz": "n:boshqarma/boshqarmasi", "kk": "n:басқарма/басқармасы", "kaa": "n:басқарма/басқармасы",
              "ru": "n:управление/управления/n"},
    "administration": {"uz": "n:boshqarma/boshqarmasi", "kk": "n:басқарма/басқармасы", "kaa": "n:басқарма/басқармасы",
                       "ru": "n:управление/управления/n"},
    "company": {"uz": "n:kompaniya/kompaniyasi", "uz-Cyrl": "n:компания/компанияси", "kk": "n:компания/компаниясы",
                "kaa": "n:компания/компаниясы", "ru": "n:компания/компании/f"},
    "movement": {"uz": "n:harakat/harakati", "kk": "n:қозғалыс/қозғалысы", "kaa": "n:ҳәрекет/ҳәрекети",
                 "ru": "n:движение/движения/n"},
    "format": {"uz": "n:format/formati", "kk": "n:формат/форматы", "kaa": "n:формат/форматы",
               "ru": "n:формат/формата/m"},
    "platform": {"uz": "n:platforma/platformasi", "kk": "n:алаң/алаңы", "kaa": "n:платформа/платформасы",
                 "ru": "n:платформа/платформы/f"},
    # --- heads: kinds of place named by description ("Great Silk Road")
    "road": {"uz": "n:yoʻl/yoʻli", "uz-Cyrl": "n:йўл/йўли", "kk": "n:жол/жолы", "kaa": "n:жол/жолы",
             "ru": "n:путь/пути/m"},
    "railway": {"uz": "n:temir yoʻl/temir yoʻli", "uz-Cyrl": "n:темир йўл/темир йўли", "kk": "n:теміржол/теміржолы",
                "kaa": "n:темир жол/темир жолы",
                "ru": "n:железная дорога/железной дороги/f"},
    # --- nouns that name what an institution is about (modifiers of the head)
    "cooperation": {"uz": "n:hamkorlik/hamkorligi", "kk": "n:ынтымақтастық/ынтымақтастығы",
                    "kaa": "n:бирге_ислесиў/бирге_ислесиўи", "ru": "n:сотрудничество/сотрудничества/n"},
    "co-operation": {"uz": "n:hamkorlik/hamkorligi", "kk": "n:ынтымақтастық/ынтымақтастығы",
                     "kaa": "n:бирге_ислесиў/бирге_ислесиўи", "ru": "n:сотрудничество/сотрудничества/n"},
    "partnership": {"uz": "n:sheriklik/sherikligi", "kk": "n:әріптестік/әріптестігі", "kaa": "n:шериклик/шериклиги",
                    "ru": "n:партнерство/партнерства/n"},
    "friendship": {"uz": "n:doʻstlik/doʻstligi", "kk": "n:достық/достығы", "kaa": "n:дослық/дослығы",
                   "ru": "n:дружба/дружбы/f"},
    "security": {"uz": "n:xavfsizlik/xavfsizligi", "kk": "n:қауіпсіздік/қауіпсіздігі",
                 "kaa": "n:қәўипсизлик/қәўипсизлиги",
                 "ru": "n:безопасность/безопасности/f"},
    "development": {"uz": "n:taraqqiyot/taraqqiyoti", "kk": "n:даму/дамуы", "kaa": "n:раўажланыў/раўажланыўы",
                    "ru": "n:развитие/развития/n"},
    "trade": {"uz": "n:savdo/savdosi", "kk": "n:сауда/саудасы", "kaa": "n:саўда/саўдасы",
              "ru": "n:торговля/торговли/f"},
    "investment": {"uz": "n:investitsiya/investitsiyasi", "uz-Cyrl": "n:инвестиция/инвестицияси",
                   "kk": "n:инвестиция/инвестициясы", "kaa": "n:инвестиция/инвестициясы",
                   "ru": "n:инвестиции/инвестиций/pl"},
    "business": {"uz": "n:ishbilarmonlar", "kk": "a:іскерлік", "kaa": "n:исбилерменлер", "ru": "a:деловой"},
    "states": {"uz": "n:davlatlar/davlatlari", "kk": "n:мемлекеттер/мемлекеттері", "kaa": "n:мәмлекетлер/мәмлекетлери",
               "ru": "n:государства/государств/pl"},
    "nations": {"uz": "n:millatlar/millatlari", "kk": "n:ұлттар/ұлттары", "kaa": "n:миллетлер/миллетлери",
                "ru": "n:нации/наций/pl"},
    "regions": {"uz": "n:hududlar/hududlari", "kk": "n:өңірлер/өңірлері", "kaa": "n:аймақлар/аймақлары",
                "ru": "n:регионы/регионов/pl"},
    "muslims": {"uz": "n:musulmonlar/musulmonlari", "kk": "n:мұсылмандар/мұсылмандары",
                "kaa": "n:мусылманлар/мусылманлары", "ru": "n:мусульмане/мусульман/pl"},
    "youth": {"uz": "n:yoshlar/yoshlari", "kk": "n:жастар/жастары", "kaa": "n:жаслар/жаслары",
              "ru": "n:молодежь/молодежи/f"},
    "culture": {"uz": "n:madaniyat/madaniyati", "kk": "n:мәдениет/мәдениеті", "kaa": "n:мәденият/мәденияты",
                "ru": "n:культура/культуры/f"},
    "energy": {"uz": "n:energetika/energetikasi", "kk": "n:энергетика/энергетикасы", "kaa": "n:энергетика/энергетикасы",
               "ru": "n:энергетика/энергетики/f"},
    "transport": {"uz": "n:transport/transporti", "kk": "n:көлік/көлігі", "kaa": "n:транспорт/транспорты",
                  "ru": "n:транспорт/транспорта/m"},
    "industry": {"uz": "n:sanoat/sanoati", "kk": "n:өнеркәсіп/өнеркәсібі", "kaa": "n:санаат/санааты",
                 "ru": "n:промышленность/промышленности/f"},
    "foreign trade": {"uz": "n:tashqi savdo", "kk": "n:сыртқы сауда", "kaa": "n:сыртқы саўда",
                      "ru": "a:внешнеторговый"},
    "foreign affairs": {"uz": "n:tashqi ishlar", "kk": "n:сыртқы істер", "kaa": "n:сыртқы ислер",
                        "ru": "n:иностранные дела/иностранных дел/pl"},
    "diplomacy": {"uz": "n:diplomatiya/diplomatiyasi", "uz-Cyrl": "n:дипломатия/дипломатияси",
                  "kk": "n:дипломатия/дипломатиясы", "kaa": "n:дипломатия/дипломатиясы",
                  "ru": "n:дипломатия/дипломатии/f"},
    "state": {"uz": "n:davlat/davlati", "kk": "n:мемлекет/мемлекеті", "kaa": "n:мәмлекет/мәмлекети",
              "ru": "n:государство/государства/n"},
    "head": {"uz": "n:rahbar/rahbari", "kk": "n:басшы/басшысы", "kaa": "n:басшы/басшысы",
             "ru": "n:глава/главы/f"},
    # "X plus": a format of X with partners outside it ("Central Asia plus")
    "plus": {"uz": "n:plyus", "uz-Cyrl": "n:плюс", "kk": "n:плюс", "kaa": "n:плюс"},
    "silk": {"uz": "n:ipak", "kk": "n:жібек", "kaa": "n:жипек", "ru": "a:шелковый"},
    "information": {"uz": "n:axborot/axboroti", "kk": "n:ақпарат/ақпараты", "kaa": "n:мағлыўмат/мағлыўматы",
                    "ru": "n:информация/информации/f"},
    # --- proper names used as modifiers (a noun in the Turkic languages, often an adjective in Russian)
    "islamic": {"uz": "n:Islom", "kk": "n:Ислам", "kaa": "n:Ислам", "ru": "a:исламский"},
    "shanghai": {"uz": "n:Shanxay", "kk": "n:Шанхай", "kaa": "n:Шанхай", "ru": "a:шанхайский"},
    "eurasian": {"uz": "n:Yevro·osiyo|Yevraziya", "kk": "a:Еур·азиялық",
                 "kaa": "n:Евр·азия", "ru": "a:евр·азийский"},
    "european": {"uz": "n:Yevropa", "kk": "a:Еуропалық", "kaa": "n:Европа", "ru": "a:европейский"},
    "asian": {"uz": "n:Osiyo", "kk": "a:Азиялық", "kaa": "n:Азия", "ru": "a:азиатский"},
    "turkic": {"uz": "a:turkiy", "kk": "n:Түркі", "kaa": "a:түркий", "ru": "a:тюркский"},
    "central asian": {"uz": "n:Markaziy Osiyo", "kk": "n:Орталық Азия", "kaa": "n:Орайлық Азия",
                      "ru": "a:центральноазиатский"},
    # --- places in the names of bodies ("… for Central Asia"); the gazetteer's names of a place
    # come first (:func:`ittifoq.grow.calque.names_in`), these where it has none in English
    "central asia": {"uz": "p:Markaziy Osiyo", "kk": "p:Орталық Азия", "kaa": "p:Орайлық Азия",
                     "ru": "p:Центральная Азия"},
    # The Aral Sea is called by its name alone in the names of bodies ("Orolni qutqarish", "спасения Арала").
    "aral sea": {"uz": "p:Orol", "kk": "p:Арал", "kaa": "p:Арал", "ru": "p:Арал"},
    "asia": {"uz": "p:Osiyo", "kk": "p:Азия", "kaa": "p:Азия", "ru": "p:Азия"},
    "europe": {"uz": "p:Yevropa", "kk": "p:Еуропа", "kaa": "p:Европа", "ru": "p:Европа"},
    # --- verbal nouns, after the place they act on in the accusative ("Orolni qutqarish")
    "saving": {"uz": "g:qutqarish", "kk": "g:құтқару", "kaa": "g:қутқарыў"},
    # --- adjectives
    "independent": {"uz": "a:mustaqil", "kk": "a:тәуелсіз", "kaa": "a:ғәрезсиз", "ru": "a:независимый"},
    "united": {"uz": "a:birlashgan", "kk": "a:біріккен", "kaa": "a:бирлескен", "ru": "a:объединенный"},
    "economic": {"uz": "a:iqtisodiy", "kk": "a:экономикалық", "kaa": "a:экономикалық", "ru": "a:экономический"},
    "international": {"uz": "a:xalqaro", "kk": "a:халықаралық", "kaa": "a:халықаралық", "ru": "a:международный"},
    "intergovernmental": {"uz": "a:hukumatlararo", "kk": "a:үкіметаралық", "kaa": "a:ҳүкиметлераралық",
                          "ru": "a:межправительственный"},
    "interparliamentary": {"uz": "a:parlamentlararo", "kk": "a:парламентаралық", "kaa": "a:парламентлераралық",
                           "ru": "a:межпарламентский"},
    "inter-parliamentary": {"uz": "a:parlamentlararo", "kk": "a:парламентаралық", "kaa": "a:парламентлераралық",
                            "ru": "a:межпарламентский"},
    "interstate": {"uz": "a:davlatlararo", "kk": "a:мемлекетаралық", "kaa": "a:мәмлекетлераралық",
                   "ru": "a:межгосударственный"},
    "inter-state": {"uz": "a:davlatlararo", "kk": "a:мемлекетаралық", "kaa": "a:мәмлекетлераралық",
                    "ru": "a:межгосударственный"},
    "interregional": {"uz": "a:hududlararo", "kk": "a:өңіраралық", "kaa": "a:аймақлараралық",
                      "ru": "a:межрегиональный"},
    "preventive": {"uz": "a:preventiv", "kk": "a:превентивтік", "kaa": "a:превентив", "ru": "a:превентивный"},
    "great": {"uz": "a:buyuk", "kk": "a:ұлы", "kaa": "a:уллы", "ru": "a:великий"},
    "supreme": {"uz": "a:oliy", "kk": "a:жоғары", "kaa": "a:жоқарғы", "ru": "a:высший"},
    "joint": {"uz": "a:qoʻshma", "kk": "a:бірлескен", "kaa": "a:қоспа", "ru": "a:совместный"},
    "regional": {"uz": "a:mintaqaviy", "kk": "a:өңірлік", "kaa": "a:аймақлық", "ru": "a:региональный"},
    "parliamentary": {"uz": "n:parlament", "kk": "a:парламенттік", "kaa": "a:парламентлик", "ru": "a:парламентский"},
    "legislative": {"uz": "n:qonunchilik", "kk": "a:заң шығарушы", "kaa": "n:нызамшылық", "ru": "a:законодательный"},
    "consultative": {"uz": "n:maslahat|maslahatlashuv", "kk": "a:консультативтік", "kaa": "n:мәсләҳәт",
                     "ru": "a:консультативный"},
    "bilateral": {"uz": "a:ikki tomonlama", "kk": "a:екіжақты", "kaa": "a:еки тәреплеме", "ru": "a:двусторонний"},
    "multilateral": {"uz": "a:koʻp tomonlama", "kk": "a:көпжақты", "kaa": "a:көп тәреплеме", "ru": "a:многосторонний"},
    "industrial": {"uz": "n:sanoat", "kk": "a:өнеркәсіптік", "kaa": "n:санаат", "ru": "a:промышленный"},
    "spiritual": {"uz": "a:diniy", "kk": "a:діни", "kaa": "a:диний", "ru": "a:духовный"},
    "national": {"uz": "a:milliy", "kk": "a:ұлттық", "kaa": "a:миллий", "ru": "a:национальный"},
    "permanent": {"uz": "a:doimiy", "kk": "a:тұрақты", "kaa": "a:турақлы", "ru": "a:постоянный"},
    "executive": {"uz": "a:ijroiya", "kk": "a:атқарушы", "kaa": "a:атқарыўшы", "ru": "a:исполнительный"},
    "general": {"uz": "a:bosh", "kk": "a:бас", "kaa": "a:бас", "ru": "a:генеральный"},
}

# The words a calqued name may end with: kinds of institution. A name whose last word is
# another ("United Nations") is a proper name, not a description, and is not calqued.
INSTITUTIONS = {
    "organisation", "organization", "union", "council", "commission", "committee", "assembly", "conference",
    "fund", "bank", "centre", "center", "forum", "commonwealth", "community", "association", "agency",
    "institute", "university", "secretariat", "chamber", "parliament", "ministry", "working group", "group",
    "summit", "board", "administration", "company", "movement", "platform", "meeting", "format",
}

# The words a calqued place name may end with (places are calqued only when named by their kind).
PLACE_KINDS = {"road", "railway"}

# A body whose plural name is a series of meetings ("Consultative Meetings"): one of them is
# named in the singular, often with its ordinal before its modifiers ("… rahbarlarining birinchi
# maslahat uchrashuvi", "… басшыларының екінші консультативтік кездесуі").
SERIES_KINDS = {"meeting", "summit", "session", "conference", "forum"}
ORDINALS = {
    "uz": ("birinchi", "ikkinchi", "uchinchi", "toʻrtinchi", "beshinchi", "oltinchi", "yettinchi", "sakkizinchi",
           "toʻqqizinchi", "oʻninchi"),
    "kk": ("бірінші", "екінші", "үшінші", "төртінші", "бесінші", "алтыншы", "жетінші", "сегізінші", "тоғызыншы",
           "оныншы"),
    "kaa": ("биринши", "екинши", "үшинши", "төртинши", "бесинши", "алтыншы", "жетинши", "сегизинши", "тоғызыншы",
            "оныншы"),
}

# The adjectives that say between whom a bilateral body works: such a body is also called by
# this word and its head alone ("Supreme Interstate Council" → "Interstate Council").
RELATIONAL = {"intergovernmental", "interparliamentary", "inter-parliamentary", "interstate", "inter-state",
              "interregional"}

# The kinds of bilateral body that are also called "joint" (with a relation word: "Intergovernmental").
JOINT_KINDS = {"commission", "committee", "working group"}

# "on X" after a name: the complement precedes it, with the postposition "about, on".
ON = {"uz": "boʻyicha", "kk": "бойынша", "kaa": "бойынша"}
# "for X" (a place a body serves): the postposition after X.
FOR = {"uz": "uchun", "kk": "үшін", "kaa": "ушын"}
# "with X": the postposition after X (Kazakh writes a case ending instead: no calque there yet).
WITH = {"uz": "bilan", "kaa": "менен"}
# "X and Y" between the parties of a bilateral body.
AND = {"uz": "va", "kk": "және", "kaa": "ҳәм", "ru": "и"}

# The states a bilateral body's name may give as its parties, by English name or adjective
# (ISO 3166-1 codes: the graph's state IRIs end with them).
STATES = {
    "uzbekistan": "UZ", "uzbek": "UZ", "kazakhstan": "KZ", "kazakh": "KZ", "kyrgyzstan": "KG", "kyrgyz": "KG",
    "tajikistan": "TJ", "tajik": "TJ", "turkmenistan": "TM", "turkmen": "TM", "russia": "RU", "russian": "RU",
    "china": "CN", "chinese": "CN", "afghanistan": "AF", "afghan": "AF", "azerbaijan": "AZ", "azerbaijani": "AZ",
}
