#!/usr/bin/env python3
"""Check `isms check --format sarif` against the SARIF 2.1.0 schema.

Runs isms on tests/fixtures/sarif-three (three findings: one with no
file of its own, one whose file name needs escaping, one after a
character outside the BMP), validates the log with python3-jsonschema
against tests/fixtures/sarif-schema-2.1.0.json, and compares every
result with `check --format json`: rule, ruleIndex, level, message,
file, line and column (in UTF-16 code units, as SARIF counts them).
Fingerprints must be unique, the same from run to run, and unchanged
when the text moves down a line.  The repository of every CLI case that
runs check (and needs no setup) is validated and compared the same way.

usage: python3 tests/sarif_check.py [path/to/isms]
Prints "sarif: N passed, N failed"; exits 1 on any failure.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
FIXTURE = os.path.join(HERE, "fixtures", "sarif-three")
SCHEMA = os.path.join(HERE, "fixtures", "sarif-schema-2.1.0.json")
RULES_C = os.path.join(SRC, "src", "rules", "rules.c")
FINGERPRINT = "isms/v1"

passed = 0
failed = 0


def check(ok, what):
    """Count one check; say what failed."""
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("sarif: FAIL " + what)


def run(isms, repo, fmt):
    """isms check in format fmt on repo, as parsed JSON; None when the
    repository cannot be checked (exit 2)."""
    env = dict(os.environ, ISMS_TODAY="2026-12-01", NO_COLOR="1")
    env.pop("GITHUB_STEP_SUMMARY", None)
    p = subprocess.run([isms, "-C", repo, "check", "--format", fmt],
                       capture_output=True, env=env, check=False)
    if p.returncode == 2:
        return None
    if p.returncode not in (0, 1):
        raise SystemExit("sarif: isms exited %d on %s: %s"
                         % (p.returncode, repo, p.stderr.decode()))
    return json.loads(p.stdout)


def validator():
    """A validator of the whole log: the schema's root is its Root."""
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    root = dict(schema)
    root["$ref"] = "#/definitions/Root"
    cls = jsonschema.Draft7Validator
    cls.check_schema(root)
    return cls(root, format_checker=jsonschema.FormatChecker())


def rule_table():
    """(id, level) of each rule in src/rules/rules.c, in order."""
    with open(RULES_C, encoding="utf-8") as f:
        text = f.read()
    body = text[text.index("rule_table[] = {"):]
    body = body[:body.index("\n};")]
    levels = {"ERROR": "error", "WARNING": "warning", "NOTE": "note"}
    return [(m.group(1), levels[m.group(2)]) for m in
            re.finditer(r'\{"([a-z0-9-]+)", SEVERITY_([A-Z]+)', body)]


def utf16_column(repo, path, line, column):
    """column (in code points) of path:line in UTF-16 code units."""
    with open(os.path.join(repo, path), encoding="utf-8-sig") as f:
        text = f.read().split("\n")[line - 1]
    return column + sum(1 for c in text[:column - 1] if ord(c) > 0xFFFF)


def check_schema(v, log, name):
    """The log is valid, and the validator rejects what it should."""
    errors = sorted(v.iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:5]:
        print("sarif: %s: %s at %s" % (name, e.message, list(e.path)))
    check(not errors, name + ": valid SARIF 2.1.0")


def check_driver(run0):
    """Every rule of the table, in order, with what GitHub shows."""
    rules = run0["tool"]["driver"]["rules"]
    table = rule_table()
    check([(r["id"], r["defaultConfiguration"]["level"]) for r in rules]
          == table and len(table) > 40, "driver rules are the rule table")
    check(all(r["name"] and r["shortDescription"]["text"]
              and r["fullDescription"]["text"] and r["help"]["text"]
              for r in rules), "every rule has its texts")
    driver = run0["tool"]["driver"]
    check(driver["name"] == "isms" and driver["version"],
          "driver name and version")


def expected_location(repo, finding):
    """(uri, line, column) a result of finding must have."""
    if "file" not in finding:
        return ("isms.yaml" if os.path.exists(os.path.join(
            repo, "isms.yaml")) else ".", 1, 1)
    line = finding.get("line", 1)
    column = finding.get("column", 1)
    return (finding["file"], line,
            utf16_column(repo, finding["file"], line, column))


def check_result(repo, rules, result, finding, n):
    """One result against its JSON finding."""
    what = "result %d (%s)" % (n, finding["rule"])
    phys = result["locations"][0]["physicalLocation"]
    art, region = phys["artifactLocation"], phys["region"]
    uri, line, column = expected_location(repo, finding)
    check(result["ruleId"] == finding["rule"]
          and rules[result["ruleIndex"]]["id"] == finding["rule"],
          what + ": ruleId and ruleIndex")
    check(result["level"] == finding["severity"]
          and result["message"]["text"] == finding["message"],
          what + ": level and message")
    check(urllib.parse.unquote(art["uri"]) == uri
          and art["uriBaseId"] == "%SRCROOT%"
          and urllib.parse.quote(uri, safe="/-._~") == art["uri"],
          what + ": uri %s" % art["uri"])
    check((region["startLine"], region["startColumn"]) == (line, column),
          what + ": region %d:%d, expected %d:%d"
          % (region["startLine"], region["startColumn"], line, column))


