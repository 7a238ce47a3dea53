"""PHI in record text: HL7 v2 segments (PID, NK1, PV1), FHIR JSON fields, CDA/CCD XML elements, and CSV columns
named like PHI."""

from __future__ import annotations

import csv
import io

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult

from guards.phi.recognizers.base import result

# HL7 v2 field (1-based, after the segment name) -> label
_HL7 = {
    "PID": {2: "MRN", 3: "MRN", 4: "MRN", 5: "NAME", 6: "NAME", 7: "DATE", 9: "NAME", 11: "ADDRESS", 13: "PHONE",
            14: "PHONE", 18: "ACCOUNT", 19: "SSN", 20: "LICENSE", 21: "MRN", 29: "DATE"},
    "NK1": {2: "NAME", 4: "ADDRESS", 5: "PHONE", 6: "PHONE", 30: "NAME", 31: "PHONE", 32: "ADDRESS"},
    "PV1": {7: "NAME", 8: "NAME", 9: "NAME", 17: "NAME", 19: "ACCOUNT", 44: "DATE", 45: "DATE"},
    "GT1": {3: "NAME", 5: "ADDRESS", 6: "PHONE", 8: "DATE", 12: "SSN"},
    "IN1": {16: "NAME", 19: "ADDRESS", 36: "HEALTH_PLAN", 49: "HEALTH_PLAN"},
}
_CODE_ONLY = re.compile(r"^(?:[A-Z]{1,4}|\d{1,2}|[MFUO]|MR|SS|DL|PI|PT|NPI|L|B|H|HL7|ISO|USA|US)$")

_FHIR = [
    (re.compile(r'"family"\s*:\s*"(?P<v>[^"]+)"'), "NAME"),
    (re.compile(r'"given"\s*:\s*\[(?P<arr>[^\]]*)\]'), "NAME"),
    (re.compile(r'"(?:birthDate|deceasedDateTime)"\s*:\s*"(?P<v>[^"]+)"'), "DATE"),
    (re.compile(r'"line"\s*:\s*\[(?P<arr>[^\]]*)\]'), "ADDRESS"),
    (re.compile(r'"city"\s*:\s*"(?P<v>[^"]+)"'), "CITY"),
    (re.compile(r'"(?:postalCode|zip)"\s*:\s*"(?P<v>[^"]+)"'), "ZIP"),
    (re.compile(r'"name"\s*:\s*\[\s*\{[^}]*?"text"\s*:\s*"(?P<v>[^"]+)"'), "NAME"),
    (re.compile(r'"(?:subject|patient|requester|performer|author|practitioner|participant|individual|recorder|'
                r'asserter)"\s*:\s*\{[^}]*?"display"\s*:\s*"(?P<v>[^"]+)"'), "NAME"),
    (re.compile(r'"identifier"\s*:\s*\[(?P<ids>.*?)\]\s*[,}]', re.DOTALL), "MRN"),
    (re.compile(r'"resourceType"\s*:\s*"Patient"[^{}]*?"id"\s*:\s*"(?P<v>[^"]+)"'), "MRN"),
    (re.compile(r'"reference"\s*:\s*"(?:Patient/|urn:uuid:)(?P<v>[^"]+)"'), "MRN"),
]
_STRING = re.compile(r'"(?P<v>[^"]+)"')
#: CDA / CCD XML: element text and attributes that are PHI ("<given>Aaliyah</given>", '<birthTime value="19870611"/>')
_XML = [
    (re.compile(r"<(?:\w+:)?(?:given|family|prefix-name|name)(?:\s[^<>]*)?>(?P<v>[^<>]+)</"), "NAME"),
    (re.compile(r"<(?:\w+:)?streetAddressLine(?:\s[^<>]*)?>(?P<v>[^<>]+)</"), "ADDRESS"),
    (re.compile(r"<(?:\w+:)?city(?:\s[^<>]*)?>(?P<v>[^<>]+)</"), "CITY"),
    (re.compile(r"<(?:\w+:)?postalCode(?:\s[^<>]*)?>(?P<v>[^<>]+)</"), "ZIP"),
    (re.compile(r"<(?:\w+:)?(?:birthTime|deceasedTime)\s[^<>]*?value=\"(?P<v>[^\"]+)\""), "DATE"),
    (re.compile(r"<(?:\w+:)?telecom\s[^<>]*?value=\"(?:tel:|fax:)(?P<v>[^\"]+)\""), "PHONE"),
    (re.compile(r"<(?:\w+:)?telecom\s[^<>]*?value=\"mailto:(?P<v>[^\"]+)\""), "EMAIL"),
    (re.compile(r"<(?:\w+:)?id\s[^<>]*?extension=\"(?P<v>[^\"]+)\""), "MRN"),
]
_ID_VALUE = re.compile(r'"value"\s*:\s*"(?P<v>[^"]{3,})"')

