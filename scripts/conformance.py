#!/usr/bin/env python3
"""Our TOML and JSON parsers against the formats' public test corpora, through `anaconda-fuzz decode`.

  scripts/conformance.py toml TOML_TEST_DIR     # a checkout of github.com/toml-lang/toml-test
  scripts/conformance.py json JSON_TEST_SUITE   # a checkout of github.com/nst/JSONTestSuite

TOML: every file of tests/files-toml-1.0.0 under valid/ must parse to the expected value (toml-test's tagged JSON,
compared by value; dates and times as written, normalised to `T`/`Z`), every file under invalid/ must be rejected.
JSON: y_* must parse, n_* must be rejected, i_* (implementation-defined) are counted either way.
Prints the counts and every failure; exits 1 when any required case fails. The corpora are not in this repository.
"""
import json, math, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DECODER = os.environ.get("ANACONDA_FUZZ", os.path.join(ROOT, ".build/debug/anaconda-fuzz"))


def decode(kind, path):
    run = subprocess.run([DECODER, "decode", kind, path], capture_output=True, timeout=10)
    if run.returncode == 0:
        return True, json.loads(run.stdout)
    if run.returncode == 1:
        return False, run.stderr.decode(errors="replace").strip()
    raise SystemExit(f"decoder crashed on {path}: exit {run.returncode}: {run.stderr[-300:]!r}")


def untag(value):
    """toml-test's tagged JSON as plain values (floats as float, dates as normalised text)."""
    if isinstance(value, dict) and set(value) == {"type", "value"} and isinstance(value["type"], str):
        kind, text = value["type"], value["value"]
        if kind == "integer":
            return int(text)
        if kind == "float":
            return float(text.replace("_", ""))
        if kind == "bool":
            return text == "true"
        if kind in ("datetime", "datetime-local", "date-local", "time-local"):
            return normalise_date(text)
        return text
    if isinstance(value, dict):
        return {k: untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [untag(v) for v in value]
    return value


def normalise_date(text):
    text = text.replace(" ", "T").replace("t", "T").replace("z", "Z")
    # toml-test writes fractional seconds at millisecond precision at most in some cases: compare without them.
    if "." in text:
        head, _, rest = text.partition(".")
        digits = "".join(c for c in rest if c.isdigit())
        text = head + rest[len(digits):]
    return text


def plain(value, dates):
    """Our output with strings that are dates in the expected value normalised the same way (and the decoder's
    `{"$float": "inf"}` marks for the floats JSON cannot write)."""
    if isinstance(value, dict) and set(value) == {"$float"}:
        return float(value["$float"])
    if isinstance(dates, str) and isinstance(value, str):
        return normalise_date(value)
    if isinstance(value, dict) and isinstance(dates, dict):
        return {k: plain(v, dates.get(k)) for k, v in value.items()}
    if isinstance(value, list) and isinstance(dates, list):
        return [plain(v, d) for v, d in zip(value, dates)] + value[len(dates):]
    return value


def date_shape(value):
    """The parts of a tagged value that are dates (strings in the shape), everything else None."""
    if isinstance(value, dict) and set(value) == {"type", "value"} and isinstance(value["type"], str):
        return value["value"] if value["type"].startswith(("datetime", "date", "time")) else None
    if isinstance(value, dict):
        return {k: date_shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [date_shape(v) for v in value]
    return None


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) == type(b) and a == b


def toml(corpus):
    listing = os.path.join(corpus, "tests", "files-toml-1.0.0")
    files = [line.strip() for line in open(listing) if line.strip().endswith(".toml")]
    passed = {"valid": 0, "invalid": 0}
    failed = {"valid": [], "invalid": []}
    for name in files:
        kind = name.split("/")[0]
        path = os.path.join(corpus, "tests", name)
        ok, result = decode("toml", path)
        if kind == "valid":
            expected_tagged = json.load(open(path[:-5] + ".json"))
            good = ok and same(plain(result, date_shape(expected_tagged)), untag(expected_tagged))
            (failed["valid"].append((name, result if not ok else "value differs")) if not good else None)
            passed["valid"] += good
        else:
            (failed["invalid"].append((name, "accepted")) if ok else None)
            passed["invalid"] += not ok
    return report("toml-test (TOML 1.0.0)", passed, failed)


def json_suite(corpus):
    directory = os.path.join(corpus, "test_parsing")
    passed = {"y": 0, "n": 0, "i-accepted": 0, "i-rejected": 0}
    failed = {"y": [], "n": []}
    for name in sorted(os.listdir(directory)):
        ok, result = decode("json", os.path.join(directory, name))
        prefix = name[0]
        if prefix == "y":
            passed["y"] += ok
            (failed["y"].append((name, result)) if not ok else None)
        elif prefix == "n":
            passed["n"] += not ok
            (failed["n"].append((name, "accepted")) if ok else None)
        else:
            passed["i-accepted" if ok else "i-rejected"] += 1
    return report("JSONTestSuite", passed, failed)


def report(title, passed, failed):
    print(title)
    for kind, count in passed.items():
        total = count + len(failed.get(kind, []))
        print(f"  {kind:12} {count}/{total}" if kind in failed else f"  {kind:12} {count}")
    for kind, cases in failed.items():
        for name, why in cases:
            print(f"  FAIL {kind}: {name}: {str(why)[:160]}")
    return 0 if not any(failed.values()) else 1


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("toml", "json"):
        raise SystemExit(__doc__)
    sys.exit(toml(sys.argv[2]) if sys.argv[1] == "toml" else json_suite(sys.argv[2]))
