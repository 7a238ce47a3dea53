"""Dates in every common form (numeric, month names, ordinals, HL7 YYYYMMDD in context), and ages 90 and over.

Bare years, times and relative times ("3 days ago") are not dates of a person and stay.
"""

from __future__ import annotations

from guards.phi.recognizers.base import RegexRecognizer, Rule

_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
#: Month names in French, Spanish, Portuguese, Italian and German ("03 février 2025", "3 de marzo de 2024", "14. März").
_MON_INTL = (r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
             r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre|"
             r"janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|dezembro|"
             r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
             r"januar|februar|m[äa]e?rz|juni|juli|oktober|dezember)")
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# days written as words: "the twelfth of March", "March the twenty-first"
_UNITS = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
_WORD_DAY = (rf"(?:{_UNITS}|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
             rf"nineteenth|twentieth|twenty[- ]?{_UNITS}|thirtieth|thirty[- ]?first)")
#: years said aloud in dictation: "nineteen sixty two", "two thousand and five"
_SAID = (r"(?:oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
         r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)")
_SPOKEN_YEAR = rf"(?:nineteen|two thousand(?: and)?|twenty)(?:[ -]{_SAID}){{1,2}}"
#: 5/11 or 12/3, not a score or a fraction ("pain 5/10", "3/4 of the dose")
_MONTH_DAY = (r"(?:0?[1-9]|1[0-2])/(?:[12]\d|3[01]|0?[1-9])"
              r"(?![\w/]|\.\d|\s*(?:pain|doses?|times|of|tabs?|tablets?|pills?|caps?|capsules?|strength)\b)")
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"


def _numeric_ok(v: str) -> bool:
    """m/d/y or y-m-d with a real month and day (rules out ratios like 25/100 and BP 120/80)."""
    import re

    parts = [p for p in re.split(r"[/.-]", v) if p]
    if len(parts) == 3 and len(parts[0]) == 4:
        y, m, d = parts
    elif len(parts) == 3:
        m, d, y = parts
        if int(m) > 12 and int(d) <= 12:  # day-first (31/12/2024)
            m, d = d, m
    elif len(parts) == 2:
        m, y = parts
        d = "1"
        if len(y) != 4:
            return False
    else:
        return False
    return 1 <= int(m) <= 12 and 1 <= int(d) <= 31 and (len(y) in (2, 4))


