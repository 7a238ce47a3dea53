"""Street addresses, the city before a state code, and ZIP codes (states themselves are not PHI)."""

from __future__ import annotations

from guards.phi.name_lists import is_common_english
from guards.phi.recognizers.base import RegexRecognizer, Rule

STATES = ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
          "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
          "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR"]
_ST = "|".join(STATES)
_SUFFIX = (r"(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|ter|"
           r"parkway|pkwy|circle|cir|highway|hwy|bridge|square|sq|trail|trl|row|alley|crescent|close|loop|pike|grove|"
           r"gardens|mews)")
_UNIT = r"(?:,?\s+(?:apt|apartment|unit|suite|ste|#|fl|floor|rm|room)\.?\s*#?\s*[\w-]+)?"
_WORDS = r"(?:[A-Za-z][A-Za-z'-]*[ ]){1,3}"
#: street types on forms written in capitals
_UPPER_SUFFIX = ("STREET|ST|AVENUE|AVE|ROAD|RD|LANE|LN|DRIVE|DR|GROVE|CLOSE|CRESCENT|WAY|PLACE|COURT|TERRACE|GARDENS|"
                 "MEWS|SQUARE")
#: street types written out, for streets named without a number
_STREET_TYPES = r"(?:Road|Street|Lane|Avenue|Drive|Close|Crescent|Way|Boulevard|Terrace|Grove|Gardens|Rd|St|Ave)"

#: UK postcodes (LS22 7QT, SW1A 1AA, M1 1AE), written in capitals as the Royal Mail does.
_POSTCODE = r"\b[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[ABD-HJLNP-UW-Z]{2}\b"

#: Canadian postal codes (H2X 1Y4) and the provinces written before them.
_CA_POSTCODE = r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ ]?\d[ABCEGHJ-NPRSTV-Z]\d\b"
_PROVINCES = r"AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT"
_AU_STATES = r"NSW|VIC|Vic|QLD|Qld|SA|WA|TAS|Tas|NT|ACT"
#: Irish Eircodes (D04 T6F4, A65 F4E2); Dublin's own districts are D01-D24 and D6W.
_EIRCODE = r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ ]?[0-9AC-FHKNPRTV-Y]{4}\b"
#: the 32 counties of Ireland, written after "Co.": "Bray, Co. Wicklow"
_IE_COUNTIES = ("Antrim|Armagh|Carlow|Cavan|Clare|Cork|Derry|Donegal|Down|Dublin|Fermanagh|Galway|Kerry|Kildare|"
                "Kilkenny|"
                "Laois|Leitrim|Limerick|Longford|Louth|Mayo|Meath|Monaghan|Offaly|Roscommon|Sligo|Tipperary|Tyrone|"
                "Waterford|Westmeath|Wexford|Wicklow")
#: Streets whose type comes first, as in French, Spanish, Portuguese and Italian: "7 Rue des Lilas", "Calle Mayor 12".
_PREFIX = r"(?:rue|avenue|boulevard|boul|chemin|impasse|allée)"
_NAME_WORDS = r"[\p{L}'’-]+(?:[ ][\p{L}'’-]+){0,3}?"
_NUMBER_AFTER = r"(?:Calle|Avenida|Rua|Via|Viale|Piazza|Plaza|Carrer|Avinguda)"
_CAP_WORDS = (r"(?:(?:de|del|della|di|da|do|dos|das|la|las|los)[ ])?\p{Lu}[\p{L}'’-]+(?:[ "
              r"](?:de|del|della|di|da|do|dos|das|la|las|los|\p{Lu}[\p{L}'’-]+)){0,3}")

#: Turkish streets, the type after the name and the number after "No": "Atatürk Cad. No:14", "Gül Sokak No. 3/2"
_TR_STREET = (r"\p{Lu}[\p{L}-]*(?:[ ]\p{Lu}[\p{L}-]*)?[ ](?:Cad\.|Caddesi|Cd\.|Sok\.|Sokak|Sk\.|Bulvarı|Blv\.)[ "
              r"]+No[:.]?[ ]*\d{1,4}(?:/\d{1,3})?")

