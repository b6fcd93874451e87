#!/usr/bin/env python3
"""Check `isms check --format junit|gitlab|github` against the JSON.

For each repository (tests/fixtures/sarif-three, the same without
isms.yaml, examples/acme-msp, and the repository of every CLI case that
runs check and needs no setup): JUnit parses with xml.etree, its
classname and name pairs are unique, its counts add up, and its failures
are exactly the findings, each once, with path:line:column; the GitLab
report has one issue per finding with unique, stable fingerprints; the
GitHub commands unescape to the findings, say how many findings GitHub
does not show, and append a summary to GITHUB_STEP_SUMMARY.

usage: python3 tests/ci_formats_check.py [path/to/isms]
Prints "ci-formats: N passed, N failed"; exits 1 on any failure.
"""

import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
FIXTURE = os.path.join(HERE, "fixtures", "sarif-three")
EXAMPLE = os.path.join(SRC, "examples", "acme-msp")
SHOWN = 10
GITLAB = {"error": "major", "warning": "minor", "note": "info"}
GITHUB = {"error": "error", "warning": "warning", "note": "notice"}

passed = 0
failed = 0


def check(ok, what):
    """Count one check; say what failed."""
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("ci-formats: FAIL " + what)


def run(isms, repo, fmt, summary=None):
    """isms check in format fmt on repo: its standard output, as text;
    None when the repository cannot be checked (exit 2)."""
    env = dict(os.environ, ISMS_TODAY="2026-12-01", NO_COLOR="1")
    env.pop("GITHUB_STEP_SUMMARY", None)
    if summary:
        env["GITHUB_STEP_SUMMARY"] = summary
    p = subprocess.run([isms, "-C", repo, "check", "--format", fmt],
                       capture_output=True, env=env, check=False)
    if p.returncode == 2:
        return None
    if p.returncode not in (0, 1):
        raise SystemExit("ci-formats: isms exited %d on %s: %s"
                         % (p.returncode, repo, p.stderr.decode()))
    return p.stdout.decode("utf-8")


def place(repo, f):
    """(path, line, column) a CI format gives finding f."""
    if "file" in f:
        return f["file"], f.get("line", 1), f.get("column", 1)
    cfg = os.path.exists(os.path.join(repo, "isms.yaml"))
    return ("isms.yaml" if cfg else "."), 1, 1


def xml_text(s):
    """s as an XML parser returns it: the characters XML 1.0 forbids
    dropped, as isms drops them."""
    return "".join(c for c in s if c in "\t\n\r" or " " <= c
                   and c not in "\ufffe\uffff")


def check_junit(name, repo, text, plain):
    """Unique testcases, consistent counts, every finding once."""
    root = ET.fromstring(text.encode("utf-8"))
    cases = [(c.get("classname"), c.get("name"))
             for c in root.iter("testcase")]
    check(len(set(cases)) == len(cases) and cases,
          name + ": junit classname and name pairs are unique")
    suites = root.findall("testsuite")
    check(all(int(s.get("tests")) == len(s.findall("testcase"))
              and int(s.get("failures")) == sum(
                  1 for c in s.findall("testcase") if c.find("failure")
                  is not None) for s in suites)
          and int(root.get("tests")) == len(cases)
          and all(c.get("classname") == s.get("name") for s in suites
                  for c in s.findall("testcase")),
          name + ": junit counts add up")
    got = collections.Counter(f.get("message")
                              for f in root.iter("failure"))
    want = collections.Counter()
    for f in plain["findings"]:
        path, line, column = place(repo, f)
        want["%s:%d:%d: %s [%s]" % (path, line, column,
                                    xml_text(f["message"]), f["rule"])] += 1
    check(got == want, name + ": junit failures are the findings")
    summary = plain["summary"]
    sizes = {s.get("name"): len(s.findall("testcase")) for s in suites}
    check(sizes.get("isms.control", 0) >= summary["controls"]["applicable"]
          and sizes.get("isms.clause", 0)
          >= summary["clauses"]["required"]
          and sizes.get("isms.field", 0) >= summary["documents"],
          name + ": junit has a testcase per control, clause, document")


