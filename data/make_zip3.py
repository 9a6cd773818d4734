#!/usr/bin/env python3
"""Build data/zip3-centroids.csv: one centroid per US ZIP3 (first three digits of a ZIP code).

Source: the MIT-licensed PyPI package pyzipcode 3.0.1, whose sdist ships
pyzipcode/zipcodes.db, an sqlite database of 43,191 five-digit ZIP codes with latitude and
longitude (the CivicSpace US ZIP Code Database of 2004, built from US Census Bureau gazetteers).

Derivation: the ZIP codes are grouped by their first three digits; a row whose state is not the
state that a strict majority of its ZIP3's rows lie in is dropped (such rows are mis-keyed in the
source, e.g. 96799 Pago Pago under Hawaii's 967 or 99536 Kennewick WA under Alaska's 995); the
centroid is the arithmetic mean of the remaining latitudes and longitudes, rounded to 4 decimals.
ZIP3s are written in ascending order.

Usage:
    python3 data/make_zip3.py                 # downloads the sdist with pip into a temp dir
    python3 data/make_zip3.py PATH            # PATH: the sdist (.tar.gz), an unpacked sdist
                                              # directory, or zipcodes.db itself
    python3 data/make_zip3.py --out FILE      # default: zip3-centroids.csv beside this script

Standard library only (plus the `pip` command when downloading). Output is deterministic.
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict

PACKAGE = "pyzipcode"
VERSION = "3.0.1"
PYPI_URL = f"https://pypi.org/project/{PACKAGE}/{VERSION}/"
DB_MEMBER = f"{PACKAGE}-{VERSION}/{PACKAGE}/zipcodes.db"

HEADER = f"""\
# US ZIP3 centroids: ZIP3 (first three digits of a ZIP code), mean latitude, mean longitude.
# Source: PyPI package {PACKAGE} {VERSION} ({PYPI_URL}), file {PACKAGE}/zipcodes.db in its sdist.
#   Package home: https://github.com/vangheem/pyzipcode
# Licence: MIT, as declared in the package metadata (author and copyright holder: Nathan Van Gheem;
#   the sdist itself carries no separate licence file or copyright line).
# Original data, per the package README: the CivicSpace US ZIP Code Database (zipcodes-csv-10-Aug-2004,
#   Schuyler Erle and Neil Drumm, copyright 2004 CivicSpace Labs, Inc., published under Creative
#   Commons Attribution-ShareAlike 2.0), composed from US Census Bureau ZIP code gazetteers of
#   1999/2000 and TIGER/Line 2003, which are in the public domain.
# Derived by data/make_zip3.py: ZIP codes grouped by their first three digits; rows listed under a
#   state other than the strict-majority state of their ZIP3 dropped as mis-keyed; centroid = mean
#   of the remaining latitudes and longitudes (decimal degrees), rounded to 4 decimals.
# Coverage: {{count}} ZIP3s (50 states, DC, Puerto Rico and the US Virgin Islands).
"""


def download(tmp):
    """Fetches the sdist with pip and returns its path."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
         "--dest", tmp, f"{PACKAGE}=={VERSION}"],
        check=True,
    )
    for name in os.listdir(tmp):
        if name.endswith(".tar.gz"):
            return os.path.join(tmp, name)
    sys.exit(f"error: pip did not leave a {PACKAGE} sdist in {tmp}")


def locate_db(path, tmp):
    """Returns the path of zipcodes.db, given the sdist, an unpacked sdist or the db itself."""
    if os.path.isdir(path):
        for candidate in (os.path.join(path, PACKAGE, "zipcodes.db"),
                          os.path.join(path, "zipcodes.db")):
            if os.path.isfile(candidate):
                return candidate
        sys.exit(f"error: no {PACKAGE}/zipcodes.db under {path}")
    if path.endswith(".tar.gz"):
        with tarfile.open(path) as tar:
            member = tar.getmember(DB_MEMBER)
            with tar.extractfile(member) as src, open(os.path.join(tmp, "zipcodes.db"), "wb") as dst:
                dst.write(src.read())
        return os.path.join(tmp, "zipcodes.db")
    return path


def centroids(db_path):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT zip, state, latitude, longitude FROM ZipCodes ORDER BY zip"
        ).fetchall()
    finally:
        conn.close()
    groups = defaultdict(list)
    for zip5, state, lat, lon in rows:
        zip5 = str(zip5).strip()
        if len(zip5) != 5 or not zip5.isdigit() or lat is None or lon is None:
            continue
        groups[zip5[:3]].append((state, float(lat), float(lon)))
    out = []
    for zip3 in sorted(groups):
        members = groups[zip3]
        (state, n), = Counter(s for s, _, _ in members).most_common(1)
        if 2 * n > len(members):
            members = [m for m in members if m[0] == state]
        lat = sum(m[1] for m in members) / len(members)
        lon = sum(m[2] for m in members) / len(members)
        out.append((zip3, round(lat, 4), round(lon, 4)))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?",
                        help="pyzipcode sdist (.tar.gz), unpacked sdist directory, or zipcodes.db")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                      "zip3-centroids.csv"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or download(tmp)
        table = centroids(locate_db(source, tmp))
    if len(table) < 800:
        sys.exit(f"error: only {len(table)} ZIP3s; is this the right database?")
    tmp_out = args.out + ".tmp"
    with open(tmp_out, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(count=len(table)))
        f.write("zip3,latitude,longitude\n")
        for zip3, lat, lon in table:
            f.write(f"{zip3},{lat:.4f},{lon:.4f}\n")
    os.replace(tmp_out, args.out)
    print(f"wrote {len(table)} ZIP3s to {args.out}")


if __name__ == "__main__":
    main()
