#!/usr/bin/env python3
"""Build the bundled synthetic sample pool: sample-data/mentees.csv and sample-data/mentors.csv.

Deterministic (fixed seed, Python standard library only). A set of hand-placed participants
carries the deliberate situations described in sample-data/README.md; the rest of the pool is
filled at random around them. After building, the script checks that every ZIP3 is in
data/zip3-centroids.csv, every specialty in configs/specialties.toml, and that the deliberate
situations still hold (for example that no mentor lies within 60 km of the Outer Cape mentee), and
prints a short census.

Usage: python3 sample-data/make_sample.py
"""

import csv
import math
import os
import random
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED = 2023
REFERENCE_YEAR = 2023
N_MENTEES = 48
N_MENTORS = 36

MENTEE_COLUMNS = ["id", "zip3", "specialty", "health_system", "training_completed", "identities",
                  "wants_shared", "goals", "challenges", "meeting_format", "hours_per_month",
                  "languages"]
MENTOR_COLUMNS = ["id", "zip3", "specialty", "health_system", "training_completed", "identities",
                  "expertise", "meeting_format", "hours_per_month", "capacity", "languages"]

IDENTITY_ORDER = ["woman", "urm", "img", "lgbtq"]

# One vocabulary for goals, challenges and expertise (the same one `dyad generate` uses).
GOALS = {
    "leadership": 3.0, "career advancement": 3.0, "work-life balance": 2.5, "research": 2.0,
    "networking": 1.5, "negotiation": 1.5, "clinical skills": 1.5, "teaching": 1.5,
    "promotion": 1.5, "health equity": 1.2, "advocacy": 1.0, "quality improvement": 1.0,
    "grant writing": 0.8, "public speaking": 0.8, "health policy": 0.6, "entrepreneurship": 0.4,
}
CHALLENGES = {
    "burnout": 3.0, "imposter syndrome": 2.5, "work-life balance": 2.5, "isolation": 2.0,
    "time management": 1.5, "discrimination": 1.0, "parenting": 1.0, "negotiation": 1.0,
    "financial stress": 1.0, "career transition": 0.8, "workplace conflict": 0.8,
    "visa issues": 0.2,
}
VOCABULARY = set(GOALS) | set(CHALLENGES)

SPECIALTIES = {
    "internal medicine": 10, "family medicine": 8, "pediatrics": 6, "emergency medicine": 4,
    "psychiatry": 4, "obstetrics and gynecology": 4, "anesthesiology": 3, "general surgery": 3,
    "hospital medicine": 3, "cardiology": 2, "radiology": 2, "neurology": 2,
    "hematology and oncology": 2, "infectious disease": 1.5, "gastroenterology": 1.5,
    "pulmonary and critical care medicine": 1.5, "orthopedic surgery": 1.5, "geriatrics": 1,
    "dermatology": 1, "pathology": 1, "endocrinology": 1,
    "physical medicine and rehabilitation": 1, "child and adolescent psychiatry": 1,
    "nephrology": 1, "urology": 0.7, "neonatology": 0.7, "palliative medicine": 0.7,
}

# Where the randomly filled participants live (relative weight), and the health systems that
# are based in each part of the state. Mentor fill-ins avoid the Pioneer Valley, the Berkshires
# and the Cape so that the hand-placed situations there stay as designed.
MENTEE_ZIP3S = {"021": 6, "022": 3, "024": 4, "017": 3, "018": 3, "019": 2, "020": 3, "023": 2,
                "027": 2, "014": 1.5, "015": 2, "016": 2, "010": 1, "011": 1}
MENTOR_ZIP3S = {"021": 6, "022": 4, "024": 4, "017": 2.5, "018": 2.5, "019": 2, "020": 2.5,
                "023": 1.5, "027": 1, "014": 1, "015": 2, "016": 2}
