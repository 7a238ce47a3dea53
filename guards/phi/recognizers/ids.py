"""Identifiers: MRN, health plan (Medicare MBI included), account, SSN, device, vehicle, licenses (DEA), other IDs.

Most are recognised by their label ("MRN:", "member ID", "serial"), reporting only the value.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex as re

from guards.phi.recognizers.base import RegexRecognizer, Rule, labelled

# An ID value: letters, digits and dashes, at least one digit, 4+ characters.
VALUE = r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,}[A-Z0-9]\b"

MRN = RegexRecognizer("MRN", [
    Rule(r"\b(?:patient_?id|pat_?id|pid|mrn|person_?id|subject_?id)=(?P<v>[\w-]{3,})", 0.85, group="v"),
    Rule(labelled(r"\bMRN|\bMR\s?#|\bMR no\.?|medical record(?: number| no\.?| #)?|\bchart(?: number| no\.?| #)|"
                  r"hospital (?:number|no\.?|#)|\bhosp\.? (?:number|no\.?|#)|\bpatient ID|\bpt\.? "
                  r"ID|\bpatient\s?#|\bpt\.?\s?#|\bpatient (?:number|no\.)|\bunit (?:number|no\.?)|\bhealth record "
                  r"(?:number|#)|\bUHID(?: no\.?| number)?|\bIP (?:no\.?|number)", VALUE),
         0.9, group="v"),
    # New Zealand NHI numbers: three letters and four digits, or (from 2025) three letters, two digits, two letters
    Rule(labelled(r"\bNHI(?: number| no\.?| #)?", r"[A-HJ-NP-Z]{3}(?:\d{4}|\d{2}[A-HJ-NP-Z]{2})\b"), 0.9, group="v"),
    # NHS (England, Wales) and CHI (Scotland) numbers: ten digits, often written 3-3-4
    Rule(labelled(r"\bNHS(?: number| no\.?| #)?|\bCHI(?: number| no\.?)", r"\d{3}[ -]?\d{3}[ -]?\d{4}\b"), 0.9,
         group="v"),
    Rule(labelled(r"\bCHI", r"\d{10}\b"), 0.85, group="v"),
    # a record number printed in groups of three on a sticker: "MRN 004 412 877"
    Rule(labelled(r"\bMRN|\bMR\s?#|\bhospital (?:number|no\.?|#)|\bhosp\.? (?:number|no\.?|#)",
                  r"\d{3}(?:[ ]\d{3}){2,3}\b"), 0.85, group="v"),
    # the label run into the number, as on wristband barcodes: "*MRN00412877*"
    Rule(r"\bMRN(?P<v>\d{5,10})\b", 0.85, group="v", flags=0),
    # the label joined to the number by a hyphen, standing alone: "record=MRN-5512093"
    Rule(r"\b(?P<v>MRN-\d{5,10})\b", 0.85, group="v", flags=0),
    # a wristband's number, and a barcode's digits printed between asterisks (Code 39): "Band: *448213*"
    Rule(r"\b(?:wrist ?)?band\s*(?:no\.?|#|number)?\s*:\s*\*?(?P<v>[A-Z]{0,3}\d{5,10})\b", 0.8, group="v"),
    Rule(r"(?<![\w*])\*(?P<v>[A-Z]{0,3}\d{6,10})\*(?![\w*])", 0.6, group="v", flags=0),
    # a record in a key=value log line when its value has a digit: "action=VIEW record=A-5512093"
    Rule(r"\b(?:record|record_?id|chart_?id)=(?P<v>[\w-]*\d[\w-]*)", 0.8, group="v"),
    # Australian unit record numbers: "UR 3345127", "URN: 0098812"
    Rule(labelled(r"\bURN?(?: number| no\.?| #)?", r"\d{5,10}\b"), 0.85, group="v", flags=0),
    # a bare record number in its own cell of a pipe-separated row: "| 03/11/1958 | H8841207 | FBC"
    Rule(r"(?<=\|[ ]*)(?P<v>[A-Z]{1,3}\d{6,10}|\d{7,10})(?=[ ]*\|)", 0.6, group="v", flags=0),
], context=["mrn", "record", "chart", "nhs"])

_INSURERS = r"aetna|cigna|humana|unitedhealthcare|united healthcare|uhc|anthem|kaiser|bcbs|blue cross|blue shield|" \
            r"tricare|molina|centene|wellcare|oscar|ambetter|highmark|cvs health"
# Medicare Beneficiary Identifier: 11 characters, fixed letter/digit positions, often written 4-3-4.
_MBI = (r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}"
        r"\b")
HEALTH_PLAN = RegexRecognizer("HEALTH_PLAN", [
    Rule(labelled(r"\bmember(?:ship)?(?: ID| #| number| no\.?)|\bsubscriber(?: ID| #| number)|\bpolicy(?: ID| #| "
                  r"number| no\.?)?|"
                  r"\binsurance(?: ID| #| number| no\.?)|\b(?:health )?plan(?: ID| #| number)|\bgroup(?: #| number| "
                  r"no\.?)|"
                  r"\bmedicaid(?: ID| #| number| no\.?)?|\bmedicare(?: ID| #| number| no\.?| beneficiary "
                  r"identifier)?|\bMBI|"
                  rf"\b(?:{_INSURERS})(?: ID| #| number| member ID)?|"
                  r"\bhealth card(?: number| no\.?| #)?|\bOHIP(?: number| no\.?| #)?|\bRAMQ(?: number| no\.?)?|"
                  r"\bpersonal health number|\bPHN|\bcare card(?: number| no\.?)?", VALUE), 0.9, group="v"),
    Rule(_MBI, 0.7, flags=0),
    # Australian Medicare (10 digits and the card's issue number, "2123 45670 1") and IHI (16 digits, 4-4-4-4) numbers
    Rule(labelled(r"\bmedicare(?: card)?(?: ID| #| number| no\.?)?|\bIHI(?: number| no\.?)?|\bindividual healthcare "
                  r"identifier",
                  r"\d{4}[ ]?\d{5}[ ]?\d(?:[ /-]\d)?(?![\d ]\d)|\d{4}[ ]?\d{4}[ ]?\d{4}[ ]?\d{4}\b"), 0.9, group="v"),
    # a German health insurance number (Krankenversichertennummer): a letter and nine digits
    Rule(labelled(r"\b(?:Kranken)?[Vv]ersichertennummer|\bKVNR|\bVersicherten-Nr\.?", r"[A-Z]\d{9}\b"), 0.9, group="v",
         flags=0),
    # a card's bare "ID:" on the line that names the member: "Member: JOHN Q PUBLIC   ID: XJH123456789"
    Rule(r"\b(?:Member|Subscriber|Insured|Policyholder|Cardholder)\b[^\n]{0,60}?\bID\s*[:#]\s*(?P<v>[A-Z0-9][A-Z0-9-]{5"
         r",19})\b",
         0.85, group="v", flags=0, validate=lambda v: any(c.isdigit() for c in v)),
    # "Group: 00471" (a bare "group" needs the colon: "group A strep", "age group 40")
    Rule(labelled(r"\bgroup(?=\s*:)", VALUE), 0.85, group="v"),
], context=["insurance", "medicare", "medicaid", "member", "policy", "plan"])

ACCOUNT = RegexRecognizer("ACCOUNT", [
    Rule(labelled(r"\baccount(?: #| number| no\.?)?|\bacct\.?(?: #| number)?|\bacc\.?\s?#|\baccession(?: #| number| "
                  r"no\.?)?|"
                  r"\bbilling(?: #| number| ID)|\binvoice(?: #| number)|\bencounter(?: #| number)|\bvisit(?: #| "
                  r"number)|"
                  r"\bclaim(?: #| number| ID)?", VALUE), 0.9, group="v"),
], context=["account", "billing"])

SSN = RegexRecognizer("SSN", [
    Rule(r"(?<![\w-])(?!000|666)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])", 0.85, flags=0),
    Rule(labelled(r"\bSSN|\bsocial security(?: number| no\.?| #)?|\bSS#", r"\d{3}[- ]?\d{2}[- ]?\d{4}",
                  sep=r"\s*(?:on file|is|number|no\.?)?\s*[:#]?\s*"), 0.95, group="v"),
    # national numbers: Indian Aadhaar (12 digits, 4-4-4), Dutch BSN (9 digits), Brazilian CPF (123.456.789-09)
    Rule(labelled(r"\baadhaa?r(?: number| no\.?| card)?|\bUID(?: number| no\.?)?", r"\d{4}[ -]?\d{4}[ -]?\d{4}\b"), 0.9,
         group="v"),
    Rule(labelled(r"\bBSN|\bburgerservicenummer", r"\d{9}\b|\d{4}\.\d{2}\.\d{3}\b"), 0.9, group="v"),
    Rule(labelled(r"\bCPF", r"\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b"), 0.9, group="v"),
    # a UK National Insurance number: "QQ 12 34 56 C"
    Rule(labelled(r"\bNI(?:NO)?(?: number| no\.?)?|\bnational insurance(?: number| no\.?)?",
                  r"[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b"), 0.9, group="v", flags=0),
    # a Swiss AHV/AVS number (always 756...) and a Mexican CURP
    Rule(r"(?<![\w.])756[.]\d{4}[.]\d{4}[.]\d{2}(?![\w.])|(?<=\b(?:AHV|AVS)(?:-Nr\.?|-No\.?| "
         r"no\.?)?\s*:?\s*)756\d{10}\b", 0.85, flags=0),
    Rule(r"\b[A-Z][AEIOUX][A-Z]{2}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z0-9"
         r"]\d\b", 0.85, flags=0),
    # Spanish DNI / NIE (eight digits or X, Y, Z and seven, then the check letter), French NIR (15 digits, sex first,
    # Corsica as 2A / 2B), Italian codice fiscale (16 characters in fixed letter and digit places)
    Rule(labelled(r"\bDNI|\bNIE|\bNIF|\bD\.N\.I\.", r"[XYZ]?\d{7,8}[ -]?[A-Z]\b"), 0.9, group="v"),
    Rule(r"(?<![\w-])[XYZ0-9]\d{7}-?[A-Z](?![\w-])", 0.6, validate=lambda v: _dni_ok(v), flags=0),
    Rule(labelled(r"\bNIR|\bnum[ée]ro de s[ée]curit[ée] sociale|\bn[°º] (?:de )?s[ée]cu(?:rit[ée] sociale)?|\bINSEE",
                  r"[12][ ]?\d{2}[ ]?(?:0[1-9]|1[0-2]|[2-9]\d)[ ]?(?:\d{2}|2A|2B)[ ]?\d{3}[ ]?\d{3}(?:[ ]?\d{2})?\b"),
                  0.9, group="v"),
    Rule(r"\b[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]\b", 0.85, flags=0),
    # Irish PPS numbers (seven digits and one or two letters) and Canadian social insurance numbers (nine digits)
    Rule(labelled(r"\bPPSN?(?: number| no\.?)?|\bpersonal public service(?: number| no\.?)?", r"\d{7}[A-W][A-IW]?\b"),
         0.9, group="v"),
    Rule(labelled(r"\bSIN(?: number| no\.?| #)?|\bsocial insurance(?: number| no\.?)?", r"\d{3}[ -]?\d{3}[ -]?\d{3}\b"),
         0.9,
         group="v", flags=0),
    # the last four digits: "SSN ending 4471", "last 4 of her SSN: 4471"
    Rule(labelled(r"\bSSN|\bsocial security(?: number| no\.?| #)?|\bSS#", r"\d{4}\b",
                  sep=r"\s*(?:on file\s*)?(?:ending(?: in| with)?|last (?:4|four)(?: digits)?(?: are| is)?)\s*:?\s*"),
                  0.9, group="v"),
    Rule(r"\blast (?:4|four)(?: digits)? of (?:the |her |his |their |my )?(?:SSN|social security(?: "
         r"number)?)\s*(?:is|are|:)?\s*(?P<v>\d{4})\b",
         0.9, group="v"),
], context=["ssn", "social security"])

def _dni_ok(v: str) -> bool:
    """Spanish DNI / NIE check letter: the number modulo 23 picks it (an NIE's X, Y, Z count as 0, 1, 2)."""
    v = v.replace("-", "").upper()
    digits = "XYZ".index(v[0]) if v[0] in "XYZ" else None
    number = (str(digits) + v[1:-1]) if digits is not None else v[:-1]
    return number.isdigit() and "TRWAGMYFPDXBNJZSQVHLCKE"[int(number) % 23] == v[-1]


DEVICE = RegexRecognizer("DEVICE", [
    Rule(labelled(r"\bserial(?: number| no\.?| #)?|\bS/N|\bSN\b|\bdevice(?: ID| #| serial)|\bUDI|\bIMEI", VALUE,
                  sep=r"\s*(?:is|number|no\.?)?\s*[:#]?\s*"), 0.9, group="v"),
], context=["serial", "device", "pump", "pacemaker", "implant"])


def _vin_ok(v: str) -> bool:
    """VIN check digit (position 9), as North American VINs carry it."""
    values = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))),
              "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
    weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    v = v.upper()
    if len(v) != 17 or any(c not in values for c in v):
        return False
    total = sum(values[c] * w for c, w in zip(v, weights)) % 11
    return v[8] == ("X" if total == 10 else str(total))