def fingerprints(log):
    """The fingerprint of each result, in order."""
    return [r["partialFingerprints"][FINGERPRINT]
            for r in log["runs"][0]["results"]]


def check_log(isms, v, repo, name):
    """Validate repo's log and compare it with the JSON findings."""
    log = run(isms, repo, "sarif")
    plain = run(isms, repo, "json")
    run0 = log["runs"][0]
    results, findings = run0["results"], plain["findings"]
    check_schema(v, log, name)
    check(len(results) == len(findings), name + ": one result a finding")
    root = run0["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    check(root == "file://" + urllib.parse.quote(plain["root"]) + "/",
          name + ": %SRCROOT% is the root as a file URI ending in /")
    for n, (r, f) in enumerate(zip(results, findings)):
        check_result(repo, run0["tool"]["driver"]["rules"], r, f, n)
    prints = fingerprints(log)
    check(len(set(prints)) == len(prints), name + ": fingerprints unique")
    return log, plain


def check_astral(log, plain):
    """The emoji before A.8.12 moves its column by one."""
    shifted = [(r, f) for r, f in
               zip(log["runs"][0]["results"], plain["findings"])
               if f["rule"] == "reference-untagged"]
    check(len(shifted) == 1 and shifted[0][0]["locations"][0]
          ["physicalLocation"]["region"]["startColumn"]
          == shifted[0][1]["column"] + 1,
          "an astral character shifts startColumn by one")


def moved_copy(tmp):
    """The fixture with its text two lines lower, and one clause id that
    is no clause written twice: two findings alike but for the column."""
    repo = os.path.join(tmp, "moved")
    shutil.copytree(FIXTURE, repo)
    for name in os.listdir(os.path.join(repo, "isms")):
        path = os.path.join(repo, "isms", name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = text.replace("# ISMS Manual\n", "# ISMS Manual\n\nMoved.\n")
        text = text.replace("clauses: [", "clauses: [99.9, 99.9, ")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return repo


def check_moved(log, moved):
    """Moved text keeps its fingerprints; a repeat gets its own."""
    before, after = fingerprints(log), fingerprints(moved)
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"]
             for r in moved["runs"][0]["results"]
             if r["ruleId"] == "reference-untagged"]
    twins = [p for r, p in zip(moved["runs"][0]["results"], after)
             if r["ruleId"] == "clause-unknown"]
    # Five findings, and the note that the copy is in no git work tree.
    check(set(before) <= set(after) and len(after) == 6
          and lines != [17], "moving text keeps fingerprints")
    check(len(twins) == 2 and twins[0] != twins[1]
          and twins[0].split(":")[0] == twins[1].split(":")[0],
          "identical findings differ by their occurrence counter")


def data_copy(tmp):
    """A register whose rows are in a data: file, with an emoji before a
    quote that is a CSV error: the column of a file that is no document."""
    repo = os.path.join(tmp, "data")
    shutil.copytree(os.path.join(HERE, "cli", "cases", "reg-shape-data",
                                 "repo"), repo)
    path = os.path.join(repo, "registers", "risks.csv")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("R-1,Laptop theft,",
                             "R-\U0001F512" "1,Laptop \"theft,"))
    return repo


def check_data(log, plain):
    """The CSV error after the emoji is one column further in SARIF."""
    pairs = [(r, f) for r, f in
             zip(log["runs"][0]["results"], plain["findings"])
             if f["rule"] == "csv-syntax"]
    check(len(pairs) == 1 and pairs[0][0]["locations"][0]
          ["physicalLocation"]["region"]["startColumn"]
          == pairs[0][1]["column"] + 1,
          "an astral character in a data: file shifts startColumn")


def check_cases(isms, v):
    """Every CLI case repository that check can read."""
    cases = os.path.join(HERE, "cli", "cases")
    for case in sorted(os.listdir(cases)):
        where = os.path.join(cases, case)
        with open(os.path.join(where, "args"), encoding="utf-8") as f:
            args = f.read().split()
        repo = os.path.join(where, "repo")
        if (args[:1] == ["check"]
                and not os.path.exists(os.path.join(where, "setup"))
                and run(isms, repo, "json") is not None):
            check_log(isms, v, repo, case)


def main():
    isms = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                           else os.path.join(SRC, "build", "isms"))
    v = validator()
    check(not v.is_valid({}) and not v.is_valid({"version": "2.1.0"}),
          "the schema rejects a log without runs")
    log, plain = check_log(isms, v, FIXTURE, "sarif-three")
    check(len(plain["findings"]) == 3, "sarif-three has three findings")
    check_driver(log["runs"][0])
    check_astral(log, plain)
    again = run(isms, FIXTURE, "sarif")
    check(fingerprints(again) == fingerprints(log),
          "fingerprints are the same from run to run")
    with tempfile.TemporaryDirectory() as tmp:
        moved, _ = check_log(isms, v, moved_copy(tmp), "moved")
        check_moved(log, moved)
        bare = os.path.join(tmp, "bare")
        shutil.copytree(FIXTURE, bare)
        os.remove(os.path.join(bare, "isms.yaml"))
        check_log(isms, v, bare, "no isms.yaml")
        check_data(*check_log(isms, v, data_copy(tmp), "data file"))
    check_cases(isms, v)
    print("sarif: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
