#!/usr/bin/env python3
"""Draws the honest benchmark's random samples from a seeded database and a running server.

Usage: sample.py DATABASE_URL BASE_URL TOKEN OUT_DIR

Writes, one per line, the request paths (or values) the wrk scripts pick from at random:
  ids.txt        20,000 project ids (BENCH_SAMPLE), for GET by id and progress updates
  by_id.txt      /api/v1/projects/<id> for each of them
  lists.txt      50 newest projects of a key county in one status (every county × status
                 pair with at least 100 projects), page 1
  deep.txt       the same lists 20 pages deep (row 1,000): 100 pairs, walked through the API
                 so the cursors are the ones a client holds
  counties.txt   key county codes, for the bodies of new projects
  organizations.txt  1,000 active organizations, to lead new projects
  stats.txt      count-and-sum of projects by status for one province, each province
Prints one line with the sizes.
"""
import json
import os
import random
import sqlite3
import subprocess
import sys
import urllib.request

db_url, base, token, out = sys.argv[1:5]
SAMPLE = int(os.environ.get("BENCH_SAMPLE", "20000"))
DEEP_PAGES = 20
rng = random.Random(15)


def query(sql):
    """Rows of one SELECT, as tuples of strings, on either backend."""
    if db_url.startswith("sqlite://"):
        with sqlite3.connect(db_url[len("sqlite://"):]) as conn:
            return [tuple(str(v) for v in row) for row in conn.execute(sql)]
    text = subprocess.run(["psql", db_url, "-qAtF", "\t", "-c", sql], check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in text.splitlines() if line]


def get(path):
    req = urllib.request.Request(base + path, headers={"authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.load(res)


def write(name, lines):
    with open(os.path.join(out, name), "w") as f:
        f.write("\n".join(lines) + "\n")
    return len(lines)


# ORDER BY random() over a million rows is one sort: a second or two, once.
ids = [r[0] for r in query(f"SELECT id FROM projects ORDER BY random() LIMIT {SAMPLE}")]
pairs = query(
    "SELECT p.county_code, p.status FROM projects p JOIN counties c ON c.code = p.county_code "
    "WHERE c.key_county GROUP BY p.county_code, p.status HAVING count(*) >= 100"
)
counties = [r[0] for r in query("SELECT code FROM counties WHERE key_county ORDER BY code")]
organizations = [r[0] for r in query("SELECT id FROM organizations WHERE status = 'active' ORDER BY random() LIMIT 1000")]
provinces = [r[0] for r in query("SELECT DISTINCT province_code FROM projects ORDER BY province_code")]

lists = [f"/api/v1/projects?county={c}&status={s}&limit=50" for c, s in pairs]
deep = []
for path in rng.sample(lists, min(100, len(lists))):
    cursor = None
    for _ in range(DEEP_PAGES):
        page = get(path + (f"&cursor={cursor}" if cursor else ""))
        cursor = page.get("next_cursor")
        if not cursor:
            break
    if cursor:
        deep.append(f"{path}&cursor={cursor}")

sizes = {
    "ids": write("ids.txt", ids),
    "by_id": write("by_id.txt", [f"/api/v1/projects/{i}" for i in ids]),
    "lists": write("lists.txt", lists),
    "deep": write("deep.txt", deep),
    "counties": write("counties.txt", counties),
    "organizations": write("organizations.txt", organizations),
    "stats": write("stats.txt", [f"/api/v1/statistics/projects?group_by=status&province={p}" for p in provinces]),
}
print(" ".join(f"{k}={v}" for k, v in sizes.items()))