VEHICLE = RegexRecognizer("VEHICLE", [
    Rule(labelled(r"\b(?:license |licence |vehicle |number |car )?plate(?: number| #| no\.?)?|\btag(?: number| #)",
                  r"[A-Z0-9]{1,4}[- ]?[A-Z0-9]{2,5}\b", sep=r"\s*(?:is|number|no\.?)?\s*[:#]?\s*"), 0.9, group="v",
         validate=lambda v: any(c.isdigit() for c in v) and re.search(r"[A-Za-z]{5,}", v) is None),
    Rule(r"\b[A-HJ-NPR-Z0-9]{17}\b", 0.9, validate=_vin_ok),
    Rule(labelled(r"\bVIN", r"[A-HJ-NPR-Z0-9]{11,17}\b"), 0.95, group="v"),
    # registrations: "reg 191-D-12345", "registration AB12 CDE"
    Rule(labelled(r"\breg(?:istration)?(?: number| no\.?| plate)?|\bnumber plate", r"[A-Z0-9]{1,4}[- "
                                                                                   r"]?[A-Z0-9]{1,4}(?:[- "
                                                                                   r"]?[A-Z0-9]{1,6})?\b",
                  sep=r"\s*(?:is|number|no\.?)?\s*[:#]?\s*"), 0.85, group="v",
         validate=lambda v: any(c.isdigit() for c in v) and any(c.isalpha() for c in v) and len(v) >= 5
         and re.search(r"[A-Za-z]{5,}", v) is None),
    # a British registration (two letters, two digits, three letters) after a word about a vehicle or its driver
    Rule(r"\b(?i:vehicle|car|van|lorry|truck|motorbike|motorcycle|moped|taxi|driver|RTC|RTA)\b[^.\n]{0,40}?"
         r"\b(?P<v>[A-HJ-PR-Y][A-HJ-PR-Y]\d{2}[ ]?[A-HJ-PR-Z]{3})\b", 0.85, group="v", flags=0),
], context=["vehicle", "car", "plate", "vin"])