_CSV_COLUMNS = {
    "NAME": r"(?:full_?|first_?|last_?|given_?|family_?|sur|patient_?|pt_?|contact_?|provider_?|doctor_?)?name|patient|"
            r"surname|"
            r"nachname|vorname|familienname|nom|pr[ée]nom|nom_?de_?famille|achternaam|voornaam|apellidos?|nombre",
    "DATE": r"dob|birth_?date|date_?of_?birth|birthdate|admit_?date|discharge_?date|death_?date|geburtsdatum|"
            r"geb\.?_?datum|"
            r"date_?de_?naissance|geboortedatum|fecha_?de_?nacimiento",
    "PHONE": r"phone|telephone|mobile|cell|fax",
    "EMAIL": r"e-?mail",
    "ADDRESS": r"address|street|addr(?:ess)?_?line\d?",
    "CITY": r"city|town",
    "ZIP": r"zip|zip_?code|postal_?code|postcode",
    "MRN": r"mrn|medical_?record_?(?:number|no)?|patient_?id|record_?id",
    "SSN": r"ssn|social_?security(?:_?number)?",
    "HEALTH_PLAN": r"member_?id|policy_?(?:number|id)|insurance_?id|medicaid_?id|medicare_?id|mbi",
}
_CSV_RX = {label: re.compile(rf"^(?:{rx})$", re.IGNORECASE) for label, rx in _CSV_COLUMNS.items()}


def _column_label(name: str) -> str | None:
    """The PHI label of a column named ``name`` ("DOB", "patient name"), or None."""
    key = name.strip().replace(" ", "_")
    return next((label for label, rx in _CSV_RX.items() if rx.match(key)), None)


class StructuredRecordRecognizer(EntityRecognizer):
    """Labels PHI by position in HL7 v2, by key in FHIR JSON, and by column name in CSV."""

    def __init__(self) -> None:
        super().__init__(supported_entities=sorted({*(lab for seg in _HL7.values() for lab in seg.values()),
                                                    *(lab for _, lab in _FHIR), *(lab for _, lab in _XML),
                                                    *_CSV_COLUMNS}),
                         name="StructuredRecordRecognizer")

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        spans: list[tuple[str, int, int]] = []
        if "|" in text:
            spans += _hl7(text)
            spans += _pipe_table(text)
        if '"' in text and ":" in text:
            spans += _fhir(text)
        if "," in text or "\t" in text or ";" in text:
            spans += _csv(text)
        if "</" in text or "/>" in text:
            spans += [(label, *m.span("v")) for rx, label in _XML for m in rx.finditer(text) if m.group("v").strip()]
        return [result(self, label, a, b, 0.9) for label, a, b in spans if b > a]


#: Which components of an HL7 field are PHI, by label (1-based); None means all of them.
_COMPONENTS: dict[str, set[int] | None] = {"MRN": {1}, "ACCOUNT": {1}, "HEALTH_PLAN": {1}, "SSN": {1}, "LICENSE": {1},
                                           "ADDRESS": {1, 2, 3, 5}, "NAME": {1, 2, 3, 4}, "PHONE": {1}, "DATE": {1}}


