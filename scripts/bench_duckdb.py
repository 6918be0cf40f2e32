#!/usr/bin/env python3
"""DuckDB's side of scripts/bench: the per-round figures of one run log, in SQL.

Usage: bench_duckdb.py LOG [--schema detected|given] [--threads N]

Prints one JSON object on stdout: {"seconds": <the query, connect to fetch>,
"cpu_seconds": <its processor time, every thread>, "rounds": [{"round", "utility", "filtered_utility", "gap", "relative_gap",
"oracle_utility"}, ...]}, or {"error": ...} when the query cannot run (a
detected schema misses the sample columns when the lines DuckDB samples for
it, the first 20 480, are all prompt records: from scale 1.1 of the bench log). Python's start-up and `import duckdb` are not in
"seconds" (they are in the process's time and memory, which scripts/bench.py
measures from outside).

--schema given (the default) names the few columns the query needs, so
DuckDB parses nothing else: its fastest form, and one that works at any
size. --schema detected lets read_json find the columns itself, as one
would write the query at first.

The query follows docs/run-log-format.md for logs whose samples carry their
verification and kept flag inline (the layout of `simulate --preset bench`):
u = utility, else correct as 0/1; samples of unknown utility are left out;
a_x = mean u, a'_x = mean u of the kept samples (a_x when none is kept),
relative gap over prompts with a_x < 1, oracle = mean of max u.
"""
import json
import resource
import sys
import time

import duckdb

QUERY = """
WITH s AS (
    SELECT "round" AS r, prompt_id AS p, {utility} AS u, kept AS k
    FROM read_json(?, format = 'newline_delimited'{columns})
    WHERE "type" = 'sample'
), px AS (
    SELECT r, p, avg(u) AS a, max(u) AS best,
           sum(u) FILTER (WHERE k) AS kept_sum,
           count(u) FILTER (WHERE k) AS kept_count
    FROM s WHERE u IS NOT NULL
    GROUP BY r, p
), pf AS (
    SELECT r, a, best, CASE WHEN kept_count > 0 THEN kept_sum / kept_count ELSE a END AS ak
    FROM px
)
SELECT r, avg(a), avg(ak), avg(ak) - avg(a),
       avg(CASE WHEN a < 1 THEN (ak - a) / (1 - a) END), avg(best)
FROM pf GROUP BY r ORDER BY r
"""

GIVEN_COLUMNS = """,
                   columns = {"type": 'VARCHAR', "round": 'BIGINT', prompt_id: 'VARCHAR',
                              utility: 'DOUBLE', correct: 'BOOLEAN', kept: 'BOOLEAN'}"""


def main() -> None:
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    path = args[0]
    schema = "given"
    threads = None
    rest = args[1:]
    while rest:
        flag = rest.pop(0)
        if flag == "--schema":
            schema = rest.pop(0)
        elif flag == "--threads":
            threads = int(rest.pop(0))
        else:
            sys.exit(f"unknown option {flag}\n{__doc__}")
    if schema == "given":
        sql = QUERY.format(utility="coalesce(utility, CAST(correct AS DOUBLE))", columns=GIVEN_COLUMNS)
    elif schema == "detected":
        # A detected schema has only the columns the log has: ask which (not timed).
        probe = duckdb.connect()
        names = {row[0] for row in probe.execute(
            "DESCRIBE SELECT * FROM read_json(?, format = 'newline_delimited')", [path]).fetchall()}
        probe.close()
        terms = [t for c, t in (("utility", "utility"), ("correct", "CAST(correct AS DOUBLE)")) if c in names]
        utility = "coalesce(" + ", ".join(terms) + ")" if len(terms) > 1 else (terms[0] if terms else "NULL::DOUBLE")
        sql = QUERY.format(utility=utility, columns="")
    else:
        sys.exit(f"--schema is 'detected' or 'given', not {schema!r}")

    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF)
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {threads}")
    try:
        rows = con.execute(sql, [path]).fetchall()
    except duckdb.BinderException as error:
        # A detected schema comes from the first lines only (20 480 by default):
        # when those are all prompt records, the sample columns are not there.
        json.dump({"error": str(error).splitlines()[0]}, sys.stdout)
        print()
        return
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    keys = ["round", "utility", "filtered_utility", "gap", "relative_gap", "oracle_utility"]
    json.dump({"seconds": seconds, "cpu_seconds": cpu, "rounds": [dict(zip(keys, row)) for row in rows]}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