LOCAL_SYSTEMS = {
    "021": ["HS-01", "HS-02"], "022": ["HS-01", "HS-02"], "024": ["HS-02", "HS-01"],
    "017": ["HS-02", "HS-03"], "018": ["HS-03"], "019": ["HS-03"],
    "020": ["HS-04"], "023": ["HS-04"], "027": ["HS-04"],
    "014": ["HS-05"], "015": ["HS-05"], "016": ["HS-05"],
    "010": ["HS-06"], "011": ["HS-06"], "013": ["HS-06"], "012": ["HS-06"],
    "025": ["HS-07"], "026": ["HS-07"],
}
SYSTEMS = [f"HS-{i:02}" for i in range(1, 8)]
LANGUAGES = {"spanish": 5, "portuguese": 3, "haitian creole": 2.5, "mandarin": 1.5,
             "vietnamese": 1.5, "cape verdean creole": 1, "hindi": 1, "arabic": 1, "french": 1,
             "yoruba": 0.7, "russian": 0.7, "cantonese": 0.7}


def p(**fields):
    """A hand-placed participant; `tag` names its situation in the README."""
    return fields


# ---------------------------------------------------------------------------------------------
# Hand-placed participants. Tags are used by the checks at the end and in the census.
# ---------------------------------------------------------------------------------------------

