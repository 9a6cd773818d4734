#!/usr/bin/env python3
"""Time dyad's exact solver against scipy's linear_sum_assignment on the same matrices.

Usage (from the repository root):

    python3 scripts/scipy_bench.py [--sizes 1000,2000] [--runs 5] [--dyad PATH] [--work DIR]

The script creates its own virtual environment (in DIR/venv, default target/scipy-bench/venv),
installs numpy and scipy into it from PyPI, and re-runs itself there. It builds dyad in release
mode unless --dyad names a binary.

Matrices, each with 10 % of the pairs forbidden, all written in the CSV form `dyad scores`
writes (a header of column ids, a row id then one score per column, an empty cell for a
forbidden pair), and read by both solvers from that same file:

* uniform-N: scores uniform in [0, 100), N x N, every column of capacity 1;
* dyad-N: `dyad scores` on a `dyad generate` pool of N mentees and N mentors (seed 1) under the
  fall profile's weights with every mentee eligible and no in-person limit (so that the 10 %
  forbidden pairs are the ones the script blanks at random), every mentor of capacity 1;
* uniform-1000-slots1500, dyad-1000-slots1500: the 1000 x 1000 matrices with the first 500
  columns of capacity 2, so 1500 places in all.

dyad is timed by `dyad solve --scores FILE [--capacity FILE] --format json`, whose `solve_ms` is
the solve alone (reading the file is not counted), scipy by `linear_sum_assignment` alone, on the
cost matrix -score with each column repeated `capacity` times and forbidden pairs at +inf (scipy's
mark of a forbidden pair). Both find a complete assignment of the rows here, so their optimal
totals must agree; the script checks that they do. It reports the median of --runs runs of each
and the ratio dyad / scipy, running the two alternately so that both see the same load.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROFILE = """name = "Benchmark"
description = "Fall 2023 weights; every mentee eligible, no in-person limit, one mentee per mentor"

[eligibility]
max_years_since_training = 100
reference_year = 2023

[weights]
proximity = 0.9
goals = 0.8
challenges = 0.8
specialty = 0.3
shared_identity = 0.6
outside_system = 0.5
format = 0.4
availability = 0.6
language = 0.3
seniority = 0.2

[criteria]
proximity.max_km = 80
seniority.min_gap = 8
seniority.max_gap = 30

[constraints]
require_outside_system = false
mentor_capacity = 1
min_score = 0

[objective]
kind = "total"
"""


def in_venv(work):
    """Re-runs this script inside its own virtual environment with numpy and scipy."""
    env_dir = work / "venv"
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    if Path(sys.prefix).resolve() == env_dir.resolve():
        return
    if not python.exists():
        print(f"creating a virtual environment in {env_dir}", flush=True)
        venv.EnvBuilder(with_pip=True).create(env_dir)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "numpy", "scipy"], check=True
        )
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def blank(lines, share, seed):
    """Empties `share` of the score cells of a CSV (header kept), deterministically."""
    rng = random.Random(seed)
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        for c in range(1, len(cells)):
            if rng.random() < share:
                cells[c] = ""
        out.append(",".join(cells))
    return "\n".join(out) + "\n"


def uniform_csv(n, seed):
    import numpy as np

    rng = np.random.default_rng(seed)
    score = rng.uniform(0.0, 100.0, size=(n, n))
    forbidden = rng.random((n, n)) < 0.1
    lines = ["," + ",".join(f"C{j:05d}" for j in range(n))]
    for i in range(n):
        cells = ("" if forbidden[i, j] else repr(float(score[i, j])) for j in range(n))
        lines.append(f"R{i:05d}," + ",".join(cells))
    return "\n".join(lines) + "\n"


def dyad_csv(dyad, work, n):
    pool = work / f"pool{n}"
    if not (pool / "mentees.csv").exists():
        run([dyad, "generate", "--mentees", str(n), "--mentors", str(n), "--seed", "1",
             "--out", str(pool), "--force"])
    profile = work / "bench-profile.toml"
    profile.write_text(PROFILE)
    text = run([dyad, "scores", "--data", str(pool), "--profile", str(profile)], cwd=ROOT)
    return blank(text.strip("\n").split("\n"), 0.1, n)


def read_csv(path):
    import numpy as np

    lines = path.read_text().strip("\n").split("\n")
    cols = lines[0].split(",")[1:]
    rows = []
    for line in lines[1:]:
        cells = line.split(",")[1:]
        rows.append([float(c) if c else np.nan for c in cells])
    return np.array(rows), cols


def capacity_file(path, cols, doubled):
    with open(path, "w") as f:
        f.write("id,capacity\n")
        for j, c in enumerate(cols):
            f.write(f"{c},{2 if j < doubled else 1}\n")


def scipy_solver(score, caps):
    """A function that runs scipy once on the matrix, returning (ms, total)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    cost = np.where(np.isnan(score), np.inf, -score)
    cost = np.repeat(cost, caps, axis=1)

    def once():
        start = time.perf_counter()
        r, c = linear_sum_assignment(cost)
        ms = (time.perf_counter() - start) * 1000.0
        return ms, float(-cost[r, c].sum())

    return once


