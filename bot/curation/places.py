"""Place names the draft never proposes as actors: countries, capitals, regions.

A curated list (no package on the index keeps one we could use offline): the countries of
the world and their capitals, continents and the regions news copy names. A place is an
actor only when the store already holds it as one (Mali, Niger: states that act); then the
known actor wins, and this list only keeps a new place name from being proposed.
Adjectives of place ("West African", "Western", "Arab") are listed too: they describe,
they do not act.
"""

from __future__ import annotations

_COUNTRIES = """
Afghanistan; Albania; Algeria; Andorra; Angola; Antigua and Barbuda; Argentina; Armenia;
Australia; Austria; Azerbaijan; Bahamas; Bahrain; Bangladesh; Barbados; Belarus; Belgium;
Belize; Benin; Bhutan; Bolivia; Bosnia and Herzegovina; Botswana; Brazil; Brunei; Bulgaria;
Burkina Faso; Burundi; Cabo Verde; Cape Verde; Cambodia; Cameroon; Canada;
Central African Republic; Chad; Chile; China; Colombia; Comoros; Congo; Costa Rica;
Croatia; Cuba; Cyprus; Czech Republic; Czechia; Democratic Republic of Congo;
Democratic Republic of the Congo; Denmark; Djibouti; Dominica; Dominican Republic;
East Timor; Ecuador; Egypt; El Salvador; Equatorial Guinea; Eritrea; Estonia; Eswatini;
Ethiopia; Fiji; Finland; France; Gabon; Gambia; Georgia; Germany; Ghana; Greece; Grenada;
Guatemala; Guinea; Guinea-Bissau; Guyana; Haiti; Honduras; Hungary; Iceland; India;
Indonesia; Iran; Iraq; Ireland; Israel; Italy; Ivory Coast; Côte d'Ivoire; Jamaica; Japan;
Jordan; Kazakhstan; Kenya; Kiribati; Kosovo; Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon;
Lesotho; Liberia; Libya; Liechtenstein; Lithuania; Luxembourg; Madagascar; Malawi;
Malaysia; Maldives; Mali; Malta; Marshall Islands; Mauritania; Mauritius; Mexico;
Micronesia; Moldova; Monaco; Mongolia; Montenegro; Morocco; Mozambique; Myanmar; Namibia;
Nauru; Nepal; Netherlands; New Zealand; Nicaragua; Niger; Nigeria; North Korea;
North Macedonia; Norway; Oman; Pakistan; Palau; Palestine; Panama; Papua New Guinea;
Paraguay; Peru; Philippines; Poland; Portugal; Qatar; Romania; Russia; Rwanda;
Saint Lucia; Samoa; San Marino; Saudi Arabia; Senegal; Serbia; Seychelles; Sierra Leone;
Singapore; Slovakia; Slovenia; Solomon Islands; Somalia; South Africa; South Korea;
South Sudan; Spain; Sri Lanka; Sudan; Suriname; Sweden; Switzerland; Syria; Taiwan;
Tajikistan; Tanzania; Thailand; Togo; Tonga; Trinidad and Tobago; Tunisia; Turkey;
Türkiye; Turkmenistan; Tuvalu; Uganda; Ukraine; United Arab Emirates; United Kingdom;
Britain; Great Britain; United States; Uruguay; Uzbekistan; Vanuatu; Vatican; Venezuela;
Vietnam; Yemen; Zambia; Zimbabwe; Western Sahara
"""