HAND_MENTEES = [
    # Outer Cape, in-person only: the nearest mentor (Brockton area) is 61.6 km away, just past a
    # 60 km in-person limit; that mentor would otherwise be ideal (urm, Haitian Creole).
    p(tag="outer-cape", zip3="026", specialty="family medicine", health_system="HS-07",
      training_completed=2021, identities="woman;urm", wants_shared="urm",
      goals="leadership;health equity", challenges="isolation", meeting_format="in-person",
      hours_per_month=2, languages="english;haitian creole"),
    # Upper Cape, in-person only, trained 4 years ago (fall rule only): only the few mentors in
    # the Brockton area and on the South Coast lie within 60 km.
    p(tag="upper-cape", zip3="025", specialty="emergency medicine", health_system="HS-07",
      training_completed=2019, identities="", wants_shared="", goals="clinical skills;teaching",
      challenges="burnout", meeting_format="in-person", hours_per_month=2,
      languages="english"),
    # Berkshires, in-person only, IMG wanting an IMG mentor with research experience: only two
    # mentors lie within 60 km (Springfield 54 km, Northampton 60 km) and neither is IMG or does
    # research; the IMG research mentors are 100+ km east.
    p(tag="berkshires", zip3="012", specialty="internal medicine", health_system="HS-06",
      training_completed=2022, identities="woman;img", wants_shared="img",
      goals="career advancement;research", challenges="visa issues;isolation",
      meeting_format="in-person", hours_per_month=3, languages="english;urdu"),
    # Springfield, in-person only: competes with the Berkshires mentee for the Northampton
    # pediatrician, who fits her exactly.
    p(tag="springfield-peds", zip3="010", specialty="pediatrics", health_system="HS-06",
      training_completed=2021, identities="woman", wants_shared="",
      goals="work-life balance", challenges="parenting;burnout", meeting_format="in-person",
      hours_per_month=2, languages="english;spanish"),
    # Pioneer Valley, fall rule only: the Springfield family physician fits perfectly but works in
    # the same health system.
    p(tag="valley-same-system", zip3="011", specialty="family medicine", health_system="HS-06",
      training_completed=2020, identities="urm", wants_shared="",
      goals="clinical skills;teaching;leadership", challenges="time management",
      meeting_format="either", hours_per_month=2, languages="english;spanish"),
    # Boston IMG researcher: the close IMG mentor is in her own system; the close research star
    # is virtual-only with 1 hour a month; the best expertise match (IMG, research, grant
    # writing, visa issues, Hindi) is in Worcester, 65 km away.
    p(tag="boston-img-research", zip3="021", specialty="internal medicine", health_system="HS-01",
      training_completed=2022, identities="img", wants_shared="img",
      goals="research;grant writing", challenges="visa issues", meeting_format="either",
      hours_per_month=2, languages="english;hindi"),
    # Boston cardiologist: the close cardiologist (same system, no shared identity) against a
    # senior woman surgeon on the North Shore with the right expertise.
    p(tag="boston-cardiology", zip3="022", specialty="cardiology", health_system="HS-01",
      training_completed=2023, identities="woman", wants_shared="woman",
      goals="leadership;promotion", challenges="imposter syndrome;workplace conflict",
      meeting_format="either", hours_per_month=2, languages="english"),
    # LGBTQ mentees wanting an LGBTQ mentor: only two such mentors exist (capacities 1 and 2).
    p(tag="lgbtq-1", zip3="021", specialty="psychiatry", health_system="HS-02",
      training_completed=2022, identities="lgbtq", wants_shared="lgbtq", goals="advocacy",
      challenges="isolation;burnout", meeting_format="either", hours_per_month=2,
      languages="english"),
    p(tag="lgbtq-2", zip3="018", specialty="internal medicine", health_system="HS-03",
      training_completed=2021, identities="woman;lgbtq", wants_shared="woman;lgbtq",
      goals="leadership", challenges="discrimination", meeting_format="either",
      hours_per_month=1.5, languages="english"),
    p(tag="lgbtq-3", zip3="014", specialty="emergency medicine", health_system="HS-05",
      training_completed=2019, identities="lgbtq", wants_shared="lgbtq",
      goals="work-life balance", challenges="isolation", meeting_format="virtual",
      hours_per_month=2, languages="english"),
    # New Bedford area, fall rule only, Portuguese and Cape Verdean Creole: the nearby mentor who
    # shares languages, identity and expertise works in the same system.
    p(tag="southcoast-language", zip3="027", specialty="family medicine", health_system="HS-04",
      training_completed=2020, identities="urm", wants_shared="urm",
      goals="health equity;leadership", challenges="discrimination;parenting",
      meeting_format="in-person", hours_per_month=2,
      languages="english;portuguese;cape verdean creole"),
    # Brockton, Haitian Creole, wants urm and img: one mentor nearby shares both.
    p(tag="brockton-haitian", zip3="023", specialty="obstetrics and gynecology",
      health_system="HS-04", training_completed=2022, identities="woman;urm;img",
      wants_shared="urm;img", goals="clinical skills", challenges="visa issues;discrimination",
      meeting_format="in-person", hours_per_month=2, languages="english;haitian creole"),
    # Wants 4 hours a month: the close mentor has 1 hour; a farther one has 4 and the right
    # expertise.
    p(tag="wants-time", zip3="017", specialty="anesthesiology", health_system="HS-02",
      training_completed=2022, identities="woman", wants_shared="",
      goals="work-life balance;negotiation", challenges="parenting;burnout",
      meeting_format="either", hours_per_month=4, languages="english"),
    # Trained 6 or 7 years before 2023: eligible under neither rule.
    p(tag="ineligible", zip3="021", specialty="general surgery", health_system="HS-01",
      training_completed=2016, identities="woman;urm", wants_shared="urm",
      goals="leadership;promotion", challenges="burnout", meeting_format="either",
      hours_per_month=2, languages="english"),
    p(tag="ineligible", zip3="019", specialty="pediatrics", health_system="HS-03",
      training_completed=2017, identities="img", wants_shared="",
      goals="career advancement", challenges="visa issues;financial stress",
      meeting_format="virtual", hours_per_month=1, languages="english;arabic"),
    p(tag="ineligible", zip3="015", specialty="psychiatry", health_system="HS-05",
      training_completed=2016, identities="", wants_shared="", goals="research",
      challenges="time management", meeting_format="either", hours_per_month=2,
      languages="english"),
]

