"""Demo regions for `manage.py seed_demo`: fictional organisations in real Dutch places.

Codes are made up in the official formats (CBS gemeente code "GM0123", SWV code "PO 22-02" /
"VO 22-02"); they are demo data, not a copy of the DUO register.
"""

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoGemeente:
    name: str
    cbs_code: str  # "GM" + 4 digits, unique across the whole file


@dataclass(frozen=True)
class DemoRegion:
    name: str
    phase: int  # 1..4
    pilot: bool  # True only for the three phase-1 regions
    swv_code: str  # e.g. "22-02": unique; used to build "PO 22-02" and "VO 22-02"
    swv_name: str  # place part of the SWV names, e.g. "Zuidoost-Drenthe"
    gemeenten: tuple[DemoGemeente, ...]  # 2 to 5 gemeenten per region


_G = DemoGemeente  # short alias to keep the table below readable

DEMO_REGIONS: tuple[DemoRegion, ...] = (
    # --- Phase 1: the three pilot regions -----------------------------------------------------
    DemoRegion(
        name="Rotterdam",
        phase=1,
        pilot=True,
        swv_code="28-01",
        swv_name="Rotterdam",
        gemeenten=(
            _G("Rotterdam", "GM0599"),
            _G("Capelle aan den IJssel", "GM0502"),
            _G("Schiedam", "GM0606"),
            _G("Krimpen aan den IJssel", "GM0542"),
        ),
    ),
    DemoRegion(
        name="Zuid-Kennemerland",
        phase=1,
        pilot=True,
        swv_code="27-01",
        swv_name="Zuid-Kennemerland",
        gemeenten=(
            _G("Haarlem", "GM0392"),
            _G("Zandvoort", "GM0473"),
            _G("Bloemendaal", "GM0377"),
            _G("Heemstede", "GM0397"),
        ),
    ),
    DemoRegion(
        name="Emmen / Borger-Odoorn",
        phase=1,
        pilot=True,
        swv_code="22-02",
        swv_name="Zuidoost-Drenthe",
        gemeenten=(
            _G("Emmen", "GM0114"),
            _G("Borger-Odoorn", "GM1681"),
        ),
    ),
    # --- Phase 2: 11 regions (cumulative 14) ---------------------------------------------------
    DemoRegion(
        name="Tilburg",
        phase=2,
        pilot=False,
        swv_code="30-01",
        swv_name="Midden-Brabant",
        gemeenten=(
            _G("Tilburg", "GM0855"),
            _G("Goirle", "GM0785"),
            _G("Oisterwijk", "GM0824"),
            _G("Hilvarenbeek", "GM0798"),
        ),
    ),
    DemoRegion(
        name="Groningen / Ommelanden",
        phase=2,
        pilot=False,
        swv_code="20-01",
        swv_name="Groningen Ommelanden",
        gemeenten=(
            _G("Groningen", "GM0014"),
            _G("Het Hogeland", "GM1966"),
            _G("Westerkwartier", "GM1969"),
            _G("Eemsdelta", "GM1979"),
        ),
    ),
    DemoRegion(
        name="Zwolle",
        phase=2,
        pilot=False,
        swv_code="23-01",
        swv_name="Zwolle e.o.",
        gemeenten=(
            _G("Zwolle", "GM0193"),
            _G("Kampen", "GM0166"),
            _G("Zwartewaterland", "GM1896"),
            _G("Dalfsen", "GM0148"),
        ),
    ),
    DemoRegion(
        name="Amstelland en de Meerlanden",
        phase=2,
        pilot=False,
        swv_code="27-04",
        swv_name="Amstelland en de Meerlanden",
        gemeenten=(
            _G("Amstelveen", "GM0362"),
            _G("Haarlemmermeer", "GM0394"),
            _G("Aalsmeer", "GM0358"),
            _G("Uithoorn", "GM0451"),
            _G("Ouder-Amstel", "GM0437"),
        ),
    ),
    DemoRegion(
        name="Delflanden",
        phase=2,
        pilot=False,
        swv_code="28-02",
        swv_name="Delflanden",
        gemeenten=(
            _G("Delft", "GM0503"),
            _G("Westland", "GM1783"),
            _G("Midden-Delfland", "GM1842"),
            _G("Pijnacker-Nootdorp", "GM1926"),
        ),
    ),
    DemoRegion(
        name="Fryslân Noord",
        phase=2,
        pilot=False,
        swv_code="21-02",
        swv_name="Fryslân-Noord",
        gemeenten=(
            _G("Noardeast-Fryslân", "GM1970"),
            _G("Dantumadiel", "GM1891"),
            _G("Achtkarspelen", "GM0059"),
            _G("Tytsjerksteradiel", "GM0737"),
        ),
    ),
    DemoRegion(
        name="Alkmaar",
        phase=2,
        pilot=False,
        swv_code="27-02",
        swv_name="Noord-Kennemerland",
        gemeenten=(
            _G("Alkmaar", "GM0361"),
            _G("Heiloo", "GM0399"),
            _G("Bergen (NH)", "GM0373"),
            _G("Dijk en Waard", "GM1980"),
        ),
    ),
    DemoRegion(
        name="Amersfoort",
        phase=2,
        pilot=False,
        swv_code="26-02",
        swv_name="Eemland",
        gemeenten=(
            _G("Amersfoort", "GM0307"),
            _G("Leusden", "GM0327"),
            _G("Woudenberg", "GM0351"),
            _G("Baarn", "GM0308"),
            _G("Soest", "GM0342"),
        ),
    ),
    DemoRegion(
        name="Almere",
        phase=2,
        pilot=False,
        swv_code="24-01",
        swv_name="Almere",
        gemeenten=(
            _G("Almere", "GM0034"),
            _G("Zeewolde", "GM0050"),
        ),
    ),
    DemoRegion(
        name="Twente",
        phase=2,
        pilot=False,
        swv_code="23-03",
        swv_name="Twente Zuid",
        gemeenten=(
            _G("Enschede", "GM0153"),
            _G("Hengelo", "GM0164"),
            _G("Borne", "GM0147"),
            _G("Haaksbergen", "GM0158"),
        ),
    ),
    DemoRegion(
        name="Eindhoven",
        phase=2,
        pilot=False,
        swv_code="30-02",
        swv_name="Eindhoven",
        gemeenten=(
            _G("Eindhoven", "GM0772"),
            _G("Veldhoven", "GM0861"),
            _G("Best", "GM0753"),
            _G("Son en Breugel", "GM0848"),
        ),
    ),
    # --- Phase 3: 28 regions (cumulative 42) ---------------------------------------------------
    DemoRegion(
        name="Den Haag",
        phase=3,
        pilot=False,
        swv_code="28-03",
        swv_name="Haaglanden",
        gemeenten=(
            _G("Den Haag", "GM0518"),
            _G("Rijswijk", "GM0603"),
            _G("Leidschendam-Voorburg", "GM1916"),
            _G("Wassenaar", "GM0629"),
        ),
    ),
    DemoRegion(
        name="Utrecht",
        phase=3,
        pilot=False,
        swv_code="26-01",
        swv_name="Utrecht",
        gemeenten=(
            _G("Utrecht", "GM0344"),
            _G("Bunnik", "GM0312"),
        ),
    ),
    DemoRegion(
        name="Nijmegen",
        phase=3,
        pilot=False,
        swv_code="25-04",
        swv_name="Nijmegen",
        gemeenten=(
            _G("Nijmegen", "GM0268"),
            _G("Berg en Dal", "GM1945"),
            _G("Heumen", "GM0252"),
            _G("Beuningen", "GM0209"),
        ),
    ),
    DemoRegion(
        name="Arnhem",
        phase=3,
        pilot=False,
        swv_code="25-03",
        swv_name="Arnhem",
        gemeenten=(
            _G("Arnhem", "GM0202"),
            _G("Rheden", "GM0275"),
            _G("Rozendaal", "GM0277"),
            _G("Renkum", "GM0274"),
        ),
    ),
    DemoRegion(
        name="Maastricht",
        phase=3,
        pilot=False,
        swv_code="31-01",
        swv_name="Maastricht-Heuvelland",
        gemeenten=(
            _G("Maastricht", "GM0935"),
            _G("Eijsden-Margraten", "GM1903"),
            _G("Meerssen", "GM0938"),
            _G("Valkenburg aan de Geul", "GM0994"),
            _G("Gulpen-Wittem", "GM1729"),
        ),
    ),
    DemoRegion(
        name="Breda",
        phase=3,
        pilot=False,
        swv_code="30-03",
        swv_name="Breda e.o.",
        gemeenten=(
            _G("Breda", "GM0758"),
            _G("Etten-Leur", "GM0777"),
            _G("Zundert", "GM0879"),
            _G("Drimmelen", "GM1719"),
        ),
    ),
    DemoRegion(
        name="Leiden",
        phase=3,
        pilot=False,
        swv_code="28-04",
        swv_name="Leiden",
        gemeenten=(
            _G("Leiden", "GM0546"),
            _G("Leiderdorp", "GM0547"),
            _G("Oegstgeest", "GM0579"),
            _G("Zoeterwoude", "GM0638"),
        ),
    ),
    DemoRegion(
        name="Zeeland - Walcheren",
        phase=3,
        pilot=False,
        swv_code="29-01",
        swv_name="Walcheren",
        gemeenten=(
            _G("Middelburg", "GM0687"),
            _G("Vlissingen", "GM0718"),
            _G("Veere", "GM0717"),
        ),
    ),
    DemoRegion(
        name="Midden-Kennemerland",
        phase=3,
        pilot=False,
        swv_code="27-03",
        swv_name="Midden-Kennemerland",
        gemeenten=(
            _G("Castricum", "GM0383"),
            _G("Uitgeest", "GM0450"),
            _G("Beverwijk", "GM0375"),
            _G("Heemskerk", "GM0396"),
            _G("Velsen", "GM0453"),
        ),
    ),
    DemoRegion(
        name="'s-Hertogenbosch",
        phase=3,
        pilot=False,
        swv_code="30-04",
        swv_name="De Meierij",
        gemeenten=(
            _G("'s-Hertogenbosch", "GM0796"),
            _G("Vught", "GM0865"),
            _G("Sint-Michielsgestel", "GM0845"),
            _G("Boxtel", "GM0757"),
            _G("Meierijstad", "GM1948"),
        ),
    ),
    DemoRegion(
        name="Apeldoorn",
        phase=3,
        pilot=False,
        swv_code="25-01",
        swv_name="Apeldoorn",
        gemeenten=(
            _G("Apeldoorn", "GM0200"),
            _G("Epe", "GM0232"),
            _G("Voorst", "GM0285"),
            _G("Heerde", "GM0246"),
        ),
    ),
    DemoRegion(
        name="Deventer",
        phase=3,
        pilot=False,
        swv_code="23-02",
        swv_name="Salland",
        gemeenten=(
            _G("Deventer", "GM0150"),
            _G("Olst-Wijhe", "GM1773"),
            _G("Raalte", "GM0177"),
        ),
    ),
    DemoRegion(
        name="Leeuwarden",
        phase=3,
        pilot=False,
        swv_code="21-01",
        swv_name="Leeuwarden",
        gemeenten=(
            _G("Leeuwarden", "GM0080"),
            _G("Waadhoeke", "GM1949"),
            _G("Harlingen", "GM0072"),
        ),
    ),
    DemoRegion(
        name="Assen / Noord-Drenthe",
        phase=3,
        pilot=False,
        swv_code="22-01",
        swv_name="Noord-Drenthe",
        gemeenten=(
            _G("Assen", "GM0106"),
            _G("Aa en Hunze", "GM1680"),
            _G("Tynaarlo", "GM1730"),
            _G("Noordenveld", "GM1699"),
            _G("Midden-Drenthe", "GM1731"),
        ),
    ),
    DemoRegion(
        name="Lelystad / Dronten",
        phase=3,
        pilot=False,
        swv_code="24-02",
        swv_name="Lelystad-Dronten",
        gemeenten=(
            _G("Lelystad", "GM0995"),
            _G("Dronten", "GM0303"),
        ),
    ),
    DemoRegion(
        name="Zaanstreek",
        phase=3,
        pilot=False,
        swv_code="27-05",
        swv_name="Zaanstreek",
        gemeenten=(
            _G("Zaanstad", "GM0479"),
            _G("Wormerland", "GM0880"),
            _G("Oostzaan", "GM0431"),
        ),
    ),
    DemoRegion(
        name="Gooi en Vechtstreek",
        phase=3,
        pilot=False,
        swv_code="27-06",
        swv_name="Gooi en Vechtstreek",
        gemeenten=(
            _G("Hilversum", "GM0402"),
            _G("Gooise Meren", "GM1942"),
            _G("Huizen", "GM0406"),
            _G("Blaricum", "GM0376"),
            _G("Laren", "GM0417"),
        ),
    ),
    DemoRegion(
        name="Drechtsteden",
        phase=3,
        pilot=False,
        swv_code="28-05",
        swv_name="Drechtsteden",
        gemeenten=(
            _G("Dordrecht", "GM0505"),
            _G("Zwijndrecht", "GM0642"),
            _G("Papendrecht", "GM0590"),
            _G("Sliedrecht", "GM0610"),
            _G("Hendrik-Ido-Ambacht", "GM0531"),
        ),
    ),
    DemoRegion(
        name="Zoetermeer",
        phase=3,
        pilot=False,
        swv_code="28-06",
        swv_name="Zoetermeer",
        gemeenten=(
            _G("Zoetermeer", "GM0637"),
            _G("Lansingerland", "GM1621"),
        ),
    ),
    DemoRegion(
        name="Midden-Holland",
        phase=3,
        pilot=False,
        swv_code="28-07",
        swv_name="Midden-Holland",
        gemeenten=(
            _G("Gouda", "GM0513"),
            _G("Waddinxveen", "GM0627"),
            _G("Zuidplas", "GM1892"),
            _G("Bodegraven-Reeuwijk", "GM1901"),
            _G("Krimpenerwaard", "GM1931"),
        ),
    ),
    DemoRegion(
        name="Helmond",
        phase=3,
        pilot=False,
        swv_code="30-05",
        swv_name="Helmond-Peelland",
        gemeenten=(
            _G("Helmond", "GM0794"),
            _G("Geldrop-Mierlo", "GM1771"),
            _G("Nuenen", "GM0820"),
            _G("Laarbeek", "GM1659"),
        ),
    ),
    DemoRegion(
        name="Roosendaal / Bergen op Zoom",
        phase=3,
        pilot=False,
        swv_code="30-06",
        swv_name="Brabantse Wal en Roosendaal",
        gemeenten=(
            _G("Roosendaal", "GM1674"),
            _G("Bergen op Zoom", "GM0748"),
            _G("Woensdrecht", "GM0873"),
            _G("Steenbergen", "GM0851"),
        ),
    ),
    DemoRegion(
        name="Parkstad Limburg",
        phase=3,
        pilot=False,
        swv_code="31-02",
        swv_name="Parkstad Limburg",
        gemeenten=(
            _G("Heerlen", "GM0917"),
            _G("Kerkrade", "GM0928"),
            _G("Landgraaf", "GM0882"),
            _G("Brunssum", "GM0899"),
            _G("Voerendaal", "GM0986"),
        ),
    ),
    DemoRegion(
        name="Venlo",
        phase=3,
        pilot=False,
        swv_code="31-03",
        swv_name="Noord-Limburg",
        gemeenten=(
            _G("Venlo", "GM0983"),
            _G("Beesel", "GM0889"),
            _G("Peel en Maas", "GM1894"),
            _G("Horst aan de Maas", "GM1507"),
        ),
    ),
    DemoRegion(
        name="Ede / De Vallei",
        phase=3,
        pilot=False,
        swv_code="25-02",
        swv_name="De Vallei",
        gemeenten=(
            _G("Ede", "GM0228"),
            _G("Wageningen", "GM0289"),
            _G("Barneveld", "GM0203"),
            _G("Scherpenzeel", "GM0279"),
        ),
    ),
    DemoRegion(
        name="Achterhoek",
        phase=3,
        pilot=False,
        swv_code="25-05",
        swv_name="Achterhoek",
        gemeenten=(
            _G("Doetinchem", "GM0222"),
            _G("Oost Gelre", "GM1586"),
            _G("Winterswijk", "GM0294"),
            _G("Aalten", "GM0197"),
            _G("Berkelland", "GM1859"),
        ),
    ),
    DemoRegion(
        name="Lekstroom",
        phase=3,
        pilot=False,
        swv_code="26-03",
        swv_name="Lekstroom",
        gemeenten=(
            _G("Nieuwegein", "GM0356"),
            _G("Houten", "GM0321"),
            _G("IJsselstein", "GM0353"),
            _G("Lopik", "GM0331"),
            _G("Vijfheerenlanden", "GM1961"),
        ),
    ),
    DemoRegion(
        name="Westelijke Mijnstreek",
        phase=3,
        pilot=False,
        swv_code="31-04",
        swv_name="Westelijke Mijnstreek",
        gemeenten=(
            _G("Sittard-Geleen", "GM1883"),
            _G("Stein", "GM0971"),
            _G("Beek", "GM0888"),
        ),
    ),
    # --- Phase 4: 33 regions (cumulative 75) ---------------------------------------------------
    DemoRegion(
        name="Zuidoost-Utrecht",
        phase=4,
        pilot=False,
        swv_code="26-04",
        swv_name="Zuidoost-Utrecht",
        gemeenten=(
            _G("Zeist", "GM0355"),
            _G("De Bilt", "GM0310"),
            _G("Utrechtse Heuvelrug", "GM1581"),
            _G("Wijk bij Duurstede", "GM0352"),
        ),
    ),
    DemoRegion(
        name="Midden-Limburg",
        phase=4,
        pilot=False,
        swv_code="31-05",
        swv_name="Midden-Limburg",
        gemeenten=(
            _G("Roermond", "GM0957"),
            _G("Roerdalen", "GM1669"),
            _G("Leudal", "GM1640"),
            _G("Maasgouw", "GM1641"),
            _G("Echt-Susteren", "GM1711"),
        ),
    ),
    DemoRegion(
        name="Weert",
        phase=4,
        pilot=False,
        swv_code="31-06",
        swv_name="Weert-Nederweert",
        gemeenten=(
            _G("Weert", "GM0988"),
            _G("Nederweert", "GM0946"),
        ),
    ),
    DemoRegion(
        name="Venray",
        phase=4,
        pilot=False,
        swv_code="31-07",
        swv_name="Venray-Maasduinen",
        gemeenten=(
            _G("Venray", "GM0984"),
            _G("Bergen (L)", "GM0893"),
            _G("Gennep", "GM0907"),
        ),
    ),
    DemoRegion(
        name="Oss / Maasland",
        phase=4,
        pilot=False,
        swv_code="30-07",
        swv_name="Maasland",
        gemeenten=(
            _G("Oss", "GM0828"),
            _G("Bernheze", "GM1721"),
            _G("Maashorst", "GM1991"),
            _G("Land van Cuijk", "GM1982"),
        ),
    ),
    DemoRegion(
        name="De Kempen",
        phase=4,
        pilot=False,
        swv_code="30-08",
        swv_name="De Kempen",
        gemeenten=(
            _G("Eersel", "GM0770"),
            _G("Bergeijk", "GM1724"),
            _G("Bladel", "GM1728"),
            _G("Reusel-De Mierden", "GM1667"),
            _G("Oirschot", "GM0823"),
        ),
    ),
    DemoRegion(
        name="De Peel",
        phase=4,
        pilot=False,
        swv_code="30-09",
        swv_name="De Peel",
        gemeenten=(
            _G("Deurne", "GM0762"),
            _G("Gemert-Bakel", "GM1652"),
            _G("Asten", "GM0743"),
            _G("Someren", "GM0847"),
        ),
    ),
    DemoRegion(
        name="A2-gemeenten",
        phase=4,
        pilot=False,
        swv_code="30-10",
        swv_name="Dommelvallei en A2",
        gemeenten=(
            _G("Valkenswaard", "GM0858"),
            _G("Waalre", "GM0866"),
            _G("Heeze-Leende", "GM1658"),
            _G("Cranendonck", "GM1706"),
        ),
    ),
    DemoRegion(
        name="Oosterhout",
        phase=4,
        pilot=False,
        swv_code="30-11",
        swv_name="Oosterhout-Dongen",
        gemeenten=(
            _G("Oosterhout", "GM0826"),
            _G("Dongen", "GM0766"),
            _G("Geertruidenberg", "GM0779"),
            _G("Gilze en Rijen", "GM0784"),
        ),
    ),
    DemoRegion(
        name="De Langstraat",
        phase=4,
        pilot=False,
        swv_code="30-12",
        swv_name="De Langstraat",
        gemeenten=(
            _G("Waalwijk", "GM0867"),
            _G("Loon op Zand", "GM0809"),
            _G("Heusden", "GM0797"),
        ),
    ),
    DemoRegion(
        name="Moerdijk / Halderberge",
        phase=4,
        pilot=False,
        swv_code="30-13",
        swv_name="West-Brabant Oost",
        gemeenten=(
            _G("Moerdijk", "GM1709"),
            _G("Halderberge", "GM1655"),
            _G("Rucphen", "GM0840"),
        ),
    ),
    DemoRegion(
        name="Gorinchem",
        phase=4,
        pilot=False,
        swv_code="28-08",
        swv_name="Gorinchem e.o.",
        gemeenten=(
            _G("Gorinchem", "GM0512"),
            _G("Molenlanden", "GM1978"),
            _G("Hardinxveld-Giessendam", "GM0523"),
            _G("Alblasserdam", "GM0482"),
            _G("Altena", "GM1959"),
        ),
    ),
    DemoRegion(
        name="BAR en Hoeksche Waard",
        phase=4,
        pilot=False,
        swv_code="28-09",
        swv_name="Hoeksche Waard en Ridderkerk",
        gemeenten=(
            _G("Barendrecht", "GM0489"),
            _G("Albrandswaard", "GM0613"),
            _G("Ridderkerk", "GM0597"),
            _G("Hoeksche Waard", "GM1963"),
        ),
    ),
    DemoRegion(
        name="Voorne-Putten",
        phase=4,
        pilot=False,
        swv_code="28-10",
        swv_name="Voorne-Putten",
        gemeenten=(
            _G("Voorne aan Zee", "GM1992"),
            _G("Nissewaard", "GM1930"),
            _G("Goeree-Overflakkee", "GM1924"),
        ),
    ),
    DemoRegion(
        name="Nieuwe Waterweg Noord",
        phase=4,
        pilot=False,
        swv_code="28-11",
        swv_name="Nieuwe Waterweg Noord",
        gemeenten=(
            _G("Vlaardingen", "GM0622"),
            _G("Maassluis", "GM0556"),
        ),
    ),
    DemoRegion(
        name="Duin- en Bollenstreek",
        phase=4,
        pilot=False,
        swv_code="28-12",
        swv_name="Duin- en Bollenstreek",
        gemeenten=(
            _G("Katwijk", "GM0537"),
            _G("Noordwijk", "GM0575"),
            _G("Teylingen", "GM1525"),
            _G("Hillegom", "GM0534"),
            _G("Lisse", "GM0553"),
        ),
    ),
    DemoRegion(
        name="Rijnstreek",
        phase=4,
        pilot=False,
        swv_code="28-13",
        swv_name="Rijnstreek",
        gemeenten=(
            _G("Alphen aan den Rijn", "GM0484"),
            _G("Kaag en Braassem", "GM1884"),
            _G("Nieuwkoop", "GM0569"),
        ),
    ),
    DemoRegion(
        name="West-Friesland",
        phase=4,
        pilot=False,
        swv_code="27-07",
        swv_name="West-Friesland",
        gemeenten=(
            _G("Hoorn", "GM0405"),
            _G("Drechterland", "GM0498"),
            _G("Stede Broec", "GM0532"),
            _G("Enkhuizen", "GM0388"),
            _G("Medemblik", "GM0420"),
        ),
    ),
    DemoRegion(
        name="Kop van Noord-Holland",
        phase=4,
        pilot=False,
        swv_code="27-08",
        swv_name="Kop van Noord-Holland",
        gemeenten=(
            _G("Den Helder", "GM0400"),
            _G("Schagen", "GM0441"),
            _G("Hollands Kroon", "GM1911"),
            _G("Texel", "GM0448"),
        ),
    ),
    DemoRegion(
        name="Waterland",
        phase=4,
        pilot=False,
        swv_code="27-09",
        swv_name="Waterland",
        gemeenten=(
            _G("Purmerend", "GM0439"),
            _G("Edam-Volendam", "GM0385"),
            _G("Waterland", "GM0852"),
            _G("Landsmeer", "GM0415"),
        ),
    ),
    DemoRegion(
        name="Amsterdam-Diemen",
        phase=4,
        pilot=False,
        swv_code="27-10",
        swv_name="Amsterdam-Diemen",
        gemeenten=(
            _G("Amsterdam", "GM0363"),
            _G("Diemen", "GM0384"),
        ),
    ),
    DemoRegion(
        name="Zuidwest-Fryslân",
        phase=4,
        pilot=False,
        swv_code="21-03",
        swv_name="Zuidwest-Fryslân",
        gemeenten=(
            _G("Súdwest-Fryslân", "GM1900"),
            _G("De Fryske Marren", "GM1940"),
        ),
    ),
    DemoRegion(
        name="Zuidoost-Fryslân",
        phase=4,
        pilot=False,
        swv_code="21-04",
        swv_name="Zuidoost-Fryslân",
        gemeenten=(
            _G("Heerenveen", "GM0074"),
            _G("Smallingerland", "GM0090"),
            _G("Opsterland", "GM0086"),
            _G("Ooststellingwerf", "GM0085"),
            _G("Weststellingwerf", "GM0098"),
        ),
    ),
    DemoRegion(
        name="Hoogeveen / Coevorden",
        phase=4,
        pilot=False,
        swv_code="22-03",
        swv_name="Zuid-Drenthe",
        gemeenten=(
            _G("Hoogeveen", "GM0118"),
            _G("Coevorden", "GM0109"),
        ),
    ),
    DemoRegion(
        name="Meppel / Zuidwest-Drenthe",
        phase=4,
        pilot=False,
        swv_code="22-04",
        swv_name="Zuidwest-Drenthe",
        gemeenten=(
            _G("Meppel", "GM0119"),
            _G("De Wolden", "GM1690"),
            _G("Westerveld", "GM1701"),
        ),
    ),
    DemoRegion(
        name="Oost-Groningen",
        phase=4,
        pilot=False,
        swv_code="20-02",
        swv_name="Oldambt en Westerwolde",
        gemeenten=(
            _G("Oldambt", "GM1895"),
            _G("Westerwolde", "GM1950"),
        ),
    ),
    DemoRegion(
        name="Veenkoloniën",
        phase=4,
        pilot=False,
        swv_code="20-03",
        swv_name="Veenkoloniën",
        gemeenten=(
            _G("Veendam", "GM0047"),
            _G("Stadskanaal", "GM0037"),
            _G("Pekela", "GM0765"),
            _G("Midden-Groningen", "GM1952"),
        ),
    ),
    DemoRegion(
        name="Noord-Twente",
        phase=4,
        pilot=False,
        swv_code="23-04",
        swv_name="Twente Noord",
        gemeenten=(
            _G("Almelo", "GM0141"),
            _G("Wierden", "GM0189"),
            _G("Twenterand", "GM1700"),
            _G("Tubbergen", "GM0183"),
        ),
    ),
    DemoRegion(
        name="Vechtdal",
        phase=4,
        pilot=False,
        swv_code="23-05",
        swv_name="Vechtdal",
        gemeenten=(
            _G("Hardenberg", "GM0160"),
            _G("Ommen", "GM0175"),
        ),
    ),
    DemoRegion(
        name="Noordoostpolder / Urk",
        phase=4,
        pilot=False,
        swv_code="24-03",
        swv_name="Noordoostpolder-Urk",
        gemeenten=(
            _G("Noordoostpolder", "GM0171"),
            _G("Urk", "GM0184"),
        ),
    ),
    DemoRegion(
        name="Rivierenland",
        phase=4,
        pilot=False,
        swv_code="25-06",
        swv_name="Rivierenland",
        gemeenten=(
            _G("Tiel", "GM0281"),
            _G("Culemborg", "GM0216"),
            _G("Buren", "GM0214"),
            _G("West Betuwe", "GM1960"),
        ),
    ),
    DemoRegion(
        name="Noord-Veluwe",
        phase=4,
        pilot=False,
        swv_code="25-07",
        swv_name="Noord-Veluwe",
        gemeenten=(
            _G("Harderwijk", "GM0243"),
            _G("Ermelo", "GM0233"),
            _G("Nunspeet", "GM0302"),
            _G("Elburg", "GM0230"),
            _G("Oldebroek", "GM0269"),
        ),
    ),
    DemoRegion(
        name="Zeeuws-Vlaanderen",
        phase=4,
        pilot=False,
        swv_code="29-02",
        swv_name="Zeeuws-Vlaanderen",
        gemeenten=(
            _G("Terneuzen", "GM0715"),
            _G("Sluis", "GM1714"),
            _G("Hulst", "GM0677"),
        ),
    ),
)

