"""Word lists for the fictional demo cases (`cases.demo`). Dutch, because it is what users read.

Every name is made up from common first names and plausible surnames; no person from the source
documents appears here.
"""

from .constants import (
    ArrangementKind,
    DevelopmentForm,
    GoalDomain,
    KnelpuntCategory,
    OutcomePerspective,
    TimelineType,
)

YOUTH_FIRST_NAMES = (
    "Sem", "Lucas", "Finn", "Levi", "Milan", "Jesse", "Noah", "Mees", "Luuk", "Thijs", "Siem",
    "Julian", "Stijn", "Gijs", "Floris", "Jens", "Olivier", "Jasper", "Niels", "Hugo", "Boaz",
    "Mats", "Owen", "Dex", "Ravi", "Yusuf", "Ilias", "Adam", "Rayan", "Guus", "Emma", "Julia",
    "Mila", "Sophie", "Tess", "Zoë", "Sara", "Evi", "Anna", "Nina", "Lieke", "Isa", "Saar",
    "Fleur", "Roos", "Fenna", "Yara", "Lina", "Amira", "Hanna", "Jasmijn", "Maud", "Liv", "Nora",
    "Elin", "Vera", "Nova", "Ivy", "Esmee", "Merel",
)  # fmt: skip

ADULT_FIRST_NAMES = (
    "Marieke", "Ingrid", "Hanneke", "Esther", "Petra", "Anouk", "Linda", "Mirjam", "Judith",
    "Yvonne", "Monique", "Karin", "Hatice", "Fatima", "Nadia", "Samira", "Wendy", "Chantal",
    "Jeroen", "Mark", "Erik", "Martijn", "Sander", "Dennis", "Joost", "Pieter", "Hans", "Rob",
    "Frank", "Arjen", "Gerrit", "Ahmed", "Mustafa", "Remco", "Bas", "Henk",
)  # fmt: skip

LAST_NAMES = (
    "de Jong", "de Boer", "van Dijk", "Mulder", "Bos", "Vos", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs",
    "de Haan", "Vermeulen", "van den Berg", "van der Heijden", "Schouten", "van Beek", "Willems",
    "van Vliet", "Hoekstra", "Maas", "Verhoeven", "Koster", "Prins", "Blom", "Huisman", "Kuipers",
    "van Wijk", "Postma", "Kramer", "Timmermans", "Veenstra", "Kamphuis", "Haverkamp", "Bulthuis",
    "Nijboer", "Zwiers", "Boerema", "Lubbers", "Hofstede", "El Amrani", "Yilmaz", "Bouzid",
    "Demir", "Pinas", "Sahin", "Wolters", "Oosting", "Meijering",
)  # fmt: skip

PO_SCHOOLS = (
    "OBS De Vlinder", "CBS De Zonnewijzer", "Basisschool Het Kompas", "SBO De Wegwijzer",
    "OBS De Springplank", "CBS De Fontein", "Basisschool De Horizon", "SO De Boomgaard",
)  # fmt: skip
VO_SCHOOLS = (
    "Scholengemeenschap De Brug", "Noorderlicht College", "Lyceum aan de Vaart", "Vakcollege Oost",
    "VSO De Ruimte", "Praktijkschool De Stap", "Groen College Het Veld", "Mavo De Linde",
)  # fmt: skip
CARE_PARTNERS = (
    "Jeugdhulp Samen Verder", "Zorgboerderij De Klimop", "Stichting Kind en Gezin",
    "Dagbehandeling Het Anker", "Jeugd-GGZ De Overstap", "Sociaal Team", "Centrum voor Jeugd en Gezin",
)  # fmt: skip
RELEVANT_OTHERS = (
    ("oma", "grootmoeder"), ("opa", "grootvader"), ("voetbaltrainer", "sportclub"),
    ("buurvrouw", "buurt"), ("tante", "familie"), ("muziekdocent", "muziekschool"),
)  # fmt: skip

TIMELINE_TEXTS: dict[str, tuple[str, ...]] = {
    TimelineType.MIJLPAAL: (
        "Eerste melding bij leerplicht",
        "Vrijstelling 5 onder a verleend",
        "Uitgeschreven bij de school van herkomst",
        "Aangemeld als projectcasus",
    ),
    TimelineType.ACTIE: (
        "Dossier opgevraagd bij de jeugdhulp",
        "Huisbezoek door leerplicht",
        "Contact gezocht met de school van herkomst",
        "Proefplaatsing aangevraagd bij het samenwerkingsverband",
    ),
    TimelineType.BESLUIT: (
        "Besluit om de situatie opnieuw te bekijken in een moreel beraad",
        "Besluit tot onderzoek naar onderwijs op afstand",
        "Toelaatbaarheidsverklaring afgegeven",
    ),
    TimelineType.CONTACT: (
        "Telefonisch contact met de ouders",
        "Overleg met de intern begeleider",
        "Gesprek met de zorgaanbieder",
        "Afstemming met het sociaal team",
    ),
}
TIMELINE_RESULTS = (
    "Ouders staan open voor een nieuw gesprek.",
    "Informatie is aangevuld in het dossier.",
    "Geen reactie; opnieuw proberen.",
    "Afspraak gemaakt voor een vervolg.",
    "",
)

