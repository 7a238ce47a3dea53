"""Clinical content that must survive redaction: eponyms, drugs, lab and vital signs, scores, codes.

Detection and this filter are kept apart: recognizers propose, the allow-list vetoes weak proposals.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex as re

#: Surnames that name diseases, signs, scales and procedures.
EPONYMS = frozenset(["addison", "alzheimer", "apgar", "asperger", "babinski", "baker", "barre", "barrett", "becker",
                     "behcet", "bell", "billroth", "boerhaave", "brugada", "budd", "burkitt", "charcot", "chiari",
                     "cheyne", "child", "colles", "conn", "coombs", "creutzfeldt", "crohn", "cushing", "danlos", "de",
                     "digeorge", "doppler", "down", "dubin", "duchenne", "dupuytren", "eaton", "edwards", "ehlers",
                     "ellison", "epley", "fanconi", "foley", "friedreich", "ganz", "gaucher", "gehrig", "gilbert",
                     "glasgow", "goodpasture", "gram", "graves", "guillain", "hashimoto", "heimlich", "hirschsprung",
                     "hodgkin", "hoehn", "holter", "homan", "horner", "huntington", "hurler", "jakob", "kaposi",
                     "kawasaki", "klinefelter", "korotkoff", "korsakoff", "kussmaul", "lambert", "legg", "lou", "lynch",
                     "mallory", "marfan", "mcburney", "meniere", "munchausen", "murphy", "niemann", "nissen", "noonan",
                     "osgood", "osler", "paget", "parkinson", "patau", "perthes", "peyronie", "pick", "pott", "prader",
                     "pugh", "quervain", "ranson", "raynaud", "reiter", "rendu", "rett", "reye", "roux", "sachs",
                     "salter", "schlatter", "sjogren", "starling", "stevens", "stokes", "sturge", "swan", "tanner",
                     "tay", "tourette", "trendelenburg", "turner", "virchow", "waardenburg", "wegener", "weiss",
                     "wernicke", "whipple", "willebrand", "willi", "wilson", "wolff", "yahr", "zollinger", "centor",
                     "wells", "caprini", "hurley", "epstein", "epstein-barr"])

#: Words after an eponym that make it clinical ("Graves disease", "Bell's palsy", "Hoehn and Yahr stage").
_CLINICAL_NEXT = re.compile(
    r"^(?:(?:'s|’s|s')(?!\s+(?:daughter|son|wife|husband|mother|father|mum|mom|dad|sister|brother|partner|"
    r"child|children|kids?|carer|caregiver|family|parents?|grand\w+|niece|nephew|aunt|uncle|home|house|flat|room|"
    r"phone|number|address|car|place|party|wedding|funeral|birthday|braai|barbecue|bbq))|\s*(?:-\s*)?(?:disease|"
    r"syndrome|palsy|lymphoma|sarcoma|thyroiditis|disorder|phenomenon|sign|test|"
    r"score|scale|stage|criteria|fracture|ulcer|esophagus|oesophagus|encephalopathy|dementia|chorea|anomaly|procedure|"
    r"maneuver|manoeuvre|catheter|tube|monitor|stain|classification|reflex|triad|tear|cyst|node|nodes|cell|cells|"
    r"variant|tumou?r|aneurysm|contracture|deformity|neuroma|neuralgia|disease's|virus|infection|leuka?emia|"
    r"chromosome|study|trial|trials|registry|cohort)\b|-like\b|"
    r"\s+and\s+[A-Z]\w+\s+(?:stage|scale|"
    r"syndrome|disease|score)|-(?:[A-Z]\w+)\s+(?:syndrome|disease))", re.IGNORECASE)

#: Common drugs, generic and brand (brands that look like surnames included).
DRUGS = frozenset(["acetaminophen", "adalimumab", "albuterol", "alendronate", "allopurinol", "alprazolam", "amiodarone",
                   "amitriptyline", "amlodipine", "amoxicillin", "apixaban", "aripiprazole", "aspirin", "atenolol",
                   "atorvastatin", "azithromycin", "baclofen", "benazepril", "bisoprolol", "budesonide", "bupropion",
                   "buspirone", "canagliflozin", "captopril", "carbamazepine", "carbidopa", "carvedilol", "cefazolin",
                   "ceftriaxone", "celecoxib", "cephalexin", "cetirizine", "ciprofloxacin", "citalopram", "clonazepam",
                   "clonidine", "clopidogrel", "cyclobenzaprine", "dabigatran", "dapagliflozin", "denosumab",
                   "dexamethasone", "diazepam", "diclofenac", "digoxin", "diltiazem", "diphenhydramine", "donepezil",
                   "doxycycline", "duloxetine", "empagliflozin", "enalapril", "enoxaparin", "entresto", "escitalopram",
                   "esomeprazole", "estradiol", "etanercept", "ezetimibe", "famotidine", "fentanyl", "finasteride",
                   "fluconazole", "fluoxetine", "fluticasone", "folic", "furosemide", "gabapentin", "glargine",
                   "glimepiride", "glipizide", "glyburide", "guanfacine", "haloperidol", "heparin", "hydralazine",
                   "hydrochlorothiazide", "hydrocodone", "hydroxychloroquine", "ibuprofen", "infliximab", "insulin",
                   "ipratropium", "irbesartan", "isoniazid", "ketorolac", "labetalol", "lamotrigine", "lansoprazole",
                   "levetiracetam", "levodopa", "levofloxacin", "levothyroxine", "lidocaine", "liraglutide",
                   "lisinopril", "lispro", "lithium", "loratadine", "lorazepam", "losartan", "lovastatin", "meloxicam",
                   "memantine", "metformin", "methadone", "methimazole", "methotrexate", "methylphenidate",
                   "methylprednisolone", "metoclopramide", "metoprolol", "metronidazole", "midazolam", "mirtazapine",
                   "montelukast", "morphine", "naloxone", "naproxen", "nifedipine", "nitrofurantoin", "nitroglycerin",
                   "norepinephrine", "nystatin", "olanzapine", "omeprazole", "ondansetron", "oxycodone", "pantoprazole",
                   "paroxetine", "penicillamine", "penicillin", "phenytoin", "pioglitazone", "pravastatin",
                   "prednisolone", "prednisone", "pregabalin", "promethazine", "propranolol", "quetiapine", "ramipril",
                   "ranitidine", "rasagiline", "risperidone", "rivaroxaban", "rosuvastatin", "semaglutide",
                   "sertraline", "sildenafil", "simvastatin", "sitagliptin", "spironolactone", "sumatriptan",
                   "tacrolimus", "tamsulosin", "terbinafine", "tiotropium", "topiramate", "tramadol", "trazodone",
                   "valacyclovir", "valsartan", "vancomycin", "venlafaxine", "verapamil", "warfarin", "zolpidem",
                   "sinemet", "lasix", "coumadin", "keppra", "lipitor", "zoloft", "prozac", "xanax", "valium", "ativan",
                   "norco", "percocet", "tylenol", "advil", "motrin", "aleve", "synthroid", "glucophage", "lantus",
                   "humalog", "novolog", "januvia", "jardiance", "farxiga", "ozempic", "trulicity", "eliquis",
                   "xarelto", "plavix", "crestor", "zocor", "norvasc", "toprol", "lopressor", "coreg", "zestril",
                   "prinivil", "cozaar", "diovan", "protonix", "nexium", "prilosec", "pepcid", "zyrtec", "claritin",
                   "allegra", "flonase", "singulair", "ventolin", "proair", "advair", "symbicort", "spiriva", "lyrica",
                   "neurontin", "cymbalta", "lexapro", "celexa", "paxil", "wellbutrin", "effexor", "seroquel",
                   "abilify", "risperdal", "zyprexa", "adderall", "ritalin", "ambien", "humira", "enbrel", "remicade",
                   "keytruda", "herceptin", "dexcom", "medtronic", "omnipod", "libre"])

#: Lab, vital-sign, score and unit abbreviations never to be read as names.
CLINICAL_ABBREV = frozenset(["spo2", "fio2", "peep", "map", "gcs", "bp", "hr", "rr", "ecog", "meld", "phq", "phq-9",
                             "gad-7", "mmse", "moca", "inr", "pt", "ptt", "tsh", "t4", "ft4", "alt", "ast", "alp",
                             "ldl", "hdl", "hba1c", "a1c", "egfr", "bun", "wbc", "rbc", "hgb", "hct", "plt", "mcv",
                             "crp", "esr", "bnp", "nt-probnp", "abg", "vbg", "ekg", "ecg", "echo", "ct", "mri", "pet",
                             "cxr", "us", "iv", "im", "po", "prn", "bid", "tid", "qid", "qd", "qhs", "q6h", "q8h",
                             "q12h", "q24h", "abvd", "dtap", "ipv", "mmr", "hpv", "covid", "copd", "chf", "cad", "ckd",
                             "dka", "gerd", "ibd", "ibs", "uti", "cva", "tia", "mi", "pe", "dvt", "afib", "icu", "ed",
                             "er", "pcp", "np", "pa", "rn", "md", "do", "bmi", "ra", "nyha", "curb", "news2", "qsofa",
                             "sofa", "apache", "nihss", "asa", "pod", "ebl", "npo", "dnr", "cgm", "brca1", "brca2",
                             "mvc", "ems", "hep", "nbm", "tto", "vt", "vf", "svt", "stemi", "nstemi", "bipap", "cpap",
                             "niv", "nippv", "hfno", "picc", "ngt", "dnar", "dnacpr", "hdu", "itu", "ccu", "mau", "amu",
                             "sau", "tele", "neuro", "ortho", "gastro", "cardio", "resp", "obs"])

_DOSE = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*(?:mg|mcg|µg|g|ml|units?|iu|meq|mmol)\b|\d+/\d+)", re.IGNORECASE)


_NEXT_WORD = re.compile(r"\s+([A-Z][\w-]*)(?:'s|’s|s')?")


def clinical_next(text: str, end: int) -> bool:
    """True when the words after position ``end`` make the word before it clinical: a clinical head noun ("Graves
    disease", the "GUSTO trial"), or a known eponym that is clinical in turn ("Lou Gehrig's disease")."""
    if _CLINICAL_NEXT.match(text[end:end + 40]):
        return True
    m = _NEXT_WORD.match(text, end, end + 40)
    return bool(m and m.group(1).lower() in EPONYMS and _CLINICAL_NEXT.match(text[m.end(1):m.end(1) + 40]))


def is_clinical_token(text: str, start: int, end: int) -> bool:
    """A single word that is clinical content: an eponym in clinical use, a drug, a dose-bearing word, an
    abbreviation."""
    word = text[start:end].strip("'’.,()").lower()
    if not word:
        return False
    if word in DRUGS or word in CLINICAL_ABBREV:
        return True
    if any(c.isdigit() for c in word):
        return True
    if word in EPONYMS and clinical_next(text, end):
        return True
    if word.removesuffix("'s").removesuffix("’s") in EPONYMS and (word.endswith("'s") or word.endswith("’s")):
        return True
    return bool(_DOSE.match(text[end:end + 16])) and word.isalpha() and len(word) > 3


def is_clinical_span(text: str, start: int, end: int) -> bool:
    """A proposed name span that is clinical: any of its words is clinical content in place."""
    for m in re.finditer(r"[\w'’-]+", text[start:end]):
        if is_clinical_token(text, start + m.start(), start + m.end()):
            return True
    return False


@cache
def medical_vocabulary() -> frozenset[str]:
    """The words medical text writes in lower case (guards/phi/data/clinical_words.txt, from MedQuAD's answers)."""
    lines = (Path(__file__).parent / "data" / "clinical_words.txt").read_text().splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def medical_words_only(span: str) -> bool:
    """Every word of two letters or more is medical vocabulary and none is a listed name: "Fallopian Tube",
    "Malignant Fibrous Histiocytoma" are not people, "Iris" or "Gene Clark" may be."""
    from guards.phi.name_lists import is_surname
    from guards.phi.recognizers.name_words import first_names

    words = [w for w in re.findall(r"[^\W\d_]{2,}", span)]
    return bool(words) and all(w.lower() in medical_vocabulary() and not (w.lower() in first_names() or is_surname(w))
                               for w in words)
