#!/usr/bin/env python3
"""Time dyad's exact solver against other exact assignment solvers on the same matrices.

Usage (from the repository root):

    python3 scripts/peers_bench.py --setup      # once: a virtual environment with the peers
    python3 scripts/peers_bench.py [--sizes 1000,2000] [--classes uniform,dyad,ties]
                                   [--runs 5] [--stat min|median] [--dyad PATH] [--work DIR]

`--setup` creates a virtual environment in DIR/venv (default target/peers-bench/venv) and runs
`pip install numpy scipy lap ortools` in it (from PyPI); later runs re-run the script inside it.
The script builds dyad in release mode unless --dyad names a binary.

The peers, each timed on its solve call alone (building its input is not counted):

* scipy: `scipy.optimize.linear_sum_assignment` on the cost matrix -score, forbidden pairs at
  +inf (scipy's own mark of a forbidden pair);
* lap: `lap.lapjv` (Jonker-Volgenant), on the same costs with forbidden pairs at a large finite
  cost (lapjv has no forbidden mark), which no optimum uses here (checked);
* OR-Tools: `SimpleLinearSumAssignment.solve` (cost scaling) on the allowed pairs as arcs, with
  integer costs: the scores multiplied by the smallest whole number that makes every one of them
  a whole number (found exactly; the script stops if there is none up to 10^7);
* dyad: `dyad solve --scores FILE [--capacity FILE] --format json`, whose `solve_ms` is the solve
  alone (reading the file is not counted).

Matrices, each with 10 % of the pairs forbidden, all written in the CSV form `dyad scores`
writes (a header of column ids, a row id then one score per column, an empty cell for a
forbidden pair), and read by every solver from that same file:

* uniform-N: scores uniform in [0, 100) with six decimals (so 10^8 possible values), N x N;
* dyad-N: `dyad scores` on a `dyad generate` pool of N mentees and N mentors (seed 1) under the
  fall profile's weights with every mentee eligible and no in-person limit (so that the 10 %
  forbidden pairs are the ones the script blanks at random), every mentor of capacity 1;
* ties-N: whole-number scores uniform in 0..9, ten distinct values: the tie-heavy class (many
  optimal assignments, many equal reduced costs), more extreme than dyad's own scores;
* CLASS-1000-slots1500: the 1000 x 1000 matrices with the first 500 columns of capacity 2, so
  1500 places in all. dyad takes the capacities as they are; scipy gets each such column twice,
  lap and OR-Tools get it twice and 500 extra rows of cost 0 everywhere (they need a square
  matrix; an extra row takes a place a real row leaves empty).

Every solver assigns every row here, so all optimal totals must agree; the script checks that
they do (to a relative 1e-9, the rounding of a sum of floating-point scores) and exits with
status 1 if any differs. It runs all solvers in turn, --runs times (so that all see the same
machine load), and reports each one's fastest run (or, with --stat median, its median; other
load on the machine only ever adds time, so the fastest run is the steadiest figure on a busy
machine) and dyad's time over the fastest peer's. DIR/results.json keeps every run's time.
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
PEERS = ("scipy", "lap", "ortools")

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


def venv_python(work):
    env_dir = work / "venv"
    return env_dir, env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"


def setup(work):
    """Creates the virtual environment and installs the peers into it."""
    env_dir, python = venv_python(work)
    if not python.exists():
        print(f"creating a virtual environment in {env_dir}", flush=True)
        venv.EnvBuilder(with_pip=True).create(env_dir)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "numpy", "scipy", "lap", "ortools"],
        check=True,
    )


def in_venv(work):
    """Re-runs this script inside its virtual environment."""
    env_dir, python = venv_python(work)
    if Path(sys.prefix).resolve() == env_dir.resolve():
        return
    if not python.exists():
        sys.exit(f"no virtual environment in {env_dir}: run `{sys.argv[0]} --setup` first")
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


def random_csv(n, seed, cell):
    """An n x n CSV with 10 % forbidden pairs, `cell(rng, shape)` giving the score texts."""
    import numpy as np

    rng = np.random.default_rng(seed)
    text = cell(rng, (n, n))
    forbidden = rng.random((n, n)) < 0.1
    lines = ["," + ",".join(f"C{j:05d}" for j in range(n))]
    for i in range(n):
        cells = ("" if forbidden[i, j] else text[i][j] for j in range(n))
        lines.append(f"R{i:05d}," + ",".join(cells))
    return "\n".join(lines) + "\n"


def uniform_cells(rng, shape):
    return [[f"{x:.6f}" for x in row] for row in rng.uniform(0.0, 100.0, size=shape)]


def tie_cells(rng, shape):
    return [[str(x) for x in row] for row in rng.integers(0, 10, size=shape)]


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


def integer_scale(score):
    """The smallest whole number f ≤ 10^7 such that f × every score is a whole number (to the
    rounding of the score's text), or None: the least common multiple of the denominators of
    the scores as fractions, checked on every distinct score."""
    import math
    from fractions import Fraction

    import numpy as np

    values = np.unique(score[~np.isnan(score)])
    factor = 1
    for x in values:
        if abs(x * factor - round(x * factor)) > 1e-6:
            den = Fraction(float(x)).limit_denominator(10**7).denominator
            factor = factor * den // math.gcd(factor, den)
            if factor > 10**7:
                return None
    scaled = values * factor
    tol = 1e-9 * max(1.0, float(np.abs(scaled).max()))
    return factor if np.all(np.abs(scaled - np.rint(scaled)) <= tol) else None


def square_costs(score, caps, big):
    """The cost matrix with each column repeated `caps` times, padded with rows of cost 0 to a
    square, forbidden pairs at `big`. Returns it and the number of real rows."""
    import numpy as np

    cost = np.where(np.isnan(score), big, -score)
    cost = np.repeat(cost, caps, axis=1)
    rows, cols = cost.shape
    if cols > rows:
        cost = np.vstack([cost, np.zeros((cols - rows, cols))])
    return cost, rows


def scipy_solver(score, caps):
    """A function that runs scipy once, returning (ms, total)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    cost = np.where(np.isnan(score), np.inf, -score)
    cost = np.ascontiguousarray(np.repeat(cost, caps, axis=1))

    def once():
        start = time.perf_counter()
        r, c = linear_sum_assignment(cost)
        ms = (time.perf_counter() - start) * 1000.0
        return ms, float(-cost[r, c].sum())

    return once


def lap_solver(score, caps):
    """A function that runs lap.lapjv once, returning (ms, total)."""
    import lap
    import numpy as np

    finite = score[~np.isnan(score)]
    span = float(finite.max() - finite.min()) + 1.0
    big = float(-finite.min()) + span * (score.shape[0] + 1)
    cost, rows = square_costs(score, caps, big)
    cost = np.ascontiguousarray(cost)

    def once():
        start = time.perf_counter()
        _, x, _ = lap.lapjv(cost)
        ms = (time.perf_counter() - start) * 1000.0
        chosen = cost[np.arange(rows), x[:rows]]
        if np.any(chosen >= big):
            sys.exit("lap used a forbidden pair: the matrix has no complete assignment")
        return ms, float(-chosen.sum())

    return once


def ortools_solver(score, caps, factor):
    """A function that runs OR-Tools' SimpleLinearSumAssignment once, returning (ms, total)."""
    import numpy as np
    from ortools.graph.python import linear_sum_assignment

    cost, rows = square_costs(score, caps, np.nan)
    allowed = ~np.isnan(cost)
    left, right = np.nonzero(allowed)
    arc_cost = np.rint(cost[allowed] * factor).astype(np.int64)

    def once():
        solver = linear_sum_assignment.SimpleLinearSumAssignment()
        solver.add_arcs_with_cost(left.astype(np.int32), right.astype(np.int32), arc_cost)
        start = time.perf_counter()
        status = solver.solve()
        ms = (time.perf_counter() - start) * 1000.0
        if status != solver.OPTIMAL:
            sys.exit(f"OR-Tools did not solve the problem: status {status}")
        mates = np.array([solver.right_mate(i) for i in range(rows)])
        return ms, float(-cost[np.arange(rows), mates].sum())

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


def in_turn(solvers, runs):
    """Runs every solver once in turn, `runs` times (so that all see the same machine load);
    returns each one's times and last total."""
    times = {name: [] for name in solvers}
    totals = {}
    for _ in range(runs):
        for name, once in solvers.items():
            ms, totals[name] = once()
            times[name].append(ms)
    return {name: (t, totals[name]) for name, t in times.items()}


def make_matrix(kind, n, dyad, work):
    if kind == "uniform":
        return random_csv(n, n, uniform_cells)
    if kind == "ties":
        return random_csv(n, 7 * n, tie_cells)
    return dyad_csv(dyad, work, n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--setup", action="store_true",
                    help="create the virtual environment and install the peers, then stop")
    ap.add_argument("--sizes", default="1000,2000")
    ap.add_argument("--classes", default="uniform,dyad,ties")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--stat", choices=("min", "median"), default="min",
                    help="each solver's figure: its fastest run (default) or the median")
    ap.add_argument("--dyad", help="the dyad binary (default: cargo build --release)")
    ap.add_argument("--work", default=str(ROOT / "target" / "peers-bench"))
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.setup:
        setup(work)
        return
    in_venv(work)

    import lap
    import numpy as np
    import ortools
    import scipy

    dyad = args.dyad
    if not dyad:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        dyad = str(ROOT / "target" / "release" / "dyad")
    sizes = [int(s) for s in args.sizes.split(",")]
    classes = args.classes.split(",")

    cases = []
    for n in sizes:
        for kind in classes:
            path = work / f"{kind}-{n}.csv"
            if not path.exists():
                print(f"writing {path.name}", flush=True)
                path.write_text(make_matrix(kind, n, dyad, work))
            cases.append((f"{kind}-{n}", path, 0))
            if n == 1000:
                cases.append((f"{kind}-1000-slots1500", path, 500))

    print(f"numpy {np.__version__}, scipy {scipy.__version__}, lap {lap.__version__}, "
          f"ortools {ortools.__version__}; {args.stat} of {args.runs} runs, ms")
    head = "".join(f"{p:>9}" for p in PEERS)
    print(f"{'matrix':<24}{head}{'dyad':>9}{'dyad/best':>11}  totals")
    results = []
    for name, path, doubled in cases:
        score, cols = read_csv(path)
        caps = np.array([2 if j < doubled else 1 for j in range(len(cols))])
        capacity = None
        if doubled:
            capacity = work / f"{name}-capacity.csv"
            capacity_file(capacity, cols, doubled)
        factor = integer_scale(score)
        if factor is None:
            sys.exit(f"{name}: no whole number up to 10^7 makes every score whole (OR-Tools)")
        solvers = {
            "scipy": scipy_solver(score, caps),
            "lap": lap_solver(score, caps),
            "ortools": ortools_solver(score, caps, factor),
            "dyad": dyad_solver(dyad, path, capacity),
        }
        runs = in_turn(solvers, args.runs)
        pick = min if args.stat == "min" else statistics.median
        got = {name: (pick(t), total) for name, (t, total) in runs.items()}
        d_ms, d_total = got["dyad"]
        best = min(PEERS, key=lambda p: got[p][0])
        ratio = d_ms / got[best][0]
        differ = [p for p in PEERS
                  if abs(got[p][1] - d_total) > 1e-9 * max(1.0, abs(d_total))]
        peers = "".join(f"{got[p][0]:>9.1f}" for p in PEERS)
        verdict = "equal" if not differ else "DIFFER " + ", ".join(
            f"{p} {got[p][1]!r}" for p in differ) + f" vs dyad {d_total!r}"
        print(f"{name:<24}{peers}{d_ms:>9.1f}{ratio:>7.2f} {best:<4} {verdict}", flush=True)
        results.append({
            "matrix": name,
            **{f"{p}_ms": got[p][0] for p in PEERS},
            "dyad_ms": d_ms,
            "fastest_peer": best,
            "ratio": ratio,
            **{f"{p}_total": got[p][1] for p in (*PEERS, "dyad")},
            "same_total": not differ,
            "runs_ms": {name: t for name, (t, _) in runs.items()},
        })
    (work / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    if not all(r["same_total"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
