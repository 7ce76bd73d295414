#!/usr/bin/env python3
"""Turn benchmark results (JSON lines, one record per measurement) into a Markdown report and an SVG chart.

usage: bench/report.py RESULTS.jsonl --markdown OUT.md --svg OUT.svg --machine MACHINE.txt --commands TEXT
                       [--title TITLE] [--svg-link NAME]

A record: {"name": ..., "kind": "time"|"memory"|"throughput"|"count", "ours": {"median": ..., "min": ...,
"max": ..., "runs": ...}, "reference": {...} or null, "goal": ..., "met": true|false, "note": ..., "total": N}.
Times are in ms, memory in MB, throughput in requests/s; "count" records have a "total" (e.g. 50 of 50 kept).
Standard library only.
"""
import argparse
import html
import json
import math
import os
import re
import sys

KINDS = ("time", "memory", "throughput", "count")
PANELS = (  # (kind, panel title, unit, logarithmic scale)
    ("time", "Time (ms, log scale, lower is better)", "ms", True),
    ("memory", "Peak memory (MB, lower is better)", "MB", False),
    ("throughput", "Throughput (requests/s, higher is better)", "req/s", False),
)
OURS_FILL, REFERENCE_FILL = "#2a9d8f", "#e76f51"
WIDTH, RIGHT_MARGIN, CHAR_WIDTH = 900, 90, 6.6  # CHAR_WIDTH: a generous average for 12px sans-serif
BAR, BAR_GAP, ROW_GAP = 14, 2, 12


class ReportError(Exception):
    """A problem with the input, reported as one line without a traceback."""


# --- input -----------------------------------------------------------------------------------------------------

def load_records(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as file:  # a bad byte fails on its own line below
            lines = file.read().splitlines()
    except OSError as error:
        raise ReportError(f"{path}: {error.strerror}")
    records = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            records.append(parse_record(line, f"{path}:{number}"))
    if not records:
        raise ReportError(f"{path}: no records")
    return records


def parse_record(line, where):
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ReportError(f"{where}: invalid JSON: {error.msg} (column {error.colno})")
    if not isinstance(record, dict) or not isinstance(record.get("name"), str):
        raise ReportError(f"{where}: expected an object with a string \"name\"")
    if record.get("kind") not in KINDS:
        raise ReportError(f"{where}: \"kind\" must be one of {', '.join(KINDS)}")
    for side in ("ours", "reference"):
        value = record.get(side)
        if (side == "ours" or value is not None) and not has_median(value):
            raise ReportError(f"{where}: \"{side}\" must be an object with a numeric \"median\"")
    if record["kind"] == "count" and not isinstance(record.get("total"), (int, float)):
        raise ReportError(f"{where}: a \"count\" record needs a numeric \"total\"")
    return record


def has_median(value):
    return isinstance(value, dict) and isinstance(value.get("median"), (int, float))


# --- numbers -----------------------------------------------------------------------------------------------------

def compact(number):
    """9.8 -> "9.8", 512.9 -> "513", 3900 -> "3900", 1.957 -> "1.96"."""
    return f"{number:.0f}" if abs(number) >= 100 else f"{number:.3g}"


def format_value(kind, value, total=None):
    median = value["median"]
    if kind == "time":
        spread = f" ({value['min']:.2f}–{value['max']:.2f})" if "min" in value and "max" in value else ""
        return f"{median:.2f} ms{spread}"
    if kind == "memory":
        return f"{median:.1f} MB"
    if kind == "throughput":
        return f"{median:.0f} req/s"
    return f"{compact(median)}/{compact(total)}"


def format_ratio(record):
    reference, kind = record.get("reference"), record["kind"]
    if reference is None or kind == "count":
        return "—"
    ours, theirs = record["ours"]["median"], reference["median"]
    if ours <= 0 or theirs <= 0:
        return "—"
    better, worse = {"time": ("faster", "slower"), "memory": ("less", "more"), "throughput": ("more", "less")}[kind]
    ratio = ours / theirs if kind == "throughput" else theirs / ours
    return f"{compact(ratio)}× {better}" if ratio >= 1 else f"{ratio:.2g}× ({worse})"


def format_goal(record):
    goal = record.get("goal", "")
    met = record.get("met")
    if isinstance(met, bool):
        goal = f"{goal} {'✔' if met else '✘'}".strip()
    return goal or "—"


# --- Markdown ----------------------------------------------------------------------------------------------------

def cell(text):
    """Table-cell text: "|" escaped, and "<" too where GitHub would take it for the start of an HTML tag."""
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text).replace("|", "\\|")