#: the street-type endings of German and Dutch compound street names ("Hauptstraße", "Keizersgracht")
_COMPOUND_STREET = (r"(?:straße|strasse|str\.|weg|platz|gasse|allee|damm|ufer|chaussee|gracht|straat|laan|plein|kade|"
                    r"singel|dijk|steeg)")

ADDRESS = RegexRecognizer("ADDRESS", [
    # an apartment in a named building, as in Ireland and the UK: "Apt 5, The Maltings"
    Rule(r"\b(?i:apt|apartment|flat|unit)\.?[ ]+\d{1,4}[A-Za-z]?,[ ]+The[ ]+\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+)?\b", 0.8,
         flags=0),
    Rule(rf"\b\d{{1,6}}[ ]+(?:[NSEW]\.?[ ]+)?{_WORDS}{_SUFFIX}\b\.?(?:[ ](?:[NSEW]|NE|NW|SE|SW)\b\.?)?{_UNIT}", 0.85,
         reject=r"\b(?:days?|weeks?|months?|years?|hours?|mg|times|with|and|for|the|of|in|on|to|at|by)[ ]"),
    Rule(r"\b(?:P\.?\s?O\.?\s+box|PO\s+box)\s+\d+", 0.85),
    # a Japanese block address (chome-ban-go) before its district: "2-14-5 Shibuya, Shibuya-ku"
    Rule(r"\b\d{1,2}-\d{1,3}-\d{1,3}[ ]+\p{Lu}\p{Ll}{2,}(?:[ -]\p{Lu}\p{Ll}+)?(?=,)", 0.8, flags=0),
    # capitalised streets whose last word is not a street type: "12 Harbour View", "3 Cherry Rise", "14 Mill Green"
    Rule(r"\b\d{1,5}[A-Za-z]?[ ]+(?:\p{Lu}\p{Ll}+[ "
         r"]){1,2}(?:View|Rise|Walk|Green|Vale|Parade|Meadows?|Fields?|Heights|Hill|(?<!Car[ "
         r"])Park|Row|Wynd|Brow|Croft|Chase)\b",
         0.75, flags=0),
    # a unit and street number written together, as in Australia: "14/22 Wentworth St"
    Rule(rf"\b(?:(?:unit|apt|apartment|flat|suite|villa|shop)\.?[ ]+)?\d{{1,4}}[A-Za-z]?/\d{{1,5}}[A-Za-z]?[ "
         rf"]+{_WORDS}{_SUFFIX}\b\.?", 0.85,
         reject=r"\b(?:days?|weeks?|months?|years?|hours?|mg|times|with|and|for|the|of|in|on|to|at)[ ]"),
    # a flat in a named building: "Flat 12, Tennyson House"
    Rule(rf"\b(?i:flat|apartment|apt|unit|room)\.?[ ]+\d{{1,4}}[A-Za-z]?,?[ ]+{_CAP_WORDS}[ "
         rf"]+(?:House|Court|Mansions|Towers?|Lodge|"
         rf"Buildings?|Block|Heights|Apartments|Flats|Hall|Gardens|Place)\b(?:,[ ]+(?:\p{{Lu}}\p{{Ll}}+[ "
         rf"]){{1,3}}(?:Road|Street|Lane|Avenue|"
         rf"Drive|Close|Crescent|Way|Terrace|Grove|Rd|St|Ave)\b)?", 0.8, flags=0),
    # a flat or unit before a street of any name: "flat 3b, 27 Kingsway"
    Rule(rf"\b(?:flat|apartment|apt|unit)\.?[ ]+\d{{1,4}}[A-Za-z]?,?[ ]+\d{{1,5}}[A-Za-z]?[ ]+{_CAP_WORDS}", 0.8),
    Rule(rf"\b\d{{1,5}}(?:[ ]?bis)?,?[ ]+{_PREFIX}\.?[ ]+{_NAME_WORDS}(?=[ ]*(?:[,;.)\n]|$))", 0.8),
    Rule(rf"\b{_NUMBER_AFTER}[ ]+{_CAP_WORDS},?[ ]+\d{{1,5}}\b(?![ ]*(?:mg|ml|%|years?|days?))", 0.75, flags=0),
    # German- and Dutch-style streets, the number after the name: "Hauptstraße 12", "Lindenweg 3a", "Marktplatz 5"
    Rule(rf"\b\p{{Lu}}[\p{{L}}-]*{_COMPOUND_STREET}[ ]+\d{{1,4}}[a-z]?\b", 0.8, flags=0),
    Rule(rf"\b{_TR_STREET}", 0.8, flags=0),
    # a named street with no number after "on", "off" or "outside": "the pub on Mill Road"
    Rule(r"\b(?:on|off|outside|along|near)[ ]+(?P<v>(?:\p{Lu}\p{Ll}+[ "
         r"]){1,3}(?:Road|Street|Lane|Avenue|Drive|Close|Crescent|Way|"
         r"Boulevard|Terrace|Grove|Gardens|Rd|St|Ave)\b\.?)", 0.7, group="v", flags=0,
         validate=lambda v: v.split()[0] not in ("The", "A", "Main", "High", "This", "That", "Your", "Our")),
    # Indian addresses after a flat and building: "Flat 402, Sai Krupa Apartments, 14th Cross, MG Road"
    Rule(rf"\b(?i:flat|apartment|apt|unit|door no\.?|no\.)[ ]+\d{{1,4}}[A-Za-z]?,?[ ]+{_CAP_WORDS}[ "
         rf"]+(?:Apartments|Residency|Towers?|"
         rf"Enclave|Complex|Heights|Block|Niwas|Nivas|Sadan|Bhavan)(?:,[ ]+(?:\d{{1,3}}(?:st|nd|rd|th)[ "
         rf"]+(?:Cross|Main|Stage|Block|Phase|Sector)"
         rf"|(?:\p{{Lu}}\p{{L}}*[ ]){{1,3}}(?:Road|Rd|Nagar|Marg|Layout|Colony|Street|Extension)))*", 0.8, flags=0),
    # an Indian house number before its cross, main or road and the locality: "14, 3rd Cross, Gandhi Nagar"
    Rule(r"\b\d{1,4}[A-Za-z]?(?:/\d{1,4})?,[ ]+(?:\d{1,3}(?:st|nd|rd|th)[ ]+(?:Cross|Main)(?:[ "
         r"]Road)?|(?:\p{Lu}\p{L}*[ ]){1,3}"
         r"(?:Road|Rd|Nagar|Marg|Layout|Colony|Extension))(?:,[ ]+(?:\d{1,3}(?:st|nd|rd|th)[ "
         r"]+(?:Cross|Main|Stage|Block|Phase|Sector)"
         r"|(?:\p{Lu}\p{L}*[ ]){1,3}(?:Road|Rd|Nagar|Marg|Layout|Colony|Street|Extension)))*", 0.8, flags=0),
    # a named street with no number after a care home or building: "Bryn Celyn Care Home, Penrhyn Road"
    Rule(rf"(?<=\b(?:Home|Village|Lodge|House|Court|Manor|Hall),[ ]+)(?:\p{{Lu}}\p{{Ll}}+[ ]){{1,3}}{_STREET_TYPES}\b",
         0.7, flags=0),
    # a care home is where someone lives: "Rosewood Care Home", "Maple Grove Nursing Home"
    Rule(rf"\b{_CAP_WORDS}[ ]+(?:Care|Nursing|Residential|Rest|Retirement|Group) "
         rf"(?:Home|Village|Centre|Center|Facility)\b"
         rf"|\b{_CAP_WORDS}[ ]+Assisted Living(?: Facility| Centre| Center| Community)?\b", 0.75, flags=0),
], context=["address", "lives", "live", "at", "street", "apt", "shelter"])

