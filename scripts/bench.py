#!/usr/bin/env python3
"""Measuring part of scripts/bench (run that; it builds and makes the logs).

Usage: bench.py --gapscope BIN --python VENV_PYTHON --runs N [--out FILE] LOG...

For each log: drops its pages from the page cache and reads it back, so
it comes into the cache through readahead whatever its history (the folio
sizes that gives still depend on the kernel's free memory; see
docs/benchmark.md), and times `wc -l`; then, RUNS
times in turn, DuckDB with the columns given, DuckDB with the schema it
detects, and `gapscope summary --json`, each in a process of its own
started by a small one that takes its time and peak RSS (wait4); checks that every run gives the same per-round
utility, filtered utility, gap, relative gap and oracle utility to 1e-9;
prints a table (medians of the runs) and the ratios against the targets:
gapscope at most half DuckDB's time (the faster of its two forms), peak RSS
at most a tenth of the log.

DuckDB's time is its query alone, from connecting to the fetched result
(Python's start-up and `import duckdb`, about 0.13 s, left out); gapscope's
is its whole process, start-up and JSON output included.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

FIGURES = ["utility", "filtered_utility", "gap", "relative_gap", "oracle_utility"]
TOLERANCE = 1e-9
HERE = os.path.dirname(os.path.abspath(__file__))


# Starts a command and reports its time and rusage. A child's peak RSS
# (ru_maxrss) is never below its parent's size when it was started: the
# kernel counts the memory it forked from (or, spawned with vfork, shared)
# until exec. So commands are started from this small Python (no site
# packages: about 5 MiB) instead of from the benchmark's own process, which
# grows with its results; its last line of stderr is the measurement.
MEASURE = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
sys.stderr.write(f"\\nmeasured {os.waitstatus_to_exitcode(status)} {seconds!r} "
                 f"{usage.ru_utime + usage.ru_stime!r} {usage.ru_maxrss}\\n")
"""