HAND_MENTORS = [
    p(tag="boston-generalist", zip3="021", specialty="internal medicine", health_system="HS-01",
      training_completed=1995, identities="woman",
      expertise="leadership;career advancement;work-life balance;burnout",
      meeting_format="either", hours_per_month=3, capacity=2, languages="english"),
    p(tag="boston-cardiologist", zip3="022", specialty="cardiology", health_system="HS-01",
      training_completed=2001, identities="", expertise="leadership;promotion;negotiation",
      meeting_format="in-person", hours_per_month=2, capacity=1, languages="english"),
    p(tag="worcester-img-research", zip3="016", specialty="infectious disease",
      health_system="HS-05", training_completed=2004, identities="img",
      expertise="research;grant writing;visa issues;imposter syndrome", meeting_format="either",
      hours_per_month=4, capacity=2, languages="english;hindi"),
    p(tag="lgbtq-mentor", zip3="024", specialty="psychiatry", health_system="HS-02",
      training_completed=2008, identities="woman;lgbtq",
      expertise="advocacy;isolation;burnout;imposter syndrome", meeting_format="either",
      hours_per_month=2, capacity=1, languages="english"),
    p(tag="lgbtq-mentor", zip3="015", specialty="emergency medicine", health_system="HS-05",
      training_completed=2010, identities="lgbtq",
      expertise="leadership;work-life balance;discrimination", meeting_format="virtual",
      hours_per_month=3, capacity=2, languages="english"),
    p(tag="southcoast-urm", zip3="027", specialty="family medicine", health_system="HS-04",
      training_completed=1998, identities="woman;urm",
      expertise="health equity;leadership;discrimination;parenting", meeting_format="either",
      hours_per_month=3, capacity=2, languages="english;portuguese;cape verdean creole"),
    p(tag="brockton-haitian", zip3="023", specialty="obstetrics and gynecology",
      health_system="HS-07", training_completed=1990, identities="woman;urm;img",
      expertise="discrimination;visa issues;isolation;clinical skills;health equity",
      meeting_format="in-person", hours_per_month=2, capacity=2,
      languages="english;haitian creole;french"),
    p(tag="springfield-fm", zip3="010", specialty="family medicine", health_system="HS-06",
      training_completed=1987, identities="", expertise="clinical skills;teaching;time management",
      meeting_format="either", hours_per_month=2, capacity=1, languages="english"),
    p(tag="northampton-peds", zip3="013", specialty="pediatrics", health_system="HS-06",
      training_completed=2006, identities="woman", expertise="parenting;work-life balance;burnout",
      meeting_format="in-person", hours_per_month=2, capacity=1, languages="english"),
    p(tag="near-peer", zip3="021", specialty="emergency medicine", health_system="HS-02",
      training_completed=2013, identities="urm",
      expertise="career advancement;negotiation;networking;financial stress",
      meeting_format="virtual", hours_per_month=1, capacity=1, languages="english"),
    p(tag="north-shore-senior", zip3="019", specialty="general surgery", health_system="HS-03",
      training_completed=1981, identities="woman",
      expertise="leadership;promotion;negotiation;workplace conflict;imposter syndrome",
      meeting_format="either", hours_per_month=6, capacity=3, languages="english"),
    p(tag="boston-img-same-system", zip3="021", specialty="nephrology", health_system="HS-01",
      training_completed=1999, identities="img",
      expertise="visa issues;career advancement;isolation;teaching", meeting_format="either",
      hours_per_month=3, capacity=1, languages="english;arabic"),
    p(tag="lowell-img", zip3="018", specialty="internal medicine", health_system="HS-03",
      training_completed=2003, identities="woman;img",
      expertise="visa issues;isolation;teaching;clinical skills", meeting_format="either",
      hours_per_month=2.5, capacity=2, languages="english;spanish"),
    p(tag="research-star-virtual", zip3="024", specialty="hematology and oncology",
      health_system="HS-02", training_completed=1992, identities="",
      expertise="research;grant writing;promotion;leadership", meeting_format="virtual",
      hours_per_month=1, capacity=2, languages="english"),
    p(tag="south-shore-time", zip3="020", specialty="anesthesiology", health_system="HS-04",
      training_completed=1996, identities="woman",
      expertise="work-life balance;parenting;burnout;negotiation", meeting_format="either",
      hours_per_month=4, capacity=3, languages="english"),
    p(tag="framingham-short-time", zip3="017", specialty="pediatrics", health_system="HS-02",
      training_completed=2005, identities="woman", expertise="work-life balance;parenting;burnout",
      meeting_format="either", hours_per_month=1, capacity=1, languages="english"),
    p(tag="equity-advocate", zip3="017", specialty="pediatrics", health_system="HS-03",
      training_completed=2000, identities="woman;urm",
      expertise="health equity;advocacy;discrimination;teaching", meeting_format="either",
      hours_per_month=2, capacity=2, languages="english;spanish"),
]