DATE = RegexRecognizer("DATE", [
    # 03/14/1951, 5/14/24, 5-2-1962, 14.03.1951, 1948-02-17, 03/2019
    Rule(r"(?<![\w/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\w/-]|\.\d)", 0.85, validate=_numeric_ok),
    Rule(r"(?<![\w/.-])\d{4}-\d{1,2}-\d{1,2}(?=T\d|(?![\w/-]))", 0.85, validate=_numeric_ok),  # ISO, also before a time
    # scanned forms read with a letter O for a zero: "O1/12/1948"
    Rule(r"(?<![\w/.-])[0-3Oo]?[0-9Oo][/.-][0-3Oo]?[0-9Oo][/.-](?:19|20)\d\d(?![\w/-])", 0.75,
         validate=lambda v: any(c in "Oo" for c in v) and _numeric_ok(v.replace("O", "0").replace("o", "0"))),
    # 2024/11/02
    Rule(r"(?<![\w/.-])\d{4}/\d{1,2}/\d{1,2}(?![\w/-])", 0.85, validate=_numeric_ok),
    # 03-Nov-1950, 3/Nov/50
    Rule(rf"(?<![\w/.-])\d{{1,2}}[-/]{_MON}[-/](?:{_YEAR}|\d{{2}})(?![\w/-])", 0.85),
    Rule(r"(?<![\w/.-])(?:0?[1-9]|1[0-2])/\d{4}(?![\w/-])", 0.7, validate=_numeric_ok),
    # August 9, 1985 / Feb 3, 2025 / Sunday, March 9 / September 19 / May 3rd / March 2024
    Rule(rf"\b{_WEEKDAY}?{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?\b", 0.8),
    Rule(rf"\b{_MON},?\s+{_YEAR}\b", 0.7),
    # 14 Jan 2025 / the 3rd of May / 3rd May 2024
    Rule(rf"\b{_WEEKDAY}?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR}\b|\s+'\d{{2}}\b)?", 0.8),
    # also 12th Jan '49
    Rule(rf"\b{_WEEKDAY}?(?:the\s+)?{_WORD_DAY}\s+of\s+{_MON}(?:,?\s+(?:{_YEAR}|{_SPOKEN_YEAR}))?\b", 0.8),
    Rule(rf"\b{_MON}\s+(?:the\s+)?{_WORD_DAY}(?:,?\s+{_YEAR})?\b", 0.75, validate=lambda v: v[:1].isupper()),
    # dictated in lowercase with a spoken year: "july fourth nineteen fifty"
    Rule(rf"\b{_MON}\s+(?:the\s+)?{_WORD_DAY},?\s+{_SPOKEN_YEAR}\b", 0.8),
    # month/day without a year after a weekday or a booking word: "Tue 5/11", "next check 5/25", "due 12/3"
    Rule(rf"\b{_WEEKDAY}{_MONTH_DAY}", 0.75),
    Rule(rf"\b(?:on|next check|next visit|next appt|appt|appointment|due|review|recheck|follow[- "
         rf"]?up|from|until|till|since|by|dated)"
         rf"\s+(?:on\s+)?(?P<v>{_MONTH_DAY})", 0.7, group="v"),
    # ... after a clinical event, as notes date them: "admitted 10/6, extubated 10/8", "s/p CABG 7/14"
    Rule(rf"\b(?:admitted|admit|discharged|d/?c'?d|extubated|intubated|transferred|seen|started|stopped|held|"
         rf"resumed|placed|removed|inserted|changed|s/p|surgery|procedure|born|died|expired|visited|called)"
         rf"(?:[ ]+\w+){{0,2}}?[ ]+(?P<v>{_MONTH_DAY})", 0.7, group="v"),
    # ... before a clock time, as a note's entries begin: "7/22 0800 pt resting", "10/6 @ 14:30"
    Rule(rf"(?<![\w/.-])(?P<v>{_MONTH_DAY})(?=[ ]+(?:@[ ]*)?(?:[01]\d|2[0-3]):?[0-5]\d\b)", 0.7, group="v"),
    # the first date of a range that gives its year once: "admitted 3/4-3/9/2024", "3/4 to 3/9/24"
    Rule(rf"(?<![\w/.-])(?P<v>{_MONTH_DAY})\s*(?:[–—-]|to|until|through|thru)\s*\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})"
         rf"(?![\w/])", 0.8,
         group="v"),
    # a weekday and an ordinal day: "recheck Thursday 6th", "Sat the 21st"
    Rule(rf"\b{_WEEKDAY}(?:the\s+)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b", 0.75),
    # day/month without a year when it cannot be a month/day or a score: "informed 21/08", "seen 03/09"
    Rule(r"(?<![\w/.-])(?:(?:1[3-9]|2\d|3[01])/(?:0[1-9]|1[0-2])|(?:0[1-9]|[12]\d|3[01])/0[1-9])(?![\w/]|\.\d)", 0.7),
    # other languages: a day before the month, with or without a year; the month and a year
    Rule(rf"\b{_DAY}\.?\s+(?:de\s+)?{_MON_INTL},?\s+(?:de\s+)?{_YEAR}\b", 0.8),
    Rule(rf"\b(?:le|el|am|du|au|del|o|em|il|dal)\s+(?P<v>{_DAY}\.?\s+(?:de\s+)?{_MON_INTL})\b", 0.75, group="v"),
    Rule(rf"\b{_MON_INTL}\s+(?:de\s+)?{_YEAR}\b", 0.7),
    # a date of birth written with spaces, as on forms in capitals: "DOB 12 12 1949"
    Rule(r"\b(?:dob|d\.o\.b\.?|date of birth|born)[:\s]+(?P<v>(?:0?[1-9]|[12]\d|3[01]) (?:0?[1-9]|1[0-2]) "
         r"(?:19|20)\d\d)\b", 0.85,
         group="v"),
    # HL7 / compact YYYYMMDD when a date word is near (DOB 19310130, PID fields)
    Rule(r"(?:dob|birth|date|admit\w*|discharg\w*|dt)\W{1,3}(?P<v>(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
         r")\b",
         0.85, group="v"),
], context=["dob", "born", "birth", "date", "admitted", "discharged", "seen", "visit", "on"])