def run(argv):
    """Runs argv; returns (stdout, wall seconds, processor seconds, peak RSS in KiB)."""
    proc = subprocess.run([sys.executable, "-S", "-c", MEASURE, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err, _, measured = proc.stderr.rstrip(b"\n").rpartition(b"\n")
    fields = measured.decode().split()
    if proc.returncode != 0 or len(fields) != 5 or fields[0] != "measured":
        sys.exit(f"{' '.join(argv)}: could not be measured:\n{proc.stderr.decode(errors='replace')}")
    code, seconds, cpu, rss = int(fields[1]), float(fields[2]), float(fields[3]), int(fields[4])
    if code != 0:
        sys.exit(f"{' '.join(argv)} failed ({code}):\n{err.decode(errors='replace')}")
    return proc.stdout, seconds, cpu, rss


def gapscope_rounds(document):
    runs = document["runs"]
    if len(runs) != 1:
        sys.exit(f"expected one run in gapscope's output, got {len(runs)}")
    return [{k: r[k] for k in ["round"] + FIGURES} for r in runs[0]["rounds"]]


def same_figures(a, b):
    if [r["round"] for r in a] != [r["round"] for r in b]:
        return False
    for x, y in zip(a, b):
        for k in FIGURES:
            if (x[k] is None) != (y[k] is None):
                return False
            if x[k] is not None and abs(x[k] - y[k]) > TOLERANCE:
                return False
    return True


def human_bytes(n):
    for unit in ["B", "KB", "MB", "GB"]:
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}" if n < 100 else f"{n:.0f} {unit}"
        n /= 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gapscope", required=True)
    ap.add_argument("--python", required=True, help="the venv's python, with duckdb installed")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", help="also write the table (Markdown) and the raw numbers (JSON) here, .md/.json")
    ap.add_argument("logs", nargs="+", metavar="SCALE=LOG")
    args = ap.parse_args()

    contenders = {
        "duckdb-columns": lambda log: [args.python, os.path.join(HERE, "bench_duckdb.py"), log, "--schema", "given"],
        "duckdb-detected": lambda log: [args.python, os.path.join(HERE, "bench_duckdb.py"), log, "--schema", "detected"],
        "gapscope": lambda log: [args.gapscope, "summary", "--json", log],
    }
    results = []
    mismatches = []
    for item in args.logs:
        scale, log = item.split("=", 1)
        size = os.path.getsize(log)
        with open(log, "rb") as f:
            # Into the page cache from a known state: its pages dropped (the
            # clean ones), then read back in large reads. How a file's pages
            # came into the cache (a few KiB at a time, or in large folios
            # through readahead or large writes) changes how fast it maps, so
            # without this the numbers would depend on the file's history.
            os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            while f.read(1 << 24):
                pass
        _, wc_seconds, _, _ = run(["wc", "-l", log])
        samples = {name: [] for name in contenders}
        every = []  # (contender, per-round figures) of every run
        failed = {}
        for _ in range(args.runs):
            for name, argv in contenders.items():
                if name in failed:
                    continue
                out, seconds, cpu, rss = run(argv(log))
                document = json.loads(out)
                if "error" in document:
                    failed[name] = document["error"]
                    continue
                if name == "gapscope":
                    rounds = gapscope_rounds(document)
                    query_seconds, query_cpu = seconds, cpu
                else:
                    rounds = document["rounds"]
                    query_seconds, query_cpu = document["seconds"], document["cpu_seconds"]
                every.append((name, rounds))
                samples[name].append({"seconds": query_seconds, "cpu_seconds": query_cpu, "rss_kib": rss})
        reference = next(rounds for name, rounds in every if name == "gapscope")
        mismatches += [(scale, name) for name, rounds in every if not same_figures(rounds, reference)]
        row = {"scale": scale, "log": log, "bytes": size, "wc_seconds": wc_seconds, "rounds": len(reference)}
        for name, runs in samples.items():
            if name in failed:
                row[name] = {"error": failed[name]}
                continue
            row[name] = {
                "seconds": statistics.median(r["seconds"] for r in runs),
                "best_seconds": min(r["seconds"] for r in runs),
                "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
                "rss_kib": max(r["rss_kib"] for r in runs),
            }
        results.append(row)
        print(f"   scale {scale} measured", file=sys.stderr, flush=True)

    errors = sorted({(r["scale"], r[n]["error"]) for r in results for n in contenders if "error" in r[n]})

    def cell(c):
        if "error" in c:
            return "fails (below)"
        return f"{c['seconds']:.2f} s ({c['cpu_seconds']:.2f} s CPU), {c['rss_kib'] / 1024:.0f} MiB"

    lines = []
    lines.append("| scale | log | `wc -l` | DuckDB, columns given | DuckDB, schema detected | gapscope | gapscope time / DuckDB's (target <= 0.50) | gapscope peak RSS / log size (target <= 10%) |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for r in results:
        g = r["gapscope"]
        duck_times = [r[n]["seconds"] for n in ("duckdb-columns", "duckdb-detected") if "error" not in r[n]]
        best = min(duck_times)
        ratio = g["seconds"] / best
        rss_share = g["rss_kib"] * 1024 / r["bytes"]
        lines.append(
            f"| {r['scale']} | {human_bytes(r['bytes'])} | {r['wc_seconds']:.2f} s "
            f"| {cell(r['duckdb-columns'])} | {cell(r['duckdb-detected'])} "
            f"| {cell(g)} "
            f"| {ratio:.2f} {'(met)' if ratio <= 0.5 else '(not met)'} "
            f"| {100 * rss_share:.1f}% {'(met)' if rss_share <= 0.10 else '(not met)'} |")
    if len(results) > 1:
        base = results[0]
        growth = "; ".join(
            f"{r['bytes'] / base['bytes']:.1f}x the bytes: {r['gapscope']['seconds'] / base['gapscope']['seconds']:.1f}x the time, "
            f"{r['gapscope']['rss_kib'] / base['gapscope']['rss_kib']:.1f}x the peak RSS"
            for r in results[1:])
        lines.append("")
        lines.append(f"gapscope from scale {base['scale']}: {growth}.")
    for scale, error in errors:
        lines.append("")
        lines.append(f"At scale {scale}, DuckDB with the schema it detects fails: {error} "
                     "(it detects the schema from the first 20 480 lines, which here are all prompt records).")
    lines.append("")
    lines.append(f"Medians of {args.runs} runs (RSS: the largest). DuckDB's time is its query alone "
                 "(connect to fetch, without Python's start-up); gapscope's is its whole process; "
                 "CPU is user + system time on every thread; the ratio is against the faster DuckDB form. "
                 f"Per-round figures agree to {TOLERANCE:g}: "
                 + ("yes." if not mismatches else "NO: " + ", ".join(f"{n} at scale {s}" for s, n in sorted(set(mismatches))) + "."))
    table = "\n".join(lines)
    print(table)
    if args.out:
        with open(args.out + ".md", "w") as f:
            f.write(table + "\n")
        with open(args.out + ".json", "w") as f:
            json.dump(results, f, indent=2)
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