# ---------------------------------------------------------------------------------------------
# Random fill
# ---------------------------------------------------------------------------------------------

def weighted(rng, table):
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def weighted_distinct(rng, table, n):
    pool = dict(table)
    out = []
    for _ in range(min(n, len(pool))):
        k = weighted(rng, pool)
        out.append(k)
        del pool[k]
    order = list(table)
    return sorted(out, key=order.index)


def fmt_hours(h):
    return str(int(h)) if float(h).is_integer() else str(h)


def system_for(rng, zip3):
    if rng.random() < 0.85:
        return rng.choice(LOCAL_SYSTEMS[zip3])
    return rng.choice(SYSTEMS[:5])


def identities_for(rng, probs):
    return [i for i in IDENTITY_ORDER if rng.random() < probs[i]]


def languages_for(rng, identities):
    langs = ["english"]
    p_extra = 0.7 if "img" in identities else 0.35 if "urm" in identities else 0.12
    if rng.random() < p_extra:
        langs.append(weighted(rng, LANGUAGES))
    return ";".join(langs)


def challenge_weights(identities):
    w = dict(CHALLENGES)
    if "img" in identities:
        w["visa issues"] *= 15
    if "urm" in identities:
        w["discrimination"] *= 3
    if "woman" in identities:
        w["parenting"] *= 1.8
    return w


def random_mentee(rng, year):
    zip3 = weighted(rng, MENTEE_ZIP3S)
    ids = identities_for(rng, {"woman": 0.6, "urm": 0.4, "img": 0.28, "lgbtq": 0.0})
    wants = [i for i in ids if rng.random() < 0.45]
    n_goals = rng.choices([1, 2, 3], weights=[0.35, 0.45, 0.2])[0]
    n_chal = rng.choices([0, 1, 2, 3], weights=[0.1, 0.35, 0.4, 0.15])[0]
    return dict(
        tag="", zip3=zip3, specialty=weighted(rng, SPECIALTIES),
        health_system=system_for(rng, zip3), training_completed=year,
        identities=";".join(ids), wants_shared=";".join(wants),
        goals=";".join(weighted_distinct(rng, GOALS, n_goals)),
        challenges=";".join(weighted_distinct(rng, challenge_weights(ids), n_chal)),
        # Random fill-ins are never in-person only: the in-person-only cases are hand-placed.
        meeting_format=rng.choices(["virtual", "either"], weights=[0.3, 0.7])[0],
        hours_per_month=rng.choice([1, 1.5, 2, 2, 2, 3, 3, 4]),
        languages=languages_for(rng, ids),
    )