DEVELOPMENT_TEXTS: dict[str, str] = {
    DevelopmentForm.ZORG_DAGBEHANDELING: "Gaat drie dagdelen per week naar dagbehandeling en rekent daar.",
    DevelopmentForm.ZORGBOERDERIJ: "Werkt twee ochtenden per week op een zorgboerderij met de dieren.",
    DevelopmentForm.THUIS_OUDERS: "Leest thuis elke dag met een moeder die een eigen methode heeft gekozen.",
    DevelopmentForm.STAGE_WERK: "Helpt mee in het bedrijf van een oom en leert daar plannen en rekenen.",
    DevelopmentForm.AFSTANDSONDERWIJS: "Volgt online lessen Engels en wiskunde met een vaste begeleider.",
    DevelopmentForm.PARTICULIER_ONDERWIJS: "Krijgt les in een kleine groep op een particuliere school.",
    DevelopmentForm.OVERIG: "Zit op muziekles en treedt op met het jeugdorkest.",
}

MOVEMENTS = (
    ("Weer contact met de school van herkomst.", "Vast aanspreekpunt bij leerplicht."),
    ("Proefplaatsing van twee ochtenden per week.", "Flexibele onderwijstijd via de Variawet."),
    ("Ouders staan open voor een gesprek met het samenwerkingsverband.", "Gesprek zonder oordeel."),
    ("Start met wendagdelen op een nieuwe school.", "Een buitenstaander met een frisse blik."),
    ("De jeugdige wil zelf weer leren.", "De jeugdige mocht zelf meedenken over de aanpak."),
)

KNELPUNT_TEXTS: dict[str, str] = {
    KnelpuntCategory.TOELATING: "School vraagt een diagnose als voorwaarde voor toelating.",
    KnelpuntCategory.SCHOOLSOORT: "Geen schoolsoort in de regio die onderwijs en zorg combineert.",
    KnelpuntCategory.INDICATIE: "De indicaties voor zorg en onderwijs sluiten niet op elkaar aan.",
    KnelpuntCategory.TLV: "De toelaatbaarheidsverklaring laat maanden op zich wachten.",
    KnelpuntCategory.TOETS_EXAMEN: "Het examen kan alleen in een volle examenzaal worden afgelegd.",
    KnelpuntCategory.FINANCIERING: "Onduidelijk wie de combinatie van onderwijs en zorg betaalt.",
    KnelpuntCategory.VERANTWOORDING: "Leertijd buiten de school telt niet mee in de verantwoording.",
    KnelpuntCategory.BRIN: "Leren op de zorglocatie valt onder geen enkel brin-nummer.",
    KnelpuntCategory.ONDERWIJSTIJD: "De Variawet vraagt 50% onderwijstijd in de school; dat is nu te veel.",
    KnelpuntCategory.VARIAWET_TERMIJN: "De termijn van twee jaar om terug te keren is voor dit kind te kort.",
    KnelpuntCategory.BEVOEGDHEDEN: "De begeleider op de zorglocatie is niet bevoegd om les te geven.",
    KnelpuntCategory.LEERPLICHT: "De vrijstelling loopt door zonder dat iemand naar ontwikkeling kijkt.",
    KnelpuntCategory.WACHTLIJST: "Wachtlijst van meer dan een half jaar voor dagbehandeling.",
    KnelpuntCategory.SAMENWERKING: "Afspraken tussen gemeente en samenwerkingsverband zijn niet vastgelegd.",
    KnelpuntCategory.OVERIG: "Het vervoer naar de onderwijslocatie is niet geregeld.",
}
KNELPUNT_ADDRESSEES = (
    "Bestuur samenwerkingsverband",
    "Wethouder onderwijs",
    "Inspectie van het Onderwijs",
    "Landelijk projectbureau",
    "OOGO gemeente en samenwerkingsverband",
)