def table_row(record):
    kind, reference = record["kind"], record.get("reference")
    name = cell(record["name"])
    if record.get("note"):
        name += f"<br><sub>{cell(record['note'])}</sub>"
    ours = format_value(kind, record["ours"], record.get("total"))
    theirs = format_value(kind, reference, record.get("total")) if reference else "—"
    return f"| {name} | {ours} | {theirs} | {format_ratio(record)} | {cell(format_goal(record))} |"


def render_markdown(records, title, svg_link, machine_lines, commands):
    lines = [
        f"# {title}",
        "",
        "All numbers come from one run of `bench/run.sh` on the machine below, with ours and the Python reference "
        "measured side by side in the same run. This file is generated by `bench/report.py`: do not edit it by hand.",
        "",
        f"![chart]({svg_link})",
        "",
        "| measurement | ours | Python reference | ratio | goal |",
        "|---|---:|---:|---:|---|",
        *(table_row(record) for record in records),
        "",
        "Times are medians in milliseconds, with the fastest and slowest run in parentheses.",
        "",
        "## Machine",
        "",
        *(f"- {line}" for line in machine_lines),
        "",
        "## How to reproduce",
        "",
        "```sh",
        commands.strip("\n"),
        "```",
    ]
    return "\n".join(lines) + "\n"


# --- SVG -----------------------------------------------------------------------------------------------------------

def text(x, y, content, anchor="start", extra=""):
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{html.escape(content)}</text>'


def linear_scale(values):
    """(low, high, ticks): from 0 to a round number at or above the largest value, about five ticks."""
    largest = max(values) or 1
    magnitude = 10 ** math.floor(math.log10(largest / 5))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= largest / 5)
    high = math.ceil(largest / step) * step
    return 0, high, [i * step for i in range(round(high / step) + 1)]


def log_scale(values):
    """(low, high, ticks): from the decade below the smallest value to just past the largest, a tick per decade."""
    positive = [v for v in values if v > 0] or [1]
    low = 10 ** math.floor(math.log10(min(positive) * 0.9))
    high = max(positive) * 1.2
    ticks = [10 ** e for e in range(round(math.log10(low)), math.floor(math.log10(high)) + 1)]
    return low, high, ticks


def position(value, scale, logarithmic, left, right):
    low, high, _ = scale
    if logarithmic:
        fraction = (math.log10(max(value, low)) - math.log10(low)) / (math.log10(high) - math.log10(low))
    else:
        fraction = value / high
    return left + fraction * (right - left)


def fit_label(name, width):
    limit = int(width / CHAR_WIDTH)
    return name if len(name) <= limit else name[:limit - 1] + "…"