def _hl7(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in re.finditer(r"(?m)^(?P<seg>[A-Z][A-Z0-9]{2})\|(?P<body>[^\r\n]*)", text):
        fields = _HL7.get(m.group("seg"))
        if not fields:
            continue
        pos = m.start("body")
        for n, field in enumerate(m.group("body").split("|"), start=1):
            label = fields.get(n)
            if label and field:
                wanted = _COMPONENTS.get(label)
                if fields is _HL7["PV1"] and label == "NAME":
                    wanted = {2, 3, 4}  # XCN: component 1 is the provider's ID
                comp_pos = pos
                for repetition in field.split("~"):
                    for k, comp in enumerate(repetition.split("^"), start=1):
                        keep = wanted is None or k in wanted
                        if comp and keep and not (label != "NAME" and _CODE_ONLY.match(comp)):
                            out.append((label, comp_pos, comp_pos + len(comp)))
                        comp_pos += len(comp) + 1

            pos += len(field) + 1
    return out


def _fhir(text: str) -> list[tuple[str, int, int]]:
    out = []
    for rx, label in _FHIR:
        for m in rx.finditer(text):
            if "v" in m.groupdict() and m.group("v") is not None:
                out.append((label, *m.span("v")))
            elif "arr" in m.groupdict():
                for s in _STRING.finditer(text, m.start("arr"), m.end("arr")):
                    out.append((label, *s.span("v")))
            elif "ids" in m.groupdict():
                for s in _ID_VALUE.finditer(text, m.start("ids"), m.end("ids")):
                    out.append(("MRN", *s.span("v")))
    return out


def _csv(text: str) -> list[tuple[str, int, int]]:
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return []
    # tab- and semicolon-separated exports too (a semicolon where a decimal comma is used)
    delimiter = "\t" if "\t" in lines[0] else ";" if lines[0].count(";") > lines[0].count(",") else ","
    header = next(csv.reader(io.StringIO(lines[0]), delimiter=delimiter), [])
    labels = {i: label for i, col in enumerate(header) if (label := _column_label(col))}
    if not labels or len(header) < 2:
        return []
    out = []
    offset = len(lines[0])
    for line in lines[1:]:
        cells = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
        cursor = offset
        for i, cell in enumerate(cells):
            at = text.find(cell, cursor) if cell else -1
            if at >= 0:
                if i in labels and cell.strip():
                    lead = len(cell) - len(cell.lstrip())
                    out.append((labels[i], at + lead, at + len(cell.rstrip())))
                cursor = at + len(cell)
        offset += len(line)
    return out


_PIPE_ROW = re.compile(r"^[ \t]*\|(?P<cells>.*)\|[ \t]*$")
_PIPE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?[ \t]*)?$")


def _pipe_table(text: str) -> list[tuple[str, int, int]]:
    """Markdown tables: a header row, a rule of dashes, then rows whose cells take the header's PHI labels."""
    out: list[tuple[str, int, int]] = []
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    labels: dict[int, str] = {}
    for n, line in enumerate(lines):
        row = _PIPE_ROW.match(line.rstrip("\r\n"))
        if not row:
            labels = {}
            continue
        if n + 1 < len(lines) and _PIPE_RULE.match(lines[n + 1].rstrip("\r\n")):
            cells = row.group("cells").split("|")
            labels = {i: label for i, cell in enumerate(cells) if (label := _column_label(cell))}
            continue
        if _PIPE_RULE.match(line.rstrip("\r\n")) or not labels:
            continue
        pos = starts[n] + row.start("cells")
        for i, cell in enumerate(row.group("cells").split("|")):
            value = cell.strip()
            if i in labels and value:
                at = pos + cell.index(value)
                out.append((labels[i], at, at + len(value)))
            pos += len(cell) + 1
    return out


CASES = {
    "HL7": (
        [
            "PID|1||MRN12345^^^HOSP^MR||DOE^JANE^A||19800101|F|||12 MAIN "
            "ST^^BOSTON^MA^02110||(617)555-0100|||||AC555|123-45-6789"
        ],
        ["OBX|1|NM|8867-4^Heart rate^LN||88|/min"],
    ),
    "FHIR": (
        [
            '{"name": [{"family": "Smith", "given": ["John", "Q"]}], "birthDate": "1970-05-01", "address": [{"line": '
            '["1 Elm St"], "city": "Salem", "postalCode": "01970"}]}'
        ],
        ['{"code": {"text": "Heart rate"}, "valueQuantity": {"value": 88}}'],
    ),
    "CSV": (["name,dob,hr\nJane Roe,1980-01-02,88\n"], ["hr,rr\n88,16\n"]),
    "TABLE": (
        ["| Name | DOB | HR |\n|---|---|---|\n| Precious Nwosu | 1987-06-30 | 88 |\n"],
        ["| Test | Result |\n|---|---|\n| Sodium | 138 |\n"],
    ),
    "XML": (
        [
            "<patient><name><given>Aaliyah</given><family>Haddad</family></name><birthTime "
            'value="19870611"/></patient>',
            '<telecom value="tel:+1-313-555-0148"/>',
        ],
        ['<observation><code code="8867-4" displayName="Heart rate"/><value value="88" unit="/min"/></observation>'],
    ),
}
RECOGNIZERS = [StructuredRecordRecognizer()]