def check_gitlab(name, repo, text, again, plain):
    """One issue per finding; unique, stable fingerprints."""
    issues = json.loads(text)
    prints = [i["fingerprint"] for i in issues]
    check(len(issues) == len(plain["findings"]),
          name + ": gitlab has one issue a finding")
    check(len(set(prints)) == len(prints),
          name + ": gitlab fingerprints are unique")
    check(prints == [i["fingerprint"] for i in json.loads(again)],
          name + ": gitlab fingerprints are stable")
    ok = True
    for i, f in zip(issues, plain["findings"]):
        path, line, _ = place(repo, f)
        ok = ok and (i["description"], i["check_name"], i["severity"],
                     i["location"]["path"], i["location"]["lines"]["begin"]
                     ) == (f["message"], f["rule"], GITLAB[f["severity"]],
                           path, line)
    check(ok, name + ": gitlab issues match the findings")


def unescape(s):
    """A workflow command value as GitHub reads it."""
    return re.sub("%(25|0D|0A|3A|2C)",
                  lambda m: chr(int(m.group(1), 16)), s)


def github_command(line):
    """(command, {property: value}, message) of a workflow command."""
    m = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    if not m:
        return None
    props = {}
    for item in (m.group(2) or "").split(","):
        if item:
            key, value = item.split("=", 1)
            props[key] = unescape(value)
    return m.group(1), props, unescape(m.group(3))


def check_github(name, repo, isms, plain):
    """Commands for the findings, the notice, the step summary."""
    with tempfile.NamedTemporaryFile("w+", suffix=".md") as summary:
        summary.write("earlier step\n")
        summary.flush()
        lines = run(isms, repo, "github", summary.name).splitlines()
        summary.seek(0)
        written = summary.read()
    findings = plain["findings"]
    got = [github_command(x) for x in lines[:len(findings)]]
    want = []
    for f in findings:
        path, line, column = place(repo, f)
        want.append((GITHUB[f["severity"]],
                     {"file": path, "line": str(line), "col": str(column),
                      "title": f["rule"]}, f["message"]))
    check(got == want, name + ": github commands are the findings")
    counts = collections.Counter(f["severity"] for f in findings)
    hidden = sum(max(0, n - SHOWN) for n in counts.values())
    rest = lines[len(findings):]
    notice = [x for x in rest if x.startswith("::notice::")]
    check(len(notice) == (1 if hidden else 0)
          and (not hidden or notice[0].startswith("::notice::%d " % hidden)),
          name + ": github says %d findings are not shown" % hidden)
    check(written.startswith("earlier step\n### isms check\n")
          and "| error | %d |" % counts["error"] in written
          and lines[-1] in written,
          name + ": github step summary appended")


def check_repo(isms, name, repo):
    """Every CI format of one repository that can be checked."""
    text = run(isms, repo, "json")
    if text is None:
        return
    plain = json.loads(text)
    # Waived findings are kept (suppressed) in JSON and SARIF only: JUnit
    # skips them, GitHub and GitLab leave them out.
    plain["findings"] = [f for f in plain["findings"]
                         if not f.get("suppressed")]
    check_junit(name, repo, run(isms, repo, "junit"), plain)
    check_gitlab(name, repo, run(isms, repo, "gitlab"),
                 run(isms, repo, "gitlab"), plain)
    check_github(name, repo, isms, plain)


def main():
    isms = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                           else os.path.join(SRC, "build", "isms"))
    check_repo(isms, "sarif-three", FIXTURE)
    check_repo(isms, "acme-msp", EXAMPLE)
    cases = os.path.join(HERE, "cli", "cases")
    for case in sorted(os.listdir(cases)):
        where = os.path.join(cases, case)
        with open(os.path.join(where, "args"), encoding="utf-8") as f:
            args = f.read().split()
        if args[:1] == ["check"] and not os.path.exists(
                os.path.join(where, "setup")):
            check_repo(isms, case, os.path.join(where, "repo"))
    with tempfile.TemporaryDirectory() as tmp:
        bare = os.path.join(tmp, "bare")
        shutil.copytree(FIXTURE, bare)
        os.remove(os.path.join(bare, "isms.yaml"))
        check_repo(isms, "no isms.yaml", bare)
    print("ci-formats: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