def _dea_ok(v: str) -> bool:
    """DEA number checksum: (d1+d3+d5) + 2*(d2+d4+d6) ends in d7."""
    d = [int(c) for c in v[2:]]
    return len(d) == 7 and (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


LICENSE = RegexRecognizer("LICENSE", [
    Rule(labelled(r"\bdriver'?s?'? licen[cs]e(?: number| no\.?| #)?|\bDL(?: #| number| no\.?)?|\blicen[cs]e(?: number| "
                  r"no\.?| #)",
                  VALUE, sep=r"\s*(?:is|number|no\.?)?\s*[:#]?\s*"), 0.9, group="v"),
    Rule(r"\b[A-Z][A-Z9]\d{7}\b", 0.5, validate=_dea_ok, flags=0),
    Rule(labelled(r"\bDEA(?: number| #| no\.?)?", r"[A-Z][A-Z9]\d{7}\b"), 0.95, group="v"),
    Rule(labelled(r"\bNPI(?: number| #| no\.?)?", r"\d{10}\b"), 0.95, group="v"),
], context=["dea", "license", "licence", "prescriber"])

@cache
def drug_codes() -> frozenset[str]:
    """Sponsor prefixes of investigational drug codes (``guards/phi/data/drug_code_prefixes.txt``)."""
    path = Path(__file__).parent.parent / "data" / "drug_code_prefixes.txt"
    return frozenset(line.strip() for line in path.read_text().splitlines() if line.strip() and line[0] != "#")


OTHER_ID = RegexRecognizer("OTHER_ID", [
    Rule(labelled(r"\bbadge", r"\d{3,8}\b"), 0.8, group="v"),
    Rule(labelled(r"\bpassport", r"(?=[A-Z0-9]*\d)[A-Z0-9]{6,9}\b"), 0.8, group="v"),
    Rule(labelled(r"\b(?:badge|employee|staff|case|sample|specimen|lab|order|requisition|reference|ref|ticket|file|"
                  r"study|subject|participant|enrollment|certificate|passport|prison|prisoner|inmate|booking|collar|"
                  r"warrant|"
                  r"shoulder|service|DoD|VA)(?: ID| #| number| no\.?)", VALUE), 0.85, group="v"),
    # a specimen or accession number with no "ID" after the word: "specimen S25-018832", "accession 24-118832"
    Rule(r"\b(?i:specimen|accession|sample)(?:\s+(?:no\.?|#))?\s*[:#]?\s*(?P<v>(?=[A-Z0-9-]*\d)[A-Z]{0,4}\d{2}[A-Z0-9]*"
         r"-\d{3,}[A-Z0-9]*)\b",
         0.8, group="v", flags=0),
    # incident, subject and screening numbers with no "ID" after the word, in the dashed forms they take:
    # "Incident 2025-118842", "subject 014-0032" (a bare number after "subject" is not taken: "subject 2 of 3")
    Rule(r"\b(?i:incident|subject|participant|screening|enrol?ment|randomi[sz]ation|call|job|case)(?:\s+(?:no\.?|#|"
         r"number))?"
         r"\s*[:#]?\s*(?P<v>\d{2,4}-\d{3,8}(?:-\d{1,6})?)\b(?![ "
         r"]*(?:mg|ml|mcg|units?|%|years?|days?|weeks?|hours?|times|/))",
         0.8, group="v", flags=0),
    # a reference code after a bare "ref": "booked ..., ref INT-2291" (letters, a dash, digits; "ref range" has none)
    Rule(r"\b(?i:ref(?:erence)?)\.?\s*[:#]?\s*(?P<v>[A-Z]{2,5}-\d{3,8})\b", 0.8, group="v", flags=0),
    # prescription numbers on labels: "Rx# 4481923", "prescription number 4481923"
    Rule(labelled(r"\bRx\s?#|\bRx (?:number|no\.?)|\bprescription (?:number|no\.?|#)", VALUE), 0.85, group="v"),
    Rule(labelled(r"\b(?:prior auth(?:ori[sz]ation)?|pre-?auth(?:ori[sz]ation)?|authori[sz]ation|referral)(?: "
                  r"request)?(?: ID| #| number| no\.?)",
                  VALUE), 0.85, group="v"),
    # user names: "portal user m.delacruz1987", "username: jdoe_88", "handle @kat_r92"
    Rule(labelled(r"\b(?:(?:portal|online|app|mychart|account) )?user ?(?:name|id)|\b(?:portal|mychart|online|app) "
                  r"user|"
                  r"\blog-?in(?: name| id)?|\bscreen ?name|\bhandle|\b(?:twitter|instagram|tiktok|snapchat|telegram)",
                  r"@?(?=[\w.@-]*[\d._@])[A-Za-z0-9][\w.@-]{2,}[A-Za-z0-9]", sep=r"\s*(?:is|name)?\s*[:#=]?\s*"), 0.85,
                  group="v"),
    Rule(r"(?<![\w@.])@(?=\w*[\d_])[A-Za-z][A-Za-z0-9_]{2,29}\b", 0.75, flags=0),
    # handles with dots inside, as Instagram's are: "@lily.h.recovery" (not "@home." at the end of a sentence)
    Rule(r"(?<![\w@.])@(?=[A-Za-z]\w*\.\w)[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+\b", 0.75, flags=0),
    # key=value logs: "user=jsmith42", "login=m.ortiz"
    Rule(r"\b(?:user|username|user_?id|login|uid)=(?P<v>[\w.@-]+)", 0.85, group="v"),
    # any other labelled ID: "Interpreter ID INT-4471", "visitor ID: V-20931"
    Rule(labelled(r"\b[A-Za-z]+ ID(?: #| number| no\.?)?", VALUE), 0.7, group="v", flags=0),
    # an identifier by its shape alone: two to four capitals, a dash and four digits or more ("HPN-987654",
    # "QX-789012"); a gene or a scale has fewer digits ("IL-6", "ICD-10", "COVID-19")
    Rule(r"(?<![\w-])[A-Z]{2,4}-\d{4,}(?![\w-])", 0.6, flags=0,
         validate=lambda v: v.split("-")[0] not in drug_codes()),
    # "ID:" or "ID #" before a number of six or more digits: "(ID: 987654321)"
    Rule(r"\bID\s*[:#]\s*(?P<v>\d{6,})\b", 0.8, group="v", flags=0),
], context=["id", "identifier", "user", "username"])

CASES = {
    "MRN": (
        [
            "MRN: 00483921",
            "(MRN A1029384)",
            "MRN: MRN-4471093",
            "MRN 3301-448-92",
            "medical record number 7734221",
            "for patient #A7734921 (",
            "pt #00412233",
            "UHID: 20231145678\n",
            "NHS number 943 476 5919.",
            "CHI no 1204561234",
            "NHI ZAC4475, born",
            "viewed patient_id=889123 at",
            "| 03/11/1958 | H8841207 | FBC",
            "UR 3345127 | Ward",
            "MRN 004 412 877 —",
            "CHI 1502735821:",
            "scan *MRN00412877* ok",
            "action=VIEW record=MRN-5512093",
            "record_id=A-5512093 ",
        ],
        ["MRN pending", "GCS 15", "| 135 | 4.2 |", "| 150000 |", "record=vitals"],
    ),
    "HEALTH_PLAN": (
        [
            "member ID is BCX884512937",
            "Versichertennummer A123456780,",
            "Member: JOHN Q PUBLIC   ID: XJH123456789",
            "Aetna policy # W2938475601",
            "Medicaid ID 74839201B",
            "medicare number is 1EG4-TE5-MK73",
            "UnitedHealthcare ID UHC912847301",
            "MBI 1EG4TE5MK73",
            "Medicare No: 2123 45670 1   IHI",
            "IHI: 8003 6012 3456 7890\n",
            "Group: 00471  Policy",
            "health card 4532-281-946-KT,",
            "OHIP # 1234567890",
        ],
        ["policy on visitors", "plan PET-CT in 6 weeks", "group A strep", "age group 40-49", "group 2 of 3"],
    ),
    "ACCOUNT": (
        ["Account # 558810223", "Acc#: RAD-2024-118834", "comp claim WC-2024-551902:"],
        ["account of events", "claim 2 weeks"],
    ),
    "SSN": (
        [
            "SSN on file 412-67-3398.",
            "SSN 529-18-4471,",
            "social security number 318427765",
            "SSN ending 4471 on",
            "last 4 of her SSN: 4471",
            "PPSN 7654321TA,",
            "Aadhaar 2345 6789 0123,",
            "BSN 123456782,",
            "CPF 123.456.789-09,",
            "AHV-Nr. 756.1234.5678.97,",
            "NI number QQ 12 34 56 C on",
            "CURP GODE561231HDFRRN09,",
            "SIN 046 454 286.",
            "DNI 12345678Z,",
            "NIE X1234567L.",
            "NIR 2 84 05 75 123 456 78,",
            "codice RSSMRA85T10A562S;",
        ],
        ["ICD-10 M05.79", "lot 12345679Z here", "sin 3 dias", "000-12-3456", "BP 120/80-130/85"],
    ),
    "DEVICE": (["serial number PJN882731S,", "(serial OM-5521-88347)", "serial 2BX7449K)"], ["serial measurements"]),
    "VEHICLE": (
        [
            "Vehicle plate 7XKM392 (CA)",
            "(plate ABC-1234, VIN 1HGCM82633A004352)",
            "reg 191-D-12345",
            "registration AB12 CDE",
            "Driver of vehicle KP68 XRT brought",
        ],
        ["plate count 150", "car park level 2 ECG", "1HGCM82633A004353", "insulin reg 10 units", "registration 2024"],
    ),
    "LICENSE": (
        ["driver's license S530-4187-2290 (IL)", "Prescriber DEA BR4829377.", "BR4829377", "NP  NPI 1234567893  DEA"],
        ["BR4829378", "license to practice"],
    ),
    "OTHER_ID": (
        [
            "Sample ID GX-2024-00917.",
            "plan HPN-987654 on file",
            "(ID: 987654321)",
            "badge # 44821",
            "case number 2024-CV-118",
            "portal user m.delacruz1987 or",
            "username: jdoe_88",
            "DM me @kat_r92",
            "posts as @lily.h.recovery on",
            "Prior auth request #PA-2026-88412 submitted",
            "Rx# 4481923  label",
            "Interpreter ID INT-4471.",
            "booked for Mr Haile, ref INT-2291.",
            "visitor ID: V-20931",
            "officer badge 4471 present",
            "prison number A1234BC,",
            "PC Hughes, collar number 4471,",
            "audit: user=jsmith42 viewed",
            "specimen S25-018832 from",
            "Incident 2025-118842\n",
            "(passport 533214876).",
            "log, subject 014-0032, Jaro",
        ],
        [
            "case report",
            "user of cannabis",
            "glargine 10u @night",
            "seen @home. Next",
            "O2 @ 2 L/min",
            "subject 2 of 3",
            "case 10-20 mg daily",
            "in 2019-2021 she",
            "ref range 3.5-5.0",
            "ref. ranges normal",
            "MK-1775 is a kinase inhibitor",
            "IL-6 and ICD-10 and COVID-19",
        ],
    ),
}
RECOGNIZERS = [MRN, HEALTH_PLAN, ACCOUNT, SSN, DEVICE, VEHICLE, LICENSE, OTHER_ID]
assert re  # the regex module is what Presidio uses too
