#!/usr/bin/env python3
"""Files `isms checklist -o` and `isms soa --write` write, read back.

On scratch copies of examples/acme-msp (ISMS_TODAY pinned):
  output     checklist -o FILE holds what stdout would; a second write is
             refused (exit 2, file unchanged) and --force replaces it;
  refuse     soa --write onto the existing SoA is refused (exit 2, the
             SoA unchanged) and --force replaces it;
  roundtrip  the draft written over the SoA (with an own control added
             first) is read again: check reports no soa-*, register-*,
             field-* or yaml-* finding in it; it holds the 93 Annex A
             controls in catalog order and the own control; applicability
             and justification are the old SoA's; the SoA view of the new
             repository shows the same rows and no conflict;
  no-soa     with no SoA, the draft lists every control as applicable and
             check reports only soa-inclusion for its rows.

usage: python3 tests/write_check.py [path/to/isms [repository]]
Prints "write: N passed, N failed"; exits 1 on any failure.
"""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(os.path.dirname(HERE), "examples", "acme-msp")
OWN = "ACME-1,yes,Customer contracts ask for access reviews,implemented," \
      "PRC-003\n"
FORMAT_RULES = ("soa-", "register-", "field-", "yaml-", "frontmatter-")


def run(isms, repo, *args, cwd=None):
    """Run isms on repo; returns (exit status, stdout, stderr)."""
    env = dict(os.environ, ISMS_TODAY="2026-12-01", NO_COLOR="1")
    p = subprocess.run([isms, "-C", repo] + list(args), env=env, cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    return p.returncode, p.stdout, p.stderr


def read_soa(path):
    """(front matter lines, rows as dicts) of an SoA CSV file."""
    text = open(path, encoding="utf-8").read()
    _, front, body = text.split("---\n", 2)
    return front.splitlines(), list(csv.DictReader(io.StringIO(body)))


def findings(isms, repo, path):
    """check's findings about path."""
    _, out, _ = run(isms, repo, "check", "--format", "json")
    return [f for f in json.loads(out)["findings"] if f.get("file") == path]


def copy_example(scratch, root):
    """A fresh copy of the repository in scratch/repo."""
    repo = os.path.join(scratch, "repo")
    shutil.copytree(root, repo)
    return repo


def case_output(isms, root, scratch, problems):
    """checklist -o: same bytes as stdout, refusal, --force."""
    out = os.path.join(scratch, "index.txt")
    _, want, _ = run(isms, root, "checklist")
    rc, stdout, _ = run(isms, root, "checklist", "-o", out)
    if rc != 0 or stdout or open(out).read() != want:
        problems.append("-o did not write what stdout shows (exit %d)" % rc)
    open(out, "w").write("old\n")
    rc, _, err = run(isms, root, "checklist", "-o", out)
    if rc != 2 or "use --force" not in err or open(out).read() != "old\n":
        problems.append("an existing file was not refused (exit %d)" % rc)
    rc, _, _ = run(isms, root, "checklist", "-o", out, "--force")
    if rc != 0 or open(out).read() != want:
        problems.append("--force did not replace the file (exit %d)" % rc)


def case_refuse(isms, root, scratch, problems):
    """soa --write over the SoA: refused, then done with --force."""
    repo = copy_example(scratch, root)
    soa = os.path.join(repo, "soa.csv")
    before = open(soa).read()
    rc, _, err = run(isms, repo, "soa", "--write", soa)
    if rc != 2 or "use --force" not in err or open(soa).read() != before:
        problems.append("--write replaced the SoA without --force")
    rc, out, _ = run(isms, repo, "soa", "--write", soa, "--force")
    front, _ = read_soa(soa)
    if rc != 0 or out or "status: draft" not in front:
        problems.append("--write --force wrote no draft (exit %d)" % rc)


def catalog_ids(isms, repo):
    """The Annex A ids in catalog order, from the map."""
    _, out, _ = run(isms, repo, "map", "--format", "json")
    return [c["id"] for c in json.loads(out)["controls"]]


def view(isms, repo):
    """The SoA view's rows."""
    _, out, _ = run(isms, repo, "soa", "--format", "json")
    return json.loads(out)["controls"]


def same_rows(old, new, problems):
    """The view's rows of two repositories, status and conflict aside."""
    keys = ("control", "applicable", "justification", "documents", "status")
    for a, b in zip(old, new):
        if [a[k] for k in keys] != [b[k] for k in keys]:
            problems.append("%s changed: %r" % (a["control"], b))
        if b["conflict"]:
            problems.append("%s: conflict %r" % (b["control"],
                                                 b["conflict"]))
    if len(old) != len(new):
        problems.append("%d rows, then %d" % (len(old), len(new)))


def case_roundtrip(isms, root, scratch, problems):
    """The draft replaces the SoA and reads back as the same SoA."""
    repo = copy_example(scratch, root)
    soa = os.path.join(repo, "soa.csv")
    with open(soa, "a") as f:
        f.write(OWN)
    _, old_rows = read_soa(soa)
    old = view(isms, repo)
    draft = os.path.join(scratch, "draft.csv")
    rc, _, err = run(isms, repo, "soa", "--write", draft)
    if rc != 0:
        problems.append("--write failed: %s" % err.strip())
        return
    shutil.move(draft, soa)
    bad = [f for f in findings(isms, repo, "soa.csv")
           if f["rule"].startswith(FORMAT_RULES)]
    problems.extend("%s: %s" % (f["rule"], f["message"]) for f in bad)
    _, rows = read_soa(soa)
    ids = catalog_ids(isms, repo)
    if [r["control"] for r in rows] != ids + ["ACME-1"]:
        problems.append("rows are not the 93 controls and ACME-1")
    for a, b in zip(old_rows, rows):
        if (a["applicable"], a["justification"]) != \
                (b["applicable"], b["justification"]):
            problems.append("%s: applicability or justification changed"
                            % a["control"])
    same_rows(old, view(isms, repo), problems)


def case_no_soa(isms, root, scratch, problems):
    """Without an SoA the draft makes every control applicable."""
    repo = copy_example(scratch, root)
    soa = os.path.join(repo, "soa.csv")
    os.remove(soa)
    rc, _, err = run(isms, repo, "soa", "--write", soa)
    if rc != 0:
        problems.append("--write failed: %s" % err.strip())
        return
    _, rows = read_soa(soa)
    if len(rows) != 93 or any(r["applicable"] != "yes" for r in rows):
        problems.append("not 93 applicable controls")
    rules = [f["rule"] for f in findings(isms, repo, "soa.csv")
             if f["rule"].startswith(FORMAT_RULES)]
    if rules != ["soa-inclusion"] * 93:
        problems.append("findings %r" % sorted(set(rules)))


CASES = [("output", case_output), ("refuse", case_refuse),
         ("roundtrip", case_roundtrip), ("no-soa", case_no_soa)]


def main():
    isms = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                           else "build/isms")
    root = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else ROOT
    passed = failed = 0
    for name, case in CASES:
        problems = []
        with tempfile.TemporaryDirectory() as scratch:
            case(isms, root, scratch, problems)
        for p in problems:
            print("write: FAIL %s: %s" % (name, p))
        failed += bool(problems)
        passed += not problems
    print("write: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