#: Words that end a chat message after an address and are not a town.
_NOT_A_TOWN = frozenset(["and", "but", "the", "please", "thanks", "thank", "thx", "now", "today", "tonight", "help",
                         "asap", "pls", "too", "also", "here", "there", "again", "area", "side", "door", "floor",
                         "building", "entrance", "downstairs", "upstairs"])

_EU_STREET = (rf"(?:\p{{Lu}}[\p{{L}}-]*{_COMPOUND_STREET}[ ]+\d{{1,4}}[a-z]?"
              rf"|\d{{1,5}}(?:[ ]?bis)?,?[ ]+(?i:{_PREFIX})\.?[ ]+{_NAME_WORDS}|{_TR_STREET}"
              # Spanish, Portuguese and Italian streets, the number after the name: "Calle Mayor 5, 28013 Madrid"
              rf"|{_NUMBER_AFTER}[ ]+{_CAP_WORDS},?[ ]+\d{{1,5}}\b(?![ ]*(?:mg|ml|%|years?|days?)))")

#: a Dutch postcode, four digits and two capitals ("1015 CJ"), read only after a street
_NL_POSTCODE = r"[1-9]\d{3}[ ]?[A-Z]{2}"

_IN_LOCALITY = r"(?:Road|Rd|Nagar|Marg|Layout|Colony|Cross|Main|Street|St|Lane|Extension|Apartments)"

