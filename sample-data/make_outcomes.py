#!/usr/bin/env python3
"""Build sample-data/outcomes-pilot-2023.csv: a synthetic end-of-pilot survey of the pilot matching.

The pairs are those of `dyad match --profile configs/pilot-2023.toml` on the sample pool. Each
pair's answers follow a fixed rule from two of its criterion scores under the pilot profile
(proximity, which falls linearly from 1 at 0 km to 0 at 150 km, and goals, the share of the
mentee's goals in the mentor's expertise) plus Gaussian noise, with a fixed seed:

    satisfaction    = round(1.5 + 2.5 * proximity + 1.0 * goals + N(0, 0.45)), clamped to 1..5
    meetings        = round(1 + 9 * proximity + 2 * goals + N(0, 1.2)), at least 0
    would_recommend = yes when satisfaction >= 4, else no

Three quarters of the pairs (rounded) answer, chosen at random; each answering pair leaves
`meetings` blank with probability 0.1. No other criterion plays any part, so `dyad evidence` should find
proximity (and the distance measures) and little else.

Deterministic (fixed seed, Python standard library only). Needs the dyad binary: set DYAD to its
path, or the script runs `cargo run --quiet --release --`.

Usage: python3 sample-data/make_outcomes.py
"""

import csv
import json
import os
import random
import shlex
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED = 2023
OUT = os.path.join(HERE, "outcomes-pilot-2023.csv")


def pilot_pairs():
    dyad = os.environ.get("DYAD")
    cmd = shlex.split(dyad) if dyad else ["cargo", "run", "--quiet", "--release", "--"]
    cmd += ["match", "--profile", "configs/pilot-2023.toml", "--format", "json"]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(out)["pairs"]


def main():
    rng = random.Random(SEED)
    rows = []
    pairs = pilot_pairs()
    responders = set(rng.sample(range(len(pairs)), round(0.75 * len(pairs))))
    for k, p in enumerate(pairs):
        prox, goals = p["criteria"]["proximity"], p["criteria"]["goals"]
        # Draw every number for every pair, so that one pair's answer does not shift the others.
        answers = k in responders
        skip_meetings = rng.random() < 0.1
        sat = round(1.5 + 2.5 * prox + 1.0 * goals + rng.gauss(0, 0.45))
        sat = min(5, max(1, sat))
        meetings = max(0, round(1 + 9 * prox + 2 * goals + rng.gauss(0, 1.2)))
        if not answers:
            rows.append([p["mentee"], p["mentor"], "", "", ""])
            continue
        rows.append([p["mentee"], p["mentor"], str(sat), "" if skip_meetings else str(meetings),
                     "yes" if sat >= 4 else "no"])
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["mentee", "mentor", "satisfaction", "meetings", "would_recommend"])
        w.writerows(rows)
    answered = sum(1 for r in rows if r[2])
    print(f"{len(rows)} pairs, {answered} answered -> {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
