#!/usr/bin/env python3
"""Recompute `isms metrics` for examples/acme-msp from the CSV registers.

Reads examples/acme-msp/registers/*.csv directly (front matter skipped),
computes every figure again as docs/metrics.md describes it, runs
`isms -C examples/acme-msp metrics --format json` with ISMS_TODAY pinned,
and compares value, unit, registers and rows of each figure.

usage: python3 tests/metrics_recompute.py [path/to/isms [repository]]
(the repository defaults to examples/acme-msp; its registers must be CSV)
Prints "metrics: N passed, N failed"; exits 1 on any mismatch.
"""

import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys

TODAY = datetime.date(2026, 12, 1)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(os.path.dirname(HERE), "examples", "acme-msp")

SEVERITIES = ["low", "medium", "high", "critical"]
RESULTS = ["success", "failed", "rolled-back"]
SOURCES = ["internal-audit", "external-audit", "incident", "review", "other"]
TREATMENTS = ["mitigate", "accept", "transfer", "avoid"]
LEVELS = ["low", "medium", "high"]
UNITS = {"incident": "incidents", "change": "changes",
         "nonconformity": "nonconformities", "risk": "risks",
         "supplier": "suppliers"}
SECTIONS = {"incident": "incidents", "change": "changes",
            "nonconformity": "nonconformities", "risk": "risks",
            "supplier": "suppliers"}

WHEN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})"
                  r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                  r"(Z|[+-]\d{2}:\d{2})?)?$")