def dyad_solver(dyad, scores, capacity):
    """A function that runs `dyad solve` once on the file, returning (solve_ms, total)."""
    cmd = [dyad, "solve", "--scores", str(scores), "--format", "json"]
    if capacity:
        cmd += ["--capacity", str(capacity)]

    def once():
        out = json.loads(run(cmd))
        return out["solve_ms"], out["total"]

    return once


def interleaved(a, b, runs):
    """Runs a and b alternately (so that both see the same machine load), `runs` times each;
    returns the median time and the last total of each."""
    ta, tb, total_a, total_b = [], [], None, None
    for _ in range(runs):
        ms, total_a = a()
        ta.append(ms)
        ms, total_b = b()
        tb.append(ms)
    return (statistics.median(ta), total_a), (statistics.median(tb), total_b)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,2000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dyad", help="the dyad binary (default: cargo build --release)")
    ap.add_argument("--work", default=str(ROOT / "target" / "scipy-bench"))
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    in_venv(work)

    import numpy as np
    import scipy

    dyad = args.dyad
    if not dyad:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        dyad = str(ROOT / "target" / "release" / "dyad")
    sizes = [int(s) for s in args.sizes.split(",")]

    cases = []
    for n in sizes:
        for kind in ("uniform", "dyad"):
            path = work / f"{kind}-{n}.csv"
            if not path.exists():
                print(f"writing {path.name}", flush=True)
                text = uniform_csv(n, n) if kind == "uniform" else dyad_csv(dyad, work, n)
                path.write_text(text)
            cases.append((f"{kind}-{n}", path, 0))
            if n == 1000:
                cases.append((f"{kind}-1000-slots1500", path, 500))

    print(f"numpy {np.__version__}, scipy {scipy.__version__}; median of {args.runs} runs")
    print(f"{'matrix':<26}{'scipy ms':>10}{'dyad ms':>10}{'ratio':>8}  totals")
    results = []
    for name, path, doubled in cases:
        score, cols = read_csv(path)
        caps = np.array([2 if j < doubled else 1 for j in range(len(cols))])
        capacity = None
        if doubled:
            capacity = work / f"{name}-capacity.csv"
            capacity_file(capacity, cols, doubled)
        (s_ms, s_total), (d_ms, d_total) = interleaved(
            scipy_solver(score, caps), dyad_solver(dyad, path, capacity), args.runs
        )
        same = abs(s_total - d_total) <= 1e-9 * max(1.0, abs(s_total))
        ratio = d_ms / s_ms
        print(f"{name:<26}{s_ms:>10.1f}{d_ms:>10.1f}{ratio:>8.2f}  "
              f"{'equal' if same else f'DIFFER {s_total} vs {d_total}'}", flush=True)
        results.append({"matrix": name, "scipy_ms": s_ms, "dyad_ms": d_ms, "ratio": ratio,
                        "scipy_total": s_total, "dyad_total": d_total, "same_total": same})
    (work / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    if not all(r["same_total"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