#: Japanese prefectures and large cities that come before a postcode
_JP_BEFORE_POSTCODE = (r"(?:Tokyo|Osaka|Kyoto|Japan|Hokkaido|Kanagawa|Saitama|Chiba|Aichi|Hyogo|Fukuoka|Nagoya|Yokohama"
                       r"|Sapporo|Kobe|Hiroshima|Sendai)")

CITY = RegexRecognizer("CITY", [
    # a Japanese ward, city, town or village: "Shibuya-ku", "Kawasaki-shi"
    Rule(r"\b\p{Lu}\p{Ll}+-(?:ku|shi|machi|cho|chō|gun|mura)\b", 0.75, flags=0),
    # an Irish county after "Co." and the town before it: "Bray, Co. Wicklow"
    Rule(rf"\bCo\.?[ ]+(?P<v>(?:{_IE_COUNTIES}))\b", 0.8, group="v", flags=0),
    Rule(rf"(?P<v>\b\p{{Lu}}\p{{Ll}}+(?:[ ]\p{{Lu}}\p{{Ll}}+)?),[ ]+Co\.?[ ]+(?:{_IE_COUNTIES})\b", 0.8, group="v",
         flags=0),
    # an Indian town before its six-digit PIN code: "MG Road, Bengaluru 560001"
    Rule(rf"\b{_IN_LOCALITY},[ ]+(?P<v>\p{{Lu}}\p{{Ll}}+(?:[ ]\p{{Lu}}\p{{Ll}}+)?)[ ,-]+[1-9]\d{{5}}\b", 0.75,
         group="v", flags=0),
    # the town after a German or French street, with or without a postcode: "Hauptstraße 12, 80331 München",
    # "33 Rue Sainte-Catherine, Bordeaux."
    Rule(rf"(?:{_EU_STREET}(?:,[ ]+(?:(?:\d{{4,5}}|{_NL_POSTCODE})[ ]+)?|[ ]+\d{{4,5}}[ ]+)|{_TR_STREET},?[ "
         rf"]+)(?P<v>\p{{Lu}}\p{{Ll}}+(?:[ -]\p{{Lu}}?\p{{Ll}}+){{0,2}})(?=[ "
         rf"]*(?:[,.;:)\n]|$|\((?:Québec|Quebec|Ontario|QC|ON|BC|AB|NB|NS|MB|SK)\)))",
         0.75, group="v", flags=0),
    # a town written straight after a street address, as in chats: "4012 w cermak rd apt 2 chicago"
    Rule(rf"\b\d{{1,6}}[ ]+(?:[NSEW]\.?[ ]+)?{_WORDS}{_SUFFIX}\b\.?{_UNIT},?[ ]+(?P<v>\p{{L}}{{3,}}(?:[ "
         rf"]\p{{L}}{{3,}})?)"
         rf"(?=[ ]*(?:[,.;!?\n]|$|[ ]+(?:{_ST})\b))", 0.7, group="v",
         validate=lambda v: not _NOT_A_TOWN.intersection(v.lower().split()),
         reject=r"\b(?:days?|weeks?|months?|years?|hours?|mg|times|with|and|for|the|of|in|on|to|at|dr\.?)[ ]"),
    # the town after a care home and its street: "Bryn Celyn Care Home, Penrhyn Road, Colwyn Bay."
    Rule(rf"\b(?:Care|Nursing|Residential|Rest|Retirement) (?:Home|Village)(?:,[ ]+(?:\p{{Lu}}\p{{Ll}}+[ "
         rf"]){{1,3}}{_STREET_TYPES}\b)?,[ ]+"
         r"(?P<v>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+)?)(?=[ ]*(?:[.;\n]|$))", 0.7, group="v", flags=0),
    # the town after a street address on a form in capitals: "ADDR 7 ASH GROVE LEEDS FALL AT HOME"
    *[Rule(rf"\b\d{{1,5}}[ ]+(?:\p{{Lu}}+[ ]){{1,3}}(?:{_UPPER_SUFFIX})[ ,]+(?P<v>\p{{Lu}}{{3,}}{more})\b", 0.7,
           group="v", flags=0,
           validate=lambda v: not any(is_common_english(w.lower()) for w in v.split()))
      for more in (r"[ ]\p{Lu}{3,}", "")],
    # "..., Framingham, MA 01701" / "Dayton OH 45402" / "Chicago IL 60613"
    Rule(rf"(?P<v>\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}),?\s+(?:{_ST})\b(?=,?\s+\d{{5}}(?:-\d{{4}})?\b|\s*$|[.,;)])",
         0.8, group="v", flags=0),
    # the town before a UK postcode: "Wetherby LS22 7QT"
    Rule(rf"(?P<v>\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}),?\s+(?={_POSTCODE})", 0.8, group="v", flags=0),
    # "Dublin 4, D04 T6F4", "Galway H91 E2K3"
    Rule(rf"(?P<v>\b\p{{Lu}}\p{{Ll}}+(?:[ ]\d{{1,2}}W?)?),?\s+(?={_EIRCODE})", 0.8, group="v", flags=0,
         validate=lambda v: v.lower() not in ("eircode", "postcode", "code")),
    # "Parramatta NSW 2150": Australian states before a four-digit postcode
    Rule(rf"(?P<v>\b\p{{Lu}}\p{{Ll}}+(?:[ -]\p{{Lu}}\p{{Ll}}+){{0,2}}),?\s+(?:{_AU_STATES})\s+\d{{4}}\b", 0.8,
         group="v", flags=0),
    # "Montréal QC H2X 1Y4", "Toronto, ON M5V 2T6"
    Rule(rf"(?P<v>\b\p{{Lu}}\p{{Ll}}+(?:[ -]\p{{Lu}}\p{{Ll}}+){{0,2}}),?\s+(?:{_PROVINCES}),?\s+(?={_CA_POSTCODE})",
         0.8,
         group="v", flags=0),
], context=["city", "lives", "in"])