ACTIONS = (
    "Verslag van het oudergesprek delen met de ouders",
    "Indicatie opvragen bij het samenwerkingsverband",
    "Tijdlijn aanvullen met de contacten met school",
    "Kennismaking plannen met de zorgboerderij",
    "Uitnodigingen voor het moreel beraad versturen",
    "Mogelijkheden van de Variawet uitzoeken",
    "Terugkoppeling aan de ouders na het beraad",
    "Vervoer naar de proefplaats regelen",
)
ACTION_ORIGINS = ("Oudergesprek", "Moreel beraad", "Casusgesprek", "")

GOALS: dict[str, tuple[str, ...]] = {
    GoalDomain.ONDERWIJS: (
        "Twee ochtenden per week les op de nieuwe school",
        "Rekenen op het eigen niveau oppakken met een vaste begeleider",
        "Wendagdelen op een school voor speciaal onderwijs",
        "Een certificaat halen via een praktijkgerichte cursus",
    ),
    GoalDomain.ZORG: (
        "Een vaste dagstructuur met begeleiding thuis",
        "Wekelijkse begeleiding door het sociaal team",
        "Opvoedondersteuning voor de ouders",
        "Behandeling afstemmen op de schooltijden",
    ),
}
PLAN_TEXTS = {
    "education": "Stapsgewijs opbouwen van onderwijstijd, te beginnen op een plek die veilig voelt.",
    "home": "Ouders krijgen een vast aanspreekpunt en ondersteuning bij de dagstructuur.",
    "leisure": "Sport of muziek op vaste momenten in de week, samen met leeftijdsgenoten.",
}

ARRANGEMENT_TEXTS: dict[str, str] = {
    ArrangementKind.OZA: "Onderwijs-zorgarrangement op de locatie van de zorgaanbieder.",
    ArrangementKind.VARIAWET: "Afwijking van de onderwijstijd aangevraagd bij de inspectie.",
    ArrangementKind.ANDERE_LOCATIE: "Onderwijs op afstand met wekelijks contact met de school.",
    ArrangementKind.PARTICULIER: "Plaatsing op een particuliere school, bekostigd door het SWV.",
    ArrangementKind.STAGE_WERK: "Leerwerkplek bij een bedrijf in de buurt.",
    ArrangementKind.CERTIFICAAT: "Certificaatcursus betaald uit het frictiebudget van de actietafel.",
}

OUTCOME_TEXTS: dict[str, tuple[str, ...]] = {
    OutcomePerspective.OUDER: (
        "Ons kind zit weer lekker in zijn vel en we hebben weer contact met school.",
        "We voelden ons eindelijk gehoord.",
    ),
    OutcomePerspective.JEUGDIGE: (
        "Ik vind het fijn dat ik zelf mocht zeggen wat ik wilde.",
        "Het gaat beter nu ik maar een paar uur per dag leer.",
    ),
    OutcomePerspective.PROFESSIONAL: (
        "Door samen aan tafel te zitten kwam er beweging in een vastgelopen situatie.",
        "De afspraken zijn duurzaam; de school en de zorgaanbieder blijven betrokken.",
    ),
}

YOUTH_WISHES = (
    "Wil later met dieren werken.",
    "Wil graag weer samen met leeftijdsgenoten leren.",
    "Wil monteur worden, net als een oom.",
    "Wil iets met muziek doen.",
    "Wil eerst rust en dan pas een nieuwe school.",
)
YOUTH_IDEAS = (
    "Leren gaat beter in een klein groepje.",
    "Beginnen met een paar uur per week en dan opbouwen.",
    "Leren door te doen, met de handen.",
    "Een vaste begeleider die er elke dag is.",
)
INTERESTS = (
    "School wil rust in de klas, ouders willen veiligheid voor hun kind en de zorgaanbieder wil "
    "de behandeling voortzetten.",
    "Het samenwerkingsverband wil een passende plek binnen de regio; ouders willen geen nieuwe "
    "mislukte start.",
)
OFFERS = (
    "Twee dagdelen onderwijs op de zorglocatie, opbouwend naar drie.",
    "Plaatsing op een school voor speciaal onderwijs met vervoer.",
    "Onderwijs op afstand met wekelijks contact met een vaste docent.",
)
CONVERSATION_TOPICS = (
    "Ontwikkelmogelijkheden en wat er thuis al goed gaat.",
    "Wie de ouders aan tafel willen hebben.",
    "De wensen van de jeugdige en de volgende stap.",
)
CONVERSATION_OUTCOMES = (
    "Ouders stemmen in met een moreel beraad.",
    "Afgesproken om de school van herkomst uit te nodigen.",
    "De jeugdige doet mee aan het volgende gesprek.",
)