def render_panel(records, title, unit, logarithmic, top, label_width):
    """SVG elements for one panel and the y just below it."""
    left, right = label_width, WIDTH - RIGHT_MARGIN
    values = [r[side]["median"] for r in records for side in ("ours", "reference")]
    scale = log_scale(values) if logarithmic else linear_scale(values)
    plot_top = top + 28
    plot_bottom = plot_top + len(records) * (2 * BAR + BAR_GAP + ROW_GAP)
    parts = [text(10, top + 16, title, extra=' font-weight="bold" font-size="13"')]
    for tick in scale[2]:
        x = position(tick, scale, logarithmic, left, right)
        parts.append(f'<line x1="{x:.1f}" y1="{plot_top}" x2="{x:.1f}" y2="{plot_bottom}" stroke="#ddd"/>')
        parts.append(text(x, plot_bottom + 15, compact(tick), "middle", ' fill="#555"'))
    y = plot_top + ROW_GAP / 2
    for record in records:
        name = record["name"]
        label = text(left - 8, y + BAR + 4, fit_label(name, left - 18), "end")
        parts.append(f"<g><title>{html.escape(name)}</title>{label}</g>")
        for side, fill in (("ours", OURS_FILL), ("reference", REFERENCE_FILL)):
            value = record[side]["median"]
            end = max(position(value, scale, logarithmic, left, right), left + 1)
            parts.append(f'<rect x="{left}" y="{y:.1f}" width="{end - left:.1f}" height="{BAR}" fill="{fill}"/>')
            parts.append(text(end + 4, y + BAR - 3, f"{compact(value)} {unit}"))
            y += BAR + BAR_GAP
        y += ROW_GAP - BAR_GAP
    parts.append(f'<line x1="{left}" y1="{plot_top}" x2="{left}" y2="{plot_bottom}" stroke="#888"/>')
    return parts, plot_bottom + 32


def render_legend():
    parts = []
    for x, fill, label in ((10, OURS_FILL, "ours (anaconda, Swift)"), (190, REFERENCE_FILL, "Python reference")):
        parts.append(f'<rect x="{x}" y="8" width="14" height="14" fill="{fill}"/>')
        parts.append(text(x + 20, 19, label))
    return parts


def render_svg(records):
    charted = [r for r in records if r.get("reference") and r["kind"] != "count"]
    longest = max((len(r["name"]) for r in charted), default=0)
    label_width = min(max(longest * CHAR_WIDTH + 18, 140), 380)
    parts, y = render_legend(), 36
    for kind, title, unit, logarithmic in PANELS:
        rows = [r for r in charted if r["kind"] == kind]
        if rows:
            panel, y = render_panel(rows, title, unit, logarithmic, y, label_width)
            parts.extend(panel)
    if not charted:
        parts.append(text(10, y + 16, "No measurement has both ours and a reference value."))
        y += 32
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{y:.0f}" viewBox="0 0 {WIDTH} {y:.0f}"'
        ' font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{y:.0f}" fill="white"/>',
        *parts,
        "</svg>",
    ]) + "\n"


# --- command line ------------------------------------------------------------------------------------------------

def read_machine(path):
    try:
        with open(path, encoding="utf-8") as file:
            return [line.strip() for line in file if line.strip()]
    except OSError as error:
        raise ReportError(f"{path}: {error.strerror}")


def write(path, content):
    try:
        with open(path, "w", encoding="utf-8") as file:
            file.write(content)
    except OSError as error:
        raise ReportError(f"{path}: {error.strerror}")


def parse_arguments():
    parser = argparse.ArgumentParser(description="Write a Markdown report and an SVG chart from benchmark results.")
    parser.add_argument("results", help="JSON-lines file, one record per measurement")
    parser.add_argument("--markdown", required=True, help="Markdown file to write")
    parser.add_argument("--svg", required=True, help="SVG file to write")
    parser.add_argument("--machine", required=True, help="text file describing the machine, one fact a line")
    parser.add_argument("--commands", required=True, help="commands that reproduce the results")
    parser.add_argument("--title", default="Benchmarks: anaconda (Swift) vs the Python reference")
    parser.add_argument("--svg-link", help="the SVG's name as linked from the Markdown (default: basename of --svg)")
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    try:
        records = load_records(arguments.results)
        machine = read_machine(arguments.machine)
        svg_link = arguments.svg_link or os.path.basename(arguments.svg)
        write(arguments.svg, render_svg(records))
        write(arguments.markdown, render_markdown(records, arguments.title, svg_link, machine, arguments.commands))
    except ReportError as error:
        sys.exit(f"report.py: {error}")


if __name__ == "__main__":
    main()