_CAPITALS = """
Kabul; Tirana; Algiers; Luanda; Buenos Aires; Yerevan; Canberra; Vienna; Baku; Manama;
Dhaka; Minsk; Brussels; Porto-Novo; Cotonou; Thimphu; La Paz; Sarajevo; Gaborone;
Brasilia; Sofia; Ouagadougou; Gitega; Bujumbura; Praia; Phnom Penh; Yaounde; Yaoundé;
Ottawa; Bangui; N'Djamena; Ndjamena; Santiago; Beijing; Bogota; Moroni; Brazzaville;
Kinshasa; San Jose; Zagreb; Havana; Nicosia; Prague; Copenhagen; Djibouti City; Quito;
Cairo; San Salvador; Malabo; Asmara; Tallinn; Mbabane; Addis Ababa; Suva; Helsinki;
Paris; Libreville; Banjul; Tbilisi; Berlin; Accra; Athens; Guatemala City; Conakry;
Bissau; Georgetown; Port-au-Prince; Tegucigalpa; Budapest; Reykjavik; New Delhi; Delhi;
Jakarta; Tehran; Baghdad; Dublin; Jerusalem; Tel Aviv; Rome; Yamoussoukro; Abidjan;
Kingston; Tokyo; Amman; Astana; Nairobi; Pristina; Kuwait City; Bishkek; Vientiane; Riga;
Beirut; Maseru; Monrovia; Tripoli; Vilnius; Antananarivo; Lilongwe; Kuala Lumpur; Male;
Bamako; Valletta; Nouakchott; Port Louis; Mexico City; Chisinau; Ulaanbaatar; Podgorica;
Rabat; Maputo; Naypyidaw; Yangon; Windhoek; Kathmandu; Amsterdam; The Hague; Wellington;
Managua; Niamey; Abuja; Lagos; Pyongyang; Skopje; Oslo; Muscat; Islamabad; Panama City;
Port Moresby; Asuncion; Lima; Manila; Warsaw; Lisbon; Doha; Bucharest; Moscow; Kigali;
Riyadh; Dakar; Belgrade; Victoria; Freetown; Mogadishu; Pretoria; Cape Town;
Johannesburg; Seoul; Juba; Madrid; Colombo; Khartoum; Paramaribo; Stockholm; Bern;
Geneva; Damascus; Taipei; Dushanbe; Dodoma; Dar es Salaam; Bangkok; Lome; Lomé; Tunis;
Ankara; Istanbul; Ashgabat; Kampala; Kyiv; Kiev; Abu Dhabi; Dubai; London; Washington DC;
Montevideo; Tashkent; Caracas; Hanoi; Sanaa; Lusaka; Harare; New York; Brussels
"""

_SEATS = """
Afghanistan: Kabul; Albania: Tirana; Algeria: Algiers; Angola: Luanda;
Argentina: Buenos Aires; Armenia: Yerevan; Australia: Canberra; Austria: Vienna;
Azerbaijan: Baku; Bahrain: Manama; Bangladesh: Dhaka; Belarus: Minsk; Belgium: Brussels;
Benin: Porto-Novo, Cotonou; Bhutan: Thimphu; Bolivia: La Paz; Bosnia and Herzegovina: Sarajevo;
Botswana: Gaborone; Brazil: Brasilia; Bulgaria: Sofia; Burkina Faso: Ouagadougou;
Burundi: Gitega, Bujumbura; Cabo Verde: Praia; Cambodia: Phnom Penh; Cameroon: Yaounde, Yaoundé;
Canada: Ottawa; Central African Republic: Bangui; Chad: N'Djamena, Ndjamena; Chile: Santiago;
China: Beijing; Colombia: Bogota; Comoros: Moroni; Congo: Brazzaville;
Democratic Republic of the Congo: Kinshasa; Costa Rica: San Jose; Croatia: Zagreb;
Cuba: Havana; Cyprus: Nicosia; Czech Republic: Prague; Denmark: Copenhagen;
Djibouti: Djibouti City; Ecuador: Quito; Egypt: Cairo; El Salvador: San Salvador;
Equatorial Guinea: Malabo; Eritrea: Asmara; Estonia: Tallinn; Eswatini: Mbabane;
Ethiopia: Addis Ababa; Fiji: Suva; Finland: Helsinki; France: Paris; Gabon: Libreville;
Gambia: Banjul; Georgia: Tbilisi; Germany: Berlin; Ghana: Accra; Greece: Athens;
Guatemala: Guatemala City; Guinea: Conakry; Guinea-Bissau: Bissau; Guyana: Georgetown;
Haiti: Port-au-Prince; Honduras: Tegucigalpa; Hungary: Budapest; Iceland: Reykjavik;
India: New Delhi, Delhi; Indonesia: Jakarta; Iran: Tehran; Iraq: Baghdad; Ireland: Dublin;
Israel: Jerusalem; Italy: Rome; Ivory Coast: Yamoussoukro, Abidjan; Jamaica: Kingston;
Japan: Tokyo; Jordan: Amman; Kazakhstan: Astana; Kenya: Nairobi; Kosovo: Pristina;
Kuwait: Kuwait City; Kyrgyzstan: Bishkek; Laos: Vientiane; Latvia: Riga; Lebanon: Beirut;
Lesotho: Maseru; Liberia: Monrovia; Libya: Tripoli; Lithuania: Vilnius;
Madagascar: Antananarivo; Malawi: Lilongwe; Malaysia: Kuala Lumpur; Maldives: Male;
Mali: Bamako; Malta: Valletta; Mauritania: Nouakchott; Mauritius: Port Louis;
Mexico: Mexico City; Moldova: Chisinau; Mongolia: Ulaanbaatar; Montenegro: Podgorica;
Morocco: Rabat; Mozambique: Maputo; Myanmar: Naypyidaw; Namibia: Windhoek; Nepal: Kathmandu;
Netherlands: Amsterdam, The Hague; New Zealand: Wellington; Nicaragua: Managua;
Niger: Niamey; Nigeria: Abuja; North Korea: Pyongyang; North Macedonia: Skopje;
Norway: Oslo; Oman: Muscat; Pakistan: Islamabad; Panama: Panama City;
Papua New Guinea: Port Moresby; Paraguay: Asuncion; Peru: Lima; Philippines: Manila;
Poland: Warsaw; Portugal: Lisbon; Qatar: Doha; Romania: Bucharest; Russia: Moscow;
Rwanda: Kigali; Saudi Arabia: Riyadh; Senegal: Dakar; Serbia: Belgrade; Seychelles: Victoria;
Sierra Leone: Freetown; Somalia: Mogadishu; South Africa: Pretoria; South Korea: Seoul;
South Sudan: Juba; Spain: Madrid; Sri Lanka: Colombo; Sudan: Khartoum; Suriname: Paramaribo;
Sweden: Stockholm; Switzerland: Bern; Syria: Damascus; Taiwan: Taipei; Tajikistan: Dushanbe;
Tanzania: Dodoma; Thailand: Bangkok; Togo: Lome, Lomé; Tunisia: Tunis; Turkey: Ankara;
Turkmenistan: Ashgabat; Uganda: Kampala; Ukraine: Kyiv, Kiev; United Arab Emirates: Abu Dhabi;
United Kingdom: London; United States: Washington DC, Washington; Uruguay: Montevideo;
Uzbekistan: Tashkent; Venezuela: Caracas; Vietnam: Hanoi; Yemen: Sanaa; Zambia: Lusaka;
Zimbabwe: Harare
"""
"""Each state and the capitals (seats of government) that stand for it in news copy ("the
junta in Niamey", "Paris and Moscow welcomed…"): one curated table, so every capital maps
to its state the same way, whether or not the store lists it as an alias."""

