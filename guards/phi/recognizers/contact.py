"""Email, URL, IP addresses, and phone/fax numbers (US and international)."""

from __future__ import annotations

import ipaddress

from guards.phi.recognizers.base import RegexRecognizer, Rule

_SPOKEN_TLD = r"(?:com|org|net|edu|gov|co|uk|ie|ca|au|de|fr|nl|in|io)"
_WEBMAIL = r"(?:gmail|googlemail|yahoo|hotmail|outlook|icloud|aol|protonmail|live|msn|btinternet)"
EMAIL = RegexRecognizer("EMAIL", [
    Rule(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", 0.95),
    # an address said aloud or hidden from scrapers: "jane dot doe at gmail dot com", "jdoe88 at hotmail dot co dot uk"
    Rule(rf"\b[\w+-]+(?:[ ]dot[ ][\w+-]+)+[ ](?:at|\(at\)|\[at\])[ ][\w-]+(?:[ ]dot[ ][\w-]+)*[ ]dot[ ]{_SPOKEN_TLD}\b",
         0.8),
    Rule(rf"\b[\w+-]+[ ](?:at|\(at\)|\[at\])[ ]{_WEBMAIL}(?:[ ]dot[ ][\w-]+)*[ ]dot[ ]{_SPOKEN_TLD}\b", 0.8),
], context=["email", "e-mail"])

_TLD = r"(?:com|org|net|gov|edu|io|de|uk|us|ca|health|info|biz|co)"
URL = RegexRecognizer("URL", [
    Rule(r"\bhttps?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]", 0.9),
    Rule(r"\bwww\.[\w-]+(?:\.[\w-]+)*(?:/[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?", 0.85),
    Rule(rf"(?<![@\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.{_TLD}/[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]", 0.7),
], context=["link", "url", "portal", "website", "site"])


def _valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


IP = RegexRecognizer("IP", [
    Rule(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)", 0.6, validate=_valid_ip),
    Rule(r"(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}(?![\w:])", 0.6, validate=_valid_ip),
    # IPv6 with a run of zero groups written "::": "2001:db8:85a3::8a2e:370:7334"
    Rule(r"(?<![\w:])(?=[0-9a-f:]*::)(?:[0-9a-f]{1,4}:){1,6}(?::[0-9a-f]{1,4}){1,6}(?![\w:])", 0.6, validate=_valid_ip),
], context=["ip", "address", "ip address", "host"])

# US numbers: (617) 555-0143, 617-555-0143, 555.867.5309, 415 555 0139, +1 312 555 0175; international: +44 20 7946 0958
_US = r"(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w/-])"
_INTL = r"(?<![\w/])\+(?!1\b)\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\w/])"
_BARE10 = r"(?<![\w/.-])\d{10}(?![\w/.-])"
# UK numbers written nationally: 0161 496 0732, 020 7946 0958, 07700 900123 (10 or 11 digits from a leading 0)
#: a German number written with a slash after the area or mobile code: "0171/1234567", "030/1234567"
_DE_SLASH = r"(?<![\w/.-])0[1-9]\d{1,4}/\d{5,9}(?![\w/-])"
_UK = r"(?<![\w/.-])(?:\(0[1-9]\d{1,3}\)|0[1-9]\d{1,3})[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w/-])"  # "(01632) 960 123" too


def _uk_digits_ok(value: str) -> bool:
    return sum(c.isdigit() for c in value) in (10, 11)


def _digits_ok(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    return 7 <= digits <= 15


#: French numbers in pairs: "06 12 34 56 78", "01.23.45.67.89"
_FR = r"(?<![\w/.-])0[1-9](?:[ .][0-9]{2}){4}(?![\w/.-])"
#: Australian landlines with the area code in brackets: "(02) 9845 5555"
_AU = r"(?<![\w/])\(0[2378]\)[ ]?\d{4}[ -]?\d{4}(?![\w/])"
#: hospital pagers and extensions: "pager 4471", "bleep 2231", "ext. 5520"
_PAGER = (r"\b(?:pager|bleep|beeper|ext\.?|extension)\s*(?:no\.?|number|#|:)?\s*"
          r"(?P<v>\d{3,7}|\d{1,2}-\d{4})(?![\w/-])(?!\.\d)(?!\s*("
          r"?:degrees|deg\b|°))")
#: a pager or extension after the verb: "page the registrar on 2847", "call x4471"
_PAGE_ON = r"\b(?:page|bleep)\b(?:[ ]+[\w-]+){0,3}?[ ]+on[ ]+(?P<v>\d{3,5})(?![\w/.:-])"  # "at 1400" is a time
_CALL_X = r"\b(?:call|ring|dial|phone|or)[ ]+x[ ]?(?P<v>\d{3,5})\b"
#: nine-digit numbers after a phone word, as written in Spain and elsewhere: "Teléfono 612 345 678", "tel. 91 234 56 78"
_LABELLED9 = (r"\b(?:tel[ée]fono|telefone|telefono|tel\.?|m[óo]vil|celular|phone|mobile|cell|call (?:me|us|her|him) on)"
              r"\s*(?:no\.?|number|n[º°]|:)?\s*:?\s*(?P<v>\d{3}[ ]\d{3}[ ]\d{3}|\d{3}[ ]\d{2}[ ]\d{2}[ ]\d{2}|\d{2}[ "
              r"]\d{3}[ ]\d{2}[ ]\d{2})(?![\w/-])")
_DIGIT_WORD = r"(?:(?:double|triple)[ ]+)?(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
#: a number read out digit by digit, as in transcribed voicemails: "oh seven seven zero zero nine double four one two
# three"
_SPOKEN = rf"\b{_DIGIT_WORD}(?:[ ,-]+{_DIGIT_WORD}){{6,}}\b"


def _spoken_ok(value: str) -> bool:
    """Seven to fifteen digits once "double" and "triple" are counted as repeats of the next digit."""
    words = value.lower().replace(",", " ").replace("-", " ").split()
    repeats = {"double": 1, "triple": 2}
    digits = sum(repeats.get(w, 1) for w in words)
    return 7 <= digits <= 15


PHONE = RegexRecognizer("PHONE", [Rule(_US, 0.75, validate=_digits_ok), Rule(_INTL, 0.7, validate=_digits_ok),
                                  Rule(_PAGER, 0.8, group="v"),
                                  Rule(_PAGE_ON, 0.75, group="v"), Rule(_CALL_X, 0.75, group="v"),
                                  Rule(_UK, 0.7, validate=_uk_digits_ok),
                                  Rule(_FR, 0.7),
                                  Rule(_DE_SLASH, 0.7),
                                  Rule(_AU, 0.75),
                                  Rule(_LABELLED9, 0.8, group="v"),
                                  Rule(_SPOKEN, 0.7, validate=_spoken_ok),
                                  Rule(_BARE10, 0.3)],
                        context=["phone", "call", "cell", "mobile", "tel", "telephone", "number", "text", "contact",
                                 "reach"])
FAX = RegexRecognizer("FAX", [Rule(r"(?:fax|facsimile)(?:\s+\w+){0,4}?\s*(?:to|at|:|#|number|no\.?)?\s*(?P<v>(?:\+?1[\s"
                                   r".-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4})", 0.9, group="v"),
                              Rule(rf"(?:fax|facsimile)\s*(?:number|no\.?)?\s*[:#]?\s*(?P<v>{_AU})", 0.9, group="v")])

CASES = {
    "EMAIL": (
        [
            "email dkim85@gmail.com now",
            "From: jessica.tran@outlook.com",
            "to jane dot doe at gmail dot com, she",
            "it's jdoe88 at hotmail dot co dot uk",
        ],
        ["a@b is not", "mg/dL@home", "look at nhs dot uk for advice", "seen at st dot marys"],
    ),
    "URL": (
        ["see https://carelink.example-med.com/pt/88213.", "at www.bschultz-family.net/meds.", "portal.derm.com/u/x1"],
        ["ratio 25/100", "e.g. this"],
    ),
    "IP": (
        ["from IP 73.158.22.104 at", "IP as 10.0.0.23.", "connected from 2001:db8:85a3::8a2e:370:7334 at"],
        ["version 1.2.3.4.5", "999.1.1.1"],
    ),
    "PHONE": (
        [
            "pager 4-1234 for the resident",
            "call (617) 555-0143",
            "number is 555.867.5309",
            "text me 415 555 0139 thx",
            "cell +1 312 555 0175",
            "ring +44 20 7946 0958",
            "rang the surgery at 0161 496 0732",
            "mobile 07700 900123",
            "(02) 9845 1234 or",
            "(pager 4471)",
            "page the registrar on 2847 or",
            "or call x4471 about",
            "notified, pager 4471.",
            "bleep 2231,",
            "ext. 5520",
            "Teléfono 612 345 678.",
            "Portable : 06 12 34 56 78,",
            "call me back on oh seven seven zero zero nine double four one two three, thanks",
        ],
        [
            "BP 120/80",
            "ICD-10 M05.79",
            "dose 25/100",
            "PHQ-9 score 18",
            "0.5 mg",
            "code 0800 then 1200",
            "3 x 500 mg",
            "knee extension 120 degrees",
            "counted one two three and stopped",
            "phone 100 mg",
            "see page 12 of the leaflet",
            "page 3 at 1400 hours",
            "page the on-call at 1400 if worse",
        ],
    ),
    "FAX": (
        ["fax your note to (508) 555-0178", "Fax (702) 555-0155;", "Fax: (02) 9845 5555\n"],
        ["fax machine broken"],
    ),
}
RECOGNIZERS = [EMAIL, URL, IP, PHONE, FAX]