# Ages 90 and over are PHI (HIPAA Safe Harbor); younger ages are clinical content and stay.
_OLD = r"(?:9\d|1[01]\d)"
AGE = RegexRecognizer("AGE", [
    Rule(rf"\b(?P<v>{_OLD}\s*(?:y/?o|yrs?\b|years?(?:[- ]old)?|-year-old|yo\b|y\b))", 0.9, group="v"),
    Rule(rf"\b(?:age|aged)\s*:?\s*(?P<v>{_OLD})\b", 0.9, group="v"),
    # an age between commas after a name, before what is said of the person: "Mr Park Ji-hoon, 92, lives with"
    Rule(rf"(?:\p{{Lu}}[\p{{L}}'-]+),[ ](?P<v>{_OLD}),[ "
         rf"](?=(?:lives|who|is|was|has|had|from|with|widow\w*|retired|presents|"
         rf"presented|admitted)\b)", 0.75, group="v", flags=0),
    # an age in brackets straight after a name: "Mrs Smith (94)", "J. Oduya (101) -"
    Rule(rf"(?:\p{{Lu}}\p{{Ll}}+|\p{{Lu}}{{2,}})[ ]\((?P<v>{_OLD})\)(?=[ ]*(?:[—–,;:-]|$))", 0.75, group="v", flags=0),
    # in words: "a ninety-two year old mother"
    Rule(r"\b(?P<v>(?:ninety|one hundred(?: and)?)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)[- "
         r"]years?[- ]old\b",
         0.9, group="v"),
    Rule(rf"\b(?:he|she|they|mom|mum|dad|mother|father|grandma|grandpa|grandmother|grandfather|patient|pt|"
         rf"[A-Z][a-z]+)\s+(?:is|was|turned|turns|just turned)\s+(?:now\s+)?(?P<v>{_OLD})\b"
         rf"(?!\s*(?:%|percent|kg|lbs?|mg|mmhg|bpm|/|\.\d|degrees|°|on|over|beats|breaths))", 0.85, group="v",
         reject=r"\b(?:spo2|sat\w*|o2|oxygen|hr|heart|pulse|bp|pressure|glucose|sugar|temp\w*|weight|score|level|"
                r"rate|reading|count|a1c|ldl|hdl|fev1|ef|map|systolic|diastolic)\b"),
    Rule(rf"\b(?:she'?s|he'?s|shes|hes|i'?m|im|i am|we'?re)\s+(?:now\s+|almost\s+|nearly\s+)?(?P<v>{_OLD})\b"
         rf"(?!\s*(?:%|percent|kg|lbs?|mg|mmhg|bpm|/|\.\d|degrees|°|on|over|beats|breaths|minutes|min))", 0.8,
         group="v"),
], context=["age", "aged", "old"])

CASES = {
    "DATE": (["DOB: 03/14/1951", "Nursing note 5/14/24:", "7/22 0800 pt resting comfortably",
              "admitted 10/6, extubated 10/8", "s/p CABG 7/14 doing well", "DOB 5-2-1962.", "DOB: 1948-02-17",
              "implanted 03/2019.",
              "born August 9, 1985 and", "consult Feb 3, 2025.", "on Sunday, March 9 and", "scheduled September 19.",
              "clinic 14 Jan 2025.", "on the 3rd of May", "DOB 19310130|", "DOB 12 12 1949 ADDR",
              "on the twelfth of March 2026 with", "born May the twenty-first, 1950", "DOB: 03-Nov-1950   Exam",
              "encounter 2024-06-03T10:22:00Z: caller", "birth fourth of july nineteen sixty two, seen",
              "signed on 03 février 2025 for", "nacido el 3 de marzo de 1960.", "Geburtsdatum 14. März 1950",
              "em 5 de maio de 2024", "vu le 3 mars à", "clinic Tue 5/11: Hyun", "Next check 5/25.", "due 12/3 for",
              "date of birth july fourth nineteen fifty, seen", "D.O.B O1/12/1948 HTN",
              "recheck Thursday 6th.", "son) informed 21/08.", "seen 03/09 in clinic"],
             ["carbidopa/levodopa 25/100 TID", "BP 120/80", "MMSE 19/30", "in 2021, echo", "at 09:14 on", "3 days ago",
              "eGFR 30-45", "ICD-10 M05.79", "march on", "may be", "the first of many", "may the second dose",
              "Mars and Venus", "took 2 mai tai", "5 mai", "pain 5/10 on", "strength 4/5 in", "since 3/4 of the",
              "pain 10/10 today", "vision 20/20", "BP 120/80", "on day 3 of 10", "the 3rd trimester",
              "started 1/2 tab at night", "GCS 3/15 at 0800", "2/3 of patients respond"]),
    "AGE": (["(92 y/o, DOB", "my mom is 97 and", "(he is 91)", "(age 90):", "93 years old", "a 101-year-old",
             "/ M / 91y / AF", "J. Oduya (101) — sore", "Mr Park Ji-hoon, 92, lives with"],
            ["73-year-old woman", "58 yo", "45 M", "SpO2 is 94", "she is 92% saturated", "67y"]),
}
RECOGNIZERS = [DATE, AGE]
