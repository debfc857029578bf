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


def is_place(name: str) -> bool:
    return " ".join(name.split()).casefold() in PLACES


def is_descriptive(name: str) -> bool:
    return " ".join(name.split()).casefold() in DESCRIPTIVE