ZIP = RegexRecognizer("ZIP", [
    Rule(rf"\b{_IN_LOCALITY},[ ]+\p{{Lu}}\p{{Ll}}+(?:[ ]\p{{Lu}}\p{{Ll}}+)?[ ,-]+(?P<v>[1-9]\d{{5}})\b", 0.8, group="v",
         flags=0),
    Rule(rf"{_EU_STREET},?[ ]+(?P<v>{_NL_POSTCODE}|\d{{4,5}})[ ]+\p{{Lu}}", 0.8, group="v", flags=0),
    Rule(rf"(?P<v>{_POSTCODE})", 0.75, group="v", flags=0),
    Rule(rf"(?P<v>{_CA_POSTCODE})", 0.75, group="v", flags=0),
    # a Japanese postcode after its prefecture or the postal mark: "Tokyo 150-0002", "〒150-0002"
    Rule(rf"(?:〒[ ]?|\b{_JP_BEFORE_POSTCODE},?[ ]+)(?P<v>\d{{3}}-\d{{4}})\b", 0.8, group="v", flags=0),
    Rule(rf"(?P<v>{_EIRCODE})", 0.75, group="v", flags=0,
         validate=lambda v: any(c.isalpha() for c in v[3:]) or v[:3] == "D6W"),
    Rule(rf"\b(?:{_ST}),?\s+(?P<v>\d{{5}}(?:-\d{{4}})?)\b", 0.85, group="v", flags=0),
    # a ZIP straight after a street address and its town, with no state: "91-1040 Keaunui Dr Ewa Beach 96706"
    Rule(rf"\b\d{{1,6}}[ ]+(?:[NSEW]\.?[ ]+)?{_WORDS}{_SUFFIX}\b\.?{_UNIT},?[ ]+\p{{L}}{{3,}}(?:[ ]\p{{L}}{{3,}})?,?[ "
         rf"]+"
         rf"(?P<v>\d{{5}}(?:-\d{{4}})?)\b(?![ ]*(?:mg|ml|units?|%))", 0.75, group="v",
         reject=r"\b(?:days?|weeks?|months?|years?|hours?|mg|times|with|and|for|the|of|in|on|to|at)[ ]"),
    Rule(rf"\b\p{{Lu}}\p{{Ll}}+,?\s+(?:{_AU_STATES})\s+(?P<v>\d{{4}})\b", 0.8, group="v", flags=0),
    Rule(r"\b(?:zip|zip code|postal code|postcode)\s*:?\s*(?P<v>\d{5}(?:-\d{4})?)\b", 0.9, group="v"),
], context=["zip", "postal"])