def split_front_matter(text):
    """The front-matter lines and the CSV text after the closing ---."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return [], text
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return lines[1:i], "".join(lines[i + 1:])
    return lines[1:], ""


def header_key(name):
    """A header as the schema names it: case-blind, spaces and - as _."""
    return re.sub(r"[ -]", "_", name.strip().lower())


def read_register(path):
    """(kind, rows as dicts) of one CSV register."""
    with open(path, encoding="utf-8", newline="") as f:
        front, body = split_front_matter(f.read())
    kind = None
    for line in front:
        m = re.match(r"^register:\s*(\S+)", line)
        if m:
            kind = m.group(1).strip("'\"").lower()
    reader = csv.reader(io.StringIO(body, newline=""))
    header = [header_key(h) for h in next(reader, [])]
    rows = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        rows.append({h: (cells[i].strip() if i < len(cells) else "")
                     for i, h in enumerate(header)})
    return kind, rows


def parse_when(cell):
    """(UTC datetime, has a time) of a date or date-time cell, or None."""
    m = WHEN.match(cell or "")
    if not m:
        return None
    y, mo, d, hh, mm, ss, tz = m.groups()
    try:
        day = datetime.date(int(y), int(mo), int(d))
    except ValueError:
        return None
    if hh is None:
        return datetime.datetime(day.year, day.month, day.day), False
    t = datetime.datetime(day.year, day.month, day.day, int(hh), int(mm),
                          int(ss or 0))
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        t -= sign * datetime.timedelta(hours=int(tz[1:3]),
                                       minutes=int(tz[4:6]))
    return t, True


def parse_date(cell):
    """The date of a cell, or None."""
    w = parse_when(cell)
    return w[0].date() if w else None


def lower(row, key):
    return row.get(key, "").lower()


def threshold():
    """risk_threshold from isms.yaml, or 15."""
    try:
        with open(os.path.join(ROOT, "isms.yaml"), encoding="utf-8") as f:
            m = re.search(r"^risk_threshold:\s*(\d+)", f.read(), re.M)
    except OSError:
        m = None
    return int(m.group(1)) if m else 15


class Expect:
    """The figures expected, keyed by (section, figure)."""

    def __init__(self, registers):
        self.registers = registers
        self.figures = {}

    def add(self, kind, name, value, rows=None, unit=None):
        paths, rows_all = self.registers.get(kind, ([], []))
        self.figures[(SECTIONS[kind], name)] = {
            "value": value, "unit": unit or UNITS[kind],
            "registers": sorted(paths),
            "rows": len(rows_all) if rows is None else rows}


def incidents(e, rows):
    hours = []
    for r in rows:
        if lower(r, "status") != "closed":
            continue
        o, c = parse_when(r.get("opened")), parse_when(r.get("closed"))
        if not o or not c:
            continue
        if o[1] and c[1]:
            h = (c[0] - o[0]).total_seconds() / 3600
        else:
            h = (c[0].date() - o[0].date()).days * 24
        if h >= 0:
            hours.append(h)
    mean = sum(hours) / len(hours) if hours else None
    e.add("incident", "total", len(rows))
    for s in SEVERITIES:
        e.add("incident", "severity." + s,
              sum(lower(r, "severity") == s for r in rows))
    e.add("incident", "open", sum(lower(r, "status") == "open" for r in rows))
    e.add("incident", "closed",
          sum(lower(r, "status") == "closed" for r in rows))
    e.add("incident", "mean_time_to_close.hours", mean, len(hours), "hours")
    e.add("incident", "mean_time_to_close.days",
          mean / 24 if hours else None, len(hours), "days")
    e.add("incident", "mean_time_to_close.incidents", len(hours))


def changes(e, rows):
    n = {v: sum(lower(r, "result") == v for r in rows) for v in RESULTS}
    with_result = sum(n.values())
    e.add("change", "total", len(rows))
    e.add("change", "with_result", with_result)
    for v in RESULTS:
        e.add("change", "result." + v, n[v])
    for v in RESULTS:
        e.add("change", "rate." + v,
              100 * n[v] / with_result if with_result else None,
              with_result, "percent")


def nonconformities(e, rows):
    def overdue(r):
        due = parse_date(r.get("due"))
        return lower(r, "status") == "open" and due is not None and due < TODAY
    e.add("nonconformity", "total", len(rows))
    e.add("nonconformity", "open",
          sum(lower(r, "status") == "open" for r in rows))
    e.add("nonconformity", "closed",
          sum(lower(r, "status") == "closed" for r in rows))
    e.add("nonconformity", "overdue", sum(overdue(r) for r in rows))
    for s in SOURCES:
        e.add("nonconformity", "source." + s,
              sum(lower(r, "source") == s for r in rows))


def risk_band(r, high):
    """low, medium, high, or None when likelihood or impact is invalid."""
    try:
        li, im = int(r.get("likelihood")), int(r.get("impact"))
    except (TypeError, ValueError):
        return None
    if not (1 <= li <= 5 and 1 <= im <= 5):
        return None
    score = li * im
    if score >= high:
        return "high"
    return "low" if score <= 7 else "medium"


def risks(e, rows):
    high = threshold()
    bands = [risk_band(r, high) for r in rows]
    e.add("risk", "total", len(rows))
    for b in LEVELS:
        e.add("risk", "band." + b, bands.count(b))
    for t in TREATMENTS:
        e.add("risk", "treatment." + t,
              sum(lower(r, "treatment") == t for r in rows))
    e.add("risk", "open_high",
          sum(b == "high" and lower(r, "status") == "open"
              for r, b in zip(rows, bands)))


def suppliers(e, rows):
    soon = TODAY + datetime.timedelta(days=30)
    nexts = [parse_date(r.get("next_review")) for r in rows]
    expires = [parse_date(r.get("assurance_expires")) for r in rows]
    e.add("supplier", "total", len(rows))
    for c in LEVELS:
        e.add("supplier", "criticality." + c,
              sum(lower(r, "criticality") == c for r in rows))
    e.add("supplier", "reviews_overdue",
          sum(n is not None and n < TODAY for n in nexts))
    e.add("supplier", "reviews_due_30_days",
          sum(n is not None and TODAY <= n <= soon for n in nexts))
    e.add("supplier", "assurance_expired",
          sum(x is not None and x < TODAY for x in expires))


def expected():
    """Every figure, recomputed from the CSV files."""
    regs = {}
    folder = os.path.join(ROOT, "registers")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv"):
            continue
        kind, rows = read_register(os.path.join(folder, name))
        if kind in SECTIONS:
            paths, all_rows = regs.setdefault(kind, ([], []))
            paths.append("registers/" + name)
            all_rows.extend(rows)
    e = Expect(regs)
    incidents(e, regs.get("incident", ([], []))[1])
    changes(e, regs.get("change", ([], []))[1])
    nonconformities(e, regs.get("nonconformity", ([], []))[1])
    risks(e, regs.get("risk", ([], []))[1])
    suppliers(e, regs.get("supplier", ([], []))[1])
    return e.figures


def actual(isms):
    """The figures `isms metrics --format json` reports."""
    env = dict(os.environ, ISMS_TODAY=TODAY.isoformat())
    out = subprocess.run([isms, "-C", ROOT, "metrics", "--format", "json"],
                         env=env, stdout=subprocess.PIPE, check=True).stdout
    return {(f["section"], f["figure"]): f
            for f in json.loads(out)["metrics"]}


def same_value(want, got):
    if want is None or got is None:
        return want is None and got is None
    if isinstance(want, int) and not isinstance(want, bool):
        return isinstance(got, int) and got == want
    return isinstance(got, float) and abs(got - want) <= 0.005 + 1e-9


def compare(want, got):
    """Problems with one figure, as text (empty when it matches)."""
    if got is None:
        return ["missing"]
    problems = []
    if not same_value(want["value"], got["value"]):
        problems.append("value %r, expected %r" % (got["value"],
                                                   want["value"]))
    for key in ("unit", "rows"):
        if got[key] != want[key]:
            problems.append("%s %r, expected %r" % (key, got[key], want[key]))
    if sorted(got["registers"]) != want["registers"]:
        problems.append("registers %r, expected %r" % (got["registers"],
                                                       want["registers"]))
    return problems


def main():
    global ROOT
    isms = sys.argv[1] if len(sys.argv) > 1 else "build/isms"
    if len(sys.argv) > 2:
        ROOT = os.path.abspath(sys.argv[2])
    want, got = expected(), actual(os.path.abspath(isms))
    passed = failed = 0
    for key in sorted(set(want) | set(got)):
        problems = (compare(want[key], got.get(key)) if key in want
                    else ["not expected"])
        if problems:
            failed += 1
            print("metrics: FAIL %s %s: %s" % (key[0], key[1],
                                               "; ".join(problems)))
        else:
            passed += 1
    print("metrics: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