def random_mentor(rng):
    zip3 = weighted(rng, MENTOR_ZIP3S)
    # Identity-sharing mentors are deliberately scarcer than the mentees asking for them.
    ids = identities_for(rng, {"woman": 0.45, "urm": 0.08, "img": 0.1, "lgbtq": 0.0})
    vocab = dict(GOALS)
    for k, v in challenge_weights(ids).items():
        vocab[k] = vocab.get(k, 0) + v
    vocab["visa issues"] = 0.1 if "img" not in ids else vocab["visa issues"]
    n = rng.choices([2, 3, 4, 5], weights=[0.15, 0.35, 0.35, 0.15])[0]
    year = rng.randint(1998, 2012) if rng.random() < 0.6 else rng.randint(1982, 1997)
    return dict(
        tag="", zip3=zip3, specialty=weighted(rng, SPECIALTIES),
        health_system=system_for(rng, zip3), training_completed=year,
        identities=";".join(ids), expertise=";".join(weighted_distinct(rng, vocab, n)),
        meeting_format=rng.choices(["in-person", "virtual", "either"], weights=[0.15, 0.3, 0.55])[0],
        hours_per_month=rng.choice([1, 2, 2, 2.5, 3, 3, 4, 4, 5, 6]),
        capacity=rng.choices([1, 2, 3], weights=[0.4, 0.4, 0.2])[0],
        languages=languages_for(rng, ids),
    )


def build():
    rng = random.Random(SEED)
    # Training years of the random mentees: in total 12 mentees trained 3-5 years before 2023
    # (eligible only under a 5-year rule) and the rest 0-2 years before.
    hand_fall_only = sum(1 for m in HAND_MENTEES
                         if 3 <= REFERENCE_YEAR - m["training_completed"] <= 5)
    n_fill = N_MENTEES - len(HAND_MENTEES)
    n_fall_only = 12 - hand_fall_only
    years = [rng.choice([2018, 2019, 2020]) for _ in range(n_fall_only)]
    years += [rng.choice([2021, 2022, 2022, 2023, 2023]) for _ in range(n_fill - n_fall_only)]
    rng.shuffle(years)
    mentees = [dict(m) for m in HAND_MENTEES] + [random_mentee(rng, y) for y in years]
    mentors = [dict(m) for m in HAND_MENTORS] + [random_mentor(rng)
                                                 for _ in range(N_MENTORS - len(HAND_MENTORS))]
    rng.shuffle(mentees)
    rng.shuffle(mentors)
    for i, m in enumerate(mentees, 1):
        m["id"] = f"ME-{i:03}"
    for i, m in enumerate(mentors, 1):
        m["id"] = f"MR-{i:03}"
    return mentees, mentors


# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------

