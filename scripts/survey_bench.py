#!/usr/bin/env python3
"""Writes a synthetic survey of pairs (outcomes.csv) for a pool made by `dyad generate`, to time
`dyad evidence` at a given size:

    dyad generate --mentees 1000 --mentors 1000 --out target/ev-pool
    python3 scripts/survey_bench.py --data target/ev-pool --pairs 10000
    time dyad evidence --data target/ev-pool

Each pair is drawn at random (no pair twice); its satisfaction (1-5), meetings held and
would_recommend (yes/no) are random, a tenth of the answers left blank. Deterministic per seed.
"""

import argparse
import csv
import os
import random


def ids(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [row["id"] for row in csv.DictReader(f)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="pool folder (mentees.csv, mentors.csv)")
    ap.add_argument("--pairs", type=int, required=True, help="rows of the survey")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="file to write (default: DATA/outcomes.csv)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    mentees = ids(os.path.join(a.data, "mentees.csv"))
    mentors = ids(os.path.join(a.data, "mentors.csv"))
    if a.pairs > len(mentees) * len(mentors):
        raise SystemExit("more pairs than the pool has")
    seen = set()
    out = a.out or os.path.join(a.data, "outcomes.csv")
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["mentee", "mentor", "satisfaction", "meetings", "would_recommend"])
        while len(seen) < a.pairs:
            pair = (rng.choice(mentees), rng.choice(mentors))
            if pair in seen:
                continue
            seen.add(pair)

            def blank(v):
                return "" if rng.random() < 0.1 else v

            w.writerow([
                pair[0],
                pair[1],
                blank(rng.randint(1, 5)),
                blank(rng.randint(0, 15)),
                blank(rng.choice(["yes", "no"])),
            ])


if __name__ == "__main__":
    main()