_REGIONS = """
Africa; Europe; Asia; America; Americas; North America; South America; Latin America;
Oceania; Antarctica; Middle East; Near East; Far East; Maghreb; Sahel; Sahara;
Sub-Saharan Africa; West Africa; East Africa; North Africa; Southern Africa;
Central Africa; Horn of Africa; Lake Chad; Lake Chad Basin; Gulf of Guinea; Liptako-Gourma;
Mediterranean; Red Sea; Atlantic; Pacific; Indian Ocean; Balkans; Caucasus;
Central Asia; South Asia; Southeast Asia; Eastern Europe; Western Europe; Scandinavia;
Gulf; Persian Gulf; Arabian Peninsula; Levant; Global South; the West; Azawad; Timbuktu;
Gao; Kidal; Mopti; Menaka; Ménaka; Agadez; Tillaberi; Tillabéri; Diffa; Djibo; Dori
"""

_ADJECTIVES = """
West African; East African; North African; South African; Central African; Sahelian;
Western; Eastern; Northern; Southern; Arab; African; European; Asian; Islamist; Islamic;
Jihadist; Muslim; Christian; Sunni; Shia; Francophone; Anglophone; Transatlantic;
US-Mali; US-African; Franco-African; Sino-African
"""


def _entries(block: str) -> frozenset[str]:
    return frozenset(
        " ".join(e.split()).casefold() for e in block.replace("\n", " ").split(";") if e.strip()
    )


PLACES = _entries(_COUNTRIES) | _entries(_CAPITALS) | _entries(_REGIONS)
DESCRIPTIVE = _entries(_ADJECTIVES)
CAPITALS = _entries(_CAPITALS)


def _seats(block: str) -> dict[str, str]:
    seats: dict[str, str] = {}
    for entry in block.replace("\n", " ").split(";"):
        if ":" not in entry:
            continue
        state, cities = entry.split(":", 1)
        for city in cities.split(","):
            seats[" ".join(city.split()).casefold()] = " ".join(state.split())
    return seats


CAPITAL_OF = _seats(_SEATS)
"""A capital (casefolded) -> the state whose government sits there (its name as the
country list spells it)."""


def state_of(capital: str) -> str | None:
    """The state a capital stands for ("Niamey": "Niger"), else ``None``."""
    return CAPITAL_OF.get(" ".join(capital.split()).casefold())


def is_place(name: str) -> bool:
    return " ".join(name.split()).casefold() in PLACES


def is_descriptive(name: str) -> bool:
    return " ".join(name.split()).casefold() in DESCRIPTIVE
