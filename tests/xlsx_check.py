#!/usr/bin/env python3
"""Read back the workbooks `isms checklist` and `isms soa` write.

Writes `checklist --format xlsx -o` and `soa --format xlsx -o` for
examples/acme-msp (ISMS_TODAY pinned) into a scratch folder, opens each
file as the zip it is, and checks:
  - xl/workbook.xml names the expected sheets, in order;
  - every sheet is frozen below its header row (a pane with ySplit="1"
    and state="frozen") and has an autoFilter over the whole table;
  - the cells, read through xl/sharedStrings.xml, are exactly the rows
    the CSV format prints (for the checklist, the CSV rows of each
    section), and include some values known from the example;
  - writing again without --force is refused (exit 2, the file left as
    it was, no temporary file left behind) and --force replaces it.

usage: python3 tests/xlsx_check.py [path/to/isms [repository]]
Prints "xlsx: N passed, N failed"; exits 1 on any failure.
"""

import csv
import io
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(os.path.dirname(HERE), "examples", "acme-msp")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/"
           "relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
CHECKLIST_SHEETS = [("Clauses", "clause"), ("Stage 1 spine", "spine"),
                    ("Annex A controls", "control")]
SOA_SHEETS = [("Statement of Applicability", None)]


def run(isms, root, args, cwd):
    """Run isms; returns (exit status, stderr)."""
    env = dict(os.environ, ISMS_TODAY="2026-12-01", NO_COLOR="1")
    p = subprocess.run([isms, "-C", root] + args, env=env, cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    return p.returncode, p.stderr


def csv_rows(isms, root, command):
    """The rows `isms COMMAND --format csv` prints, header first."""
    env = dict(os.environ, ISMS_TODAY="2026-12-01", NO_COLOR="1")
    out = subprocess.run([isms, "-C", root, command, "--format", "csv"],
                         env=env, stdout=subprocess.PIPE, check=True,
                         universal_newlines=True).stdout
    return list(csv.reader(io.StringIO(out, newline="")))


def column_index(ref):
    """0 for A, 25 for Z, 26 for AA ... of a cell reference."""
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def column_name(i):
    """The letters of column index i."""
    s = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        s = chr(ord("A") + rem) + s
    return s


def shared_strings(z):
    """The shared string table, in order."""
    root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
            for si in root.findall("m:si", NS)]


def sheets(z):
    """[(name, path of its XML)] in workbook order."""
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target")
              for r in rels.findall("p:Relationship", NS)}
    return [(s.get("name"),
             "xl/" + target[s.get("{%s}id" % NS["r"])].lstrip("/"))
            for s in book.find("m:sheets", NS)]


def sheet_rows(z, path, strings):
    """The sheet's cells as rows of strings (empty cells as "")."""
    root = ET.fromstring(z.read(path))
    rows = []
    for row in root.iter("{%s}row" % NS["m"]):
        cells = {}
        for c in row.findall("m:c", NS):
            v = c.find("m:v", NS)
            text = "" if v is None else v.text
            if c.get("t") == "s":
                text = strings[int(text)]
            cells[column_index(c.get("r"))] = text
        width = max(cells) + 1 if cells else 0
        rows.append([cells.get(i, "") for i in range(width)])
    return rows


def check_sheet(z, name, path, want, problems):
    """Frozen header, autofilter, and cells equal to want."""
    xml = z.read(path).decode("utf-8")
    pane = re.search(r"<pane\b[^>]*/>", xml)
    if not pane or 'ySplit="1"' not in pane.group(0) or \
            'state="frozen"' not in pane.group(0):
        problems.append("%s: no frozen pane below the header" % name)
    ref = "A1:%s%d" % (column_name(len(want[0]) - 1), len(want))
    if '<autoFilter ref="%s"/>' % ref not in xml:
        problems.append("%s: no autoFilter over %s" % (name, ref))
    got = sheet_rows(z, path, shared_strings(z))
    got = [r + [""] * (len(want[0]) - len(r)) for r in got]
    if got != want:
        problems.append("%s: cells differ from the CSV rows" % name)


def check_book(path, layout, tables, expected, problems):
    """Sheet names, each sheet, and values expected among the strings."""
    with zipfile.ZipFile(path) as z:
        names = sheets(z)
        if [n for n, _ in names] != [n for n, _ in layout]:
            problems.append("sheets are %r" % [n for n, _ in names])
            return
        for (name, sheet), table in zip(names, tables):
            check_sheet(z, name, sheet, table, problems)
        strings = set(shared_strings(z))
        for value in expected:
            if value not in strings:
                problems.append("no cell holds %r" % value)


def check_refusal(isms, root, args, out, cwd, problems):
    """A second write is refused without --force and done with it."""
    before = open(out, "rb").read()
    rc, err = run(isms, root, args, cwd)
    if rc != 2 or "use --force to replace it" not in err:
        problems.append("no refusal without --force (exit %d)" % rc)
    if open(out, "rb").read() != before:
        problems.append("the file changed without --force")
    os.utime(out, (0, 0))
    rc, _ = run(isms, root, args + ["--force"], cwd)
    if rc != 0 or os.stat(out).st_mtime == 0:
        problems.append("--force did not replace the file (exit %d)" % rc)
    if sorted(os.listdir(cwd)) != [os.path.basename(out)]:
        problems.append("files left beside it: %r" % os.listdir(cwd))


def checklist_tables(isms, root):
    """The CSV rows of each section, each under the header."""
    rows = csv_rows(isms, root, "checklist")
    return [[rows[0]] + [r for r in rows[1:] if r[0] == key]
            for _, key in CHECKLIST_SHEETS]


def main():
    isms = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                           else "build/isms")
    root = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else ROOT
    cases = [
        ("checklist", CHECKLIST_SHEETS, checklist_tables(isms, root),
         ["section", "next_review", "A.5.15", "SCOPE-001", "improvement",
          "risk-register", "Quality and Compliance Manager"]),
        ("soa", SOA_SHEETS, [csv_rows(isms, root, "soa")],
         ["control", "conflict", "A.8.34", "not-implemented",
          "SoA says partial, documents implement it fully"]),
    ]
    passed = failed = 0
    for command, layout, tables, expected in cases:
        problems = []
        with tempfile.TemporaryDirectory() as cwd:
            out = os.path.join(cwd, command + ".xlsx")
            args = [command, "--format", "xlsx", "-o", out]
            rc, err = run(isms, root, args, cwd)
            if rc != 0:
                problems.append("exit %d: %s" % (rc, err.strip()))
            else:
                check_book(out, layout, tables, expected, problems)
                check_refusal(isms, root, args, out, cwd, problems)
        for p in problems:
            print("xlsx: FAIL %s: %s" % (command, p))
        failed += bool(problems)
        passed += not problems
    print("xlsx: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
