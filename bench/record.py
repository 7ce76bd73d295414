#!/usr/bin/env python3
"""Append one benchmark record (a JSON line, the format bench/report.py reads) to the results file.

usage: record.py RESULTS time NAME OURS.json [REFERENCE.json] [--goal-ms X] [--goal-ratio R] [--baseline BASE.json
                 --goal-scaling S] [--note TEXT]
       record.py RESULTS value KIND NAME OURS [REFERENCE] [--goal-max X] [--goal-ratio R] [--total N] [--note TEXT]
                 [--floor X --floor-name NAME --goal-floor-ratio R]

`time` reads hyperfine --export-json files (seconds; several comma-separated files are one sample, e.g. rounds
run in turn with another command so that a slow moment of the machine hits both) and records milliseconds: median,
min, max, runs.
`value` records single numbers: KIND is memory (MB), throughput (requests/s) or count (with --total).
A goal given as numbers is written out as text and checked ("met"). Standard library only.
"""
import argparse
import json
import os
import statistics
import sys


def hyperfine_summary(paths):
    times = [t * 1000 for path in paths.split(",") for t in json.load(open(path))["results"][0]["times"]]
    return {"median": round(statistics.median(times), 2), "min": round(min(times), 2), "max": round(max(times), 2),
            "runs": len(times)}


def time_record(args):
    ours = hyperfine_summary(args.ours)
    reference = hyperfine_summary(args.reference) if args.reference else None
    record = {"name": args.name, "kind": "time", "ours": ours, "reference": reference}
    goals, met = [], []
    if args.goal_ms is not None:
        goals.append(f"median ≤ {args.goal_ms:g} ms")
        met.append(ours["median"] <= args.goal_ms)
    if args.goal_ratio is not None and reference:
        goals.append(f"≥ {args.goal_ratio:g}× faster")
        met.append(reference["median"] / ours["median"] >= args.goal_ratio)
    if args.baseline:
        base = hyperfine_summary(args.baseline)
        scaling = ours["median"] / base["median"]
        record["note"] = f"{scaling:.2f}× the time with {args.baseline_name}"
        if args.goal_scaling is not None:
            goals.append(f"≤ {args.goal_scaling:g}× the time with {args.baseline_name}")
            met.append(scaling <= args.goal_scaling)
    return finish(record, goals, met, args)


def value_record(args):
    record = {"name": args.name, "kind": args.kind, "ours": {"median": args.ours},
              "reference": {"median": args.reference} if args.reference is not None else None}
    if args.total is not None:
        record["total"] = args.total
    goals, met = [], []
    unit = {"memory": "MB", "throughput": "requests/s", "count": ""}[args.kind]
    if args.goal_max is not None:
        goals.append(f"≤ {args.goal_max:g} {unit}".rstrip())
        met.append(args.ours <= args.goal_max)
    if args.goal_ratio is not None and args.reference:
        goals.append(f"≥ {args.goal_ratio:g}× the reference")
        met.append(args.ours / args.reference >= args.goal_ratio)
    if args.floor is not None:
        record["floor"] = {"name": args.floor_name, "median": args.floor}
        args.note = (args.note + "; " if args.note else "") + (
            f"{args.floor_name}: {args.floor:g} {unit}, ours {args.ours / args.floor:.2f}× of it")
        if args.goal_floor_ratio is not None:
            goals.append(f"≥ {args.goal_floor_ratio:g}× {args.floor_name}")
            met.append(args.ours / args.floor >= args.goal_floor_ratio)
    return finish(record, goals, met, args)


def finish(record, goals, met, args):
    if goals:
        record["goal"] = " and ".join(goals)
        if not os.environ.get("BENCH_NO_VERDICT"):  # a smoke run (few runs, maybe debug) judges nothing
            record["met"] = all(met)
    if args.note:
        record["note"] = args.note
    return record


def main():
    parser = argparse.ArgumentParser(description="Append a benchmark record.")
    parser.add_argument("results")
    kinds = parser.add_subparsers(dest="command", required=True)
    time = kinds.add_parser("time")
    time.add_argument("name")
    time.add_argument("ours")
    time.add_argument("reference", nargs="?")
    time.add_argument("--goal-ms", type=float)
    time.add_argument("--goal-ratio", type=float)
    time.add_argument("--baseline")
    time.add_argument("--baseline-name", default="the baseline")
    time.add_argument("--goal-scaling", type=float)
    time.add_argument("--note")
    value = kinds.add_parser("value")
    value.add_argument("kind", choices=["memory", "throughput", "count"])
    value.add_argument("name")
    value.add_argument("ours", type=float)
    value.add_argument("reference", type=float, nargs="?")
    value.add_argument("--goal-max", type=float)
    value.add_argument("--goal-ratio", type=float)
    value.add_argument("--total", type=float)
    value.add_argument("--floor", type=float, help="the same measure for the lowest-cost program (the floor)")
    value.add_argument("--floor-name", default="the floor")
    value.add_argument("--goal-floor-ratio", type=float)
    value.add_argument("--note")
    args = parser.parse_args()
    try:
        record = time_record(args) if args.command == "time" else value_record(args)
    except (OSError, ValueError, KeyError, IndexError, statistics.StatisticsError) as error:
        sys.exit(f"record.py: cannot record '{args.name}': {error}")
    with open(args.results, "a", encoding="utf-8") as file:
        file.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
