"""PHI in file names: a patient's name and a compact date in the name of an image or document
("jones_mary_ct_head_20250314.dcm")."""

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
    Rule(rf"(?<![\w/\\.-])(?P<v>[A-Za-z][a-z'’]+[_-][A-Za-z][a-z'’]+)(?=[_.-]){_REST}", 0.7, group="v", validate=_person),
], name="FileNameRecognizer")

FILE_DATE = RegexRecognizer("DATE", [
    Rule(rf"(?<=[A-Za-z0-9][_-])(?P<v>{_COMPACT_DATE})(?=(?:[_-][A-Za-z0-9]+)*{_EXT})", 0.75, group="v", flags=0),
], name="FileDateRecognizer")

CASES = {
    "file names": (["Attached: jones_mary_ct_head_20250314.dcm for", "see okafor-amara_cxr.png", "scan_20240102.pdf here"],
                   ["left_knee_xray.jpg", "report_final_v2.pdf", "ct_head_protocol.docx", "20250314.dcm", "version 20250314"]),
}
RECOGNIZERS = [FILE_NAME, FILE_DATE]