CASES = {"ADDRESS": (["c/o 12 Harbour View, Whitby", "at 418 Birchwood Lane, Framingham",
                      "CVS on 1187 Oak Ridge Rd. Thanks", "live at 22 Elm St Apt 4 Dayton",
                      "New address 905 W Addison St, Chicago", "at 3150 Mission Street, Unit 12, San",
                      "Home: 7 Rue des Lilas, Montréal", "vive en Calle Mayor 12, Madrid",
                      "at Via della Spiga 8, Milano", "1209 Lakeshore Blvd W, Apt 1502, Toronto",
                      "Address: 14/22 Wentworth St, Par", "Address: Unit 4/18 Beach Rd, Bondi",
                      "we are at flat 3b, 27 Kingsway, Hove", "found at Flat 12, Tennyson House, Gordon Road.",
                      "lives at Rosewood Care Home, 3 Mill", "moved to Maple Grove Assisted Living last",
                      "Care Home, Penrhyn Road, Colwyn", "wohnt Hauptstraße 12, 80331",
                      "assaulted outside the pub on Mill Road.", "Address: 14, 3rd Cross, Gandhi Nagar, Chennai",
                      "çağırdım, Atatürk Cad. No:14 Kadıköy"],
                      ["gave 40 mg daily", "parked on Level 2 Car Park", "Triage category 2 Green", "in 2 weeks",
                       "3 days ago", "gave 2 via NG tube.", "Via NG tube 2 times"]),
                       "CITY": (["Hauptstraße 12, 80331 München:", "33 Rue Sainte-Catherine, Bordeaux.",
                                 "4012 w cermak rd apt 2 chicago", "live at 22 elm st springfield.",
                                 "Lane, Framingham, MA 01701.", "Apt 4 Dayton OH 45402", "St, Chicago IL 60613.",
                                 "Close, Wetherby LS22 7QT", "Lilas, Montréal QC H2X 1Y4.", "Park, Dublin 4, D04 T6F4.",
                                 "St, Parramatta NSW 2150 ", "14 rue des Tanneurs, 67000 Strasbourg.",
                                 "Apt 5, The Maltings, Bray, Co. Wicklow A98 X2Y3", "Calle Mayor 5, 28013 Madrid.",
                                 "Atatürk Cad. No:14, Kadıköy.", "Care Home, Penrhyn Road, Colwyn Bay.",
                                 "ADDR 7 ASH GROVE LEEDS FALL"],
                                 ["Dx: MA", "in CA", "CD4 count 350", "seen in ACT 2024",
                                  "Care Home, Mobilising with a frame."]),
                                  "ZIP": (["Framingham, MA 01701.", "zip 99201.", "Chicago IL 60613.",
                                           "Wetherby LS22 7QT", "London SW1A 1AA", "QC H2X 1Y4.", "Dublin 4, D04 T6F4.",
                                           "91-1040 Keaunui Dr Ewa Beach 96706"],
                                           ["HR 60613", "dose 10000 units", "CD4 count 350", "HbA1c 7.2", "COVID-19"]),}
RECOGNIZERS = [ADDRESS, CITY, ZIP]
