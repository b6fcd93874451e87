#!/usr/bin/env python3
"""Check that `isms checklist` says the same thing in JSON and in CSV.

Runs `isms -C examples/acme-msp checklist --format json` and `--format
csv` (ISMS_TODAY pinned) with no --stage, --stage 1 and --stage 2, and
compares them row by row: every JSON row has the keys of CLI.md, the CSV
header is those keys in order (then one column per framework isms.yaml
lists, which JSON gives under "frameworks"), and each CSV cell is the JSON
value written out (null as an empty cell, documents joined by ", ",
maturity as digits).  It also checks that --stage N keeps exactly the
rows whose stage is N or earlier, in the same order.

usage: python3 tests/checklist_agree.py [path/to/isms [repository]]
Prints "checklist: N passed, N failed"; exits 1 on any mismatch.
"""

import csv
import io
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(os.path.dirname(HERE), "examples", "acme-msp")
KEYS = ["section", "reference", "requirement", "documents", "owner",
        "status", "maturity", "review_every", "next_review", "stage"]
STAGES = {"1": 1, "2": 2, "improvement": 3}


def run(isms, root, *args):
    """isms's standard output for these arguments, as text."""
    env = dict(os.environ, ISMS_TODAY="2026-12-01", NO_COLOR="1")
    return subprocess.run([isms, "-C", root, "checklist"] + list(args),
                          env=env, stdout=subprocess.PIPE, check=True,
                          universal_newlines=True).stdout


def cell(value):
    """A JSON value as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def flat(row):
    """A JSON row with each of its frameworks as a key of its own."""
    out = {k: v for k, v in row.items() if k != "frameworks"}
    out.update(row.get("frameworks", {}))
    return out


def compare(rows, table, problems, label):
    """Compare JSON rows with CSV rows (header first).

    The header starts with the keys of CLI.md; any column after them is
    a key of the JSON row too, or a framework under its "frameworks".
    """
    if not table or table[0][:len(KEYS)] != KEYS:
        problems.append("%s: CSV header is %r" % (label, table[:1]))
        return
    cols = table[0]
    if len(rows) != len(table) - 1:
        problems.append("%s: %d JSON rows, %d CSV rows"
                        % (label, len(rows), len(table) - 1))
    for i, (row, line) in enumerate(zip(rows, table[1:])):
        row = flat(row)
        if sorted(row) != sorted(cols):
            problems.append("%s row %d: keys %r" % (label, i, sorted(row)))
            continue
        want = [cell(row[k]) for k in cols]
        if want != line:
            problems.append("%s row %d (%s): JSON %r, CSV %r"
                            % (label, i, row["reference"], want, line))


def check_types(rows, problems):
    """Types of CLI.md: documents a list, maturity a number or null."""
    for row in rows:
        ref = row.get("reference")
        if not isinstance(row.get("documents"), list):
            problems.append("%s: documents is not a list" % ref)
        if row.get("maturity") is not None and \
                not isinstance(row["maturity"], int):
            problems.append("%s: maturity is not a number" % ref)
        if row.get("stage") not in STAGES:
            problems.append("%s: stage %r" % (ref, row.get("stage")))


def main():
    isms = sys.argv[1] if len(sys.argv) > 1 else "build/isms"
    root = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else ROOT
    passed = failed = 0
    every = None
    for stage in (None, "1", "2"):
        args = ["--stage", stage] if stage else []
        label = "--stage %s" % stage if stage else "all rows"
        rows = json.loads(run(isms, root, "--format", "json", *args))["rows"]
        table = list(csv.reader(io.StringIO(
            run(isms, root, "--format", "csv", *args), newline="")))
        problems = []
        compare(rows, table, problems, label)
        check_types(rows, problems)
        if stage is None:
            every = rows
        else:
            kept = [r for r in every if STAGES[r["stage"]] <= int(stage)]
            if kept != rows:
                problems.append("%s: not the rows of stage %s or earlier"
                                % (label, stage))
        for p in problems:
            print("checklist: FAIL %s" % p)
        if problems:
            failed += 1
        else:
            passed += 1
    print("checklist: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
