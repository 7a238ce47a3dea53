"""PHI in file names and imaging headers: a patient's name and a compact date in the name of an image or document
("jones_mary_ct_head_20250314.dcm"), and a DICOM person name ("DOE^JOHN^A")."""

from __future__ import annotations

import regex as re

from guards.phi.name_lists import is_common_english, is_surname
from guards.phi.recognizers.base import RegexRecognizer, Rule
from guards.phi.recognizers.name_words import first_names

_EXT = r"\.(?:dcm|dicom|pdf|jpe?g|png|tiff?|bmp|docx?|rtf|txt|csv|xlsx?|mp4|wav)\b"
#: the rest of a file name up to its extension, without spaces
_REST = rf"(?:[_.-][A-Za-z0-9]+)*{_EXT}"
_COMPACT_DATE = r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"


def _person(value: str) -> bool:
    """Both parts are listed first names or surnames, and not both ordinary English words ("left_knee")."""
    parts = re.split(r"[_-]", value.lower())
    return (len(parts) == 2 and all(p in first_names() or is_surname(p) for p in parts)
            and not all(is_common_english(p) for p in parts))


FILE_NAME = RegexRecognizer("NAME", [
    Rule(rf"(?<![\w/\\.-])(?P<v>[A-Za-z][a-z'’]+[_-][A-Za-z][a-z'’]+)(?=[_.-]){_REST}", 0.7, group="v",
         validate=_person),
], name="FileNameRecognizer")

#: a DICOM person name, its parts joined by carets: "DOE^JOHN^A"
DICOM_NAME = RegexRecognizer("NAME", [
    # after a name label or DICOM's PN type ("Patient's Name: DOE^JOHN", "(0010,0010) PN [DOE^JOHN]"), not in HL7
    # segments, whose carets separate components of every field ("8867-4^Heart rate^LN")
    Rule(r"(?i:\bname|\bpatient|\bPN)\b[^\n|^]{0,20}?(?<![\w^])(?P<v>[A-Za-z][A-Za-z'’-]+\^[A-Za-z][A-Za-z'’-]*(?:\^[A-"
         r"Za-z.'’-]*){0,3})(?![\w^])",
         0.8, group="v", flags=0),
], name="DicomNameRecognizer")

FILE_DATE = RegexRecognizer("DATE", [
    Rule(rf"(?<=[A-Za-z0-9][_-])(?P<v>{_COMPACT_DATE})(?=(?:[_-][A-Za-z0-9]+)*{_EXT})", 0.75, group="v", flags=0),
], name="FileDateRecognizer")

CASES = {
    "file names": (["Attached: jones_mary_ct_head_20250314.dcm for", "see okafor-amara_cxr.png",
                    "scan_20240102.pdf here", "Patient Name: DOE^JOHN^A  Study"],
                   ["left_knee_xray.jpg", "report_final_v2.pdf", "ct_head_protocol.docx", "20250314.dcm",
                    "version 20250314", "x^2 + y^2", "10^9/L", "OBX|1|NM|8867-4^Heart rate^LN||72"]),
}
RECOGNIZERS = [FILE_NAME, FILE_DATE, DICOM_NAME]