PHASE_REGION_COUNTS: dict[int, int] = {1: 3, 2: 11, 3: 28, 4: 33}  # cumulative 3 / 14 / 42 / 75
PILOT_REGION_NAMES: tuple[str, ...] = ("Rotterdam", "Zuid-Kennemerland", "Emmen / Borger-Odoorn")

_CBS_CODE_RE = re.compile(r"GM\d{4}")
_SWV_CODE_RE = re.compile(r"\d{2}-\d{2}")


def _duplicates(values: list[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def validate_demo_regions() -> None:
    """Raise ValueError if DEMO_REGIONS violates the counts, uniqueness or format rules."""
    errors: list[str] = []

    counts = Counter(region.phase for region in DEMO_REGIONS)
    if dict(counts) != PHASE_REGION_COUNTS:
        errors.append(f"regions per phase {dict(sorted(counts.items()))} != {PHASE_REGION_COUNTS}")
    phases = [region.phase for region in DEMO_REGIONS]
    if phases != sorted(phases):
        errors.append("regions are not ordered by phase")
    pilots = tuple(region.name for region in DEMO_REGIONS if region.pilot)
    if pilots != PILOT_REGION_NAMES or any(r.pilot != (r.phase == 1) for r in DEMO_REGIONS):
        errors.append(f"pilot regions {pilots} != {PILOT_REGION_NAMES} (phase 1 only)")

    gemeenten = [g for region in DEMO_REGIONS for g in region.gemeenten]
    for label, values in (
        ("region name", [region.name for region in DEMO_REGIONS]),
        ("swv_code", [region.swv_code for region in DEMO_REGIONS]),
        ("gemeente name", [g.name for g in gemeenten]),
        ("cbs_code", [g.cbs_code for g in gemeenten]),
    ):
        if dupes := _duplicates(values):
            errors.append(f"duplicate {label}: {', '.join(dupes)}")

    for region in DEMO_REGIONS:
        if not _SWV_CODE_RE.fullmatch(region.swv_code):
            errors.append(f"{region.name}: bad swv_code {region.swv_code!r}")
        if not region.swv_name:
            errors.append(f"{region.name}: empty swv_name")
        if not 2 <= len(region.gemeenten) <= 5:
            errors.append(f"{region.name}: {len(region.gemeenten)} gemeenten (expected 2-5)")
    errors.extend(
        f"{g.name}: bad cbs_code {g.cbs_code!r}" for g in gemeenten if not _CBS_CODE_RE.fullmatch(g.cbs_code)
    )

    if errors:
        raise ValueError("Invalid DEMO_REGIONS:\n- " + "\n- ".join(errors))