def load_zip3s():
    table = {}
    with open(os.path.join(ROOT, "data", "zip3-centroids.csv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("zip3,") or not line.strip():
                continue
            z, lat, lon = line.strip().split(",")
            table[z] = (float(lat), float(lon))
    return table


def km(a, b):
    (lat1, lon1), (lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def check(mentees, mentors):
    zips = load_zip3s()
    with open(os.path.join(ROOT, "configs", "specialties.toml"), "rb") as f:
        families = tomllib.load(f)["families"]
    specialties = {s.strip().lower() for members in families.values() for s in members}
    errors = []

    def need(cond, msg):
        if not cond:
            errors.append(msg)

    for row in mentees + mentors:
        need(row["zip3"] in zips and "010" <= row["zip3"] <= "027",
             f"{row['id']}: zip3 {row['zip3']} not a Massachusetts ZIP3 in the table")
        need(row["specialty"] in specialties, f"{row['id']}: unknown specialty {row['specialty']}")
        need(row["health_system"] in SYSTEMS, f"{row['id']}: health system")
        need(row["meeting_format"] in ("in-person", "virtual", "either"), f"{row['id']}: format")
        ids = [i for i in row["identities"].split(";") if i]
        need(all(i in IDENTITY_ORDER for i in ids), f"{row['id']}: identities")
    for m in mentees:
        ids = [i for i in m["identities"].split(";") if i]
        wants = [i for i in m["wants_shared"].split(";") if i]
        need(set(wants) <= set(ids), f"{m['id']}: wants_shared not a subset of identities")
        for topic in (m["goals"] + ";" + m["challenges"]).split(";"):
            need(topic == "" or topic in VOCABULARY, f"{m['id']}: topic {topic}")
        need(1 <= float(m["hours_per_month"]) <= 4, f"{m['id']}: hours")
    for m in mentors:
        for topic in m["expertise"].split(";"):
            need(topic in VOCABULARY, f"{m['id']}: topic {topic}")
        need(1980 <= m["training_completed"] <= 2013, f"{m['id']}: training year")
        need(1 <= m["capacity"] <= 3, f"{m['id']}: capacity")

    def mentor_km(mentee):
        return sorted((km(zips[mentee["zip3"]], zips[r["zip3"]]), r["tag"] or r["id"])
                      for r in mentors)

    by_tag = {m["tag"]: m for m in mentees if m["tag"]}
    near = mentor_km(by_tag["outer-cape"])
    need(near[0][0] > 60, f"outer-cape: a mentor within 60 km: {near[0]}")
    need(any(t == "brockton-haitian" and d == near[0][0] for d, t in near),
         f"outer-cape: nearest mentor is {near[0]}")
    near = [t for d, t in mentor_km(by_tag["berkshires"]) if d <= 60]
    need(sorted(near) == ["northampton-peds", "springfield-fm"],
         f"berkshires: mentors within 60 km: {near}")
    near = [t for d, t in mentor_km(by_tag["upper-cape"]) if d <= 60]
    need(2 <= len(near) <= 4, f"upper-cape: mentors within 60 km: {near}")
    lgbtq = [r for r in mentors if "lgbtq" in r["identities"].split(";")]
    need(len(lgbtq) == 2, "exactly two lgbtq mentors")
    years = [REFERENCE_YEAR - m["training_completed"] for m in mentees]
    need(sum(1 for y in years if 3 <= y <= 5) == 12, "12 fall-only mentees")
    need(sum(1 for y in years if y > 5) == 3, "3 ineligible mentees")
    need(len({m["id"] for m in mentees}) == len(mentees), "unique mentee ids")
    if errors:
        sys.exit("error: " + "\n       ".join(errors))


def write(path, columns, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow([fmt_hours(row[c]) if c == "hours_per_month" else row[c]
                        for c in columns])
    os.replace(tmp, path)


def census(mentees, mentors):
    def count(rows, pred):
        return sum(1 for r in rows if pred(r))
    years = lambda m: REFERENCE_YEAR - m["training_completed"]  # noqa: E731
    print(f"{len(mentees)} mentees: {count(mentees, lambda m: years(m) <= 2)} trained 0-2 years "
          f"before {REFERENCE_YEAR}, {count(mentees, lambda m: 3 <= years(m) <= 5)} 3-5 years, "
          f"{count(mentees, lambda m: years(m) > 5)} 6+ years")
    print(f"{len(mentors)} mentors, total capacity {sum(m['capacity'] for m in mentors)}")
    for group in IDENTITY_ORDER:
        print(f"  {group:6} mentees {count(mentees, lambda m: group in m['identities'].split(';')):2}"
              f"  wanting it shared {count(mentees, lambda m: group in m['wants_shared'].split(';')):2}"
              f"  mentors {count(mentors, lambda m: group in m['identities'].split(';')):2}")
    print("hand-placed:")
    for m in sorted(mentees + mentors, key=lambda r: r["id"]):
        if m["tag"]:
            print(f"  {m['id']} {m['zip3']} {m['health_system']} {m['tag']}")


def main():
    mentees, mentors = build()
    check(mentees, mentors)
    write(os.path.join(HERE, "mentees.csv"), MENTEE_COLUMNS, mentees)
    write(os.path.join(HERE, "mentors.csv"), MENTOR_COLUMNS, mentors)
    census(mentees, mentors)


if __name__ == "__main__":
    main()
