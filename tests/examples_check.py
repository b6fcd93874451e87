#!/usr/bin/env python3
"""Check the CI examples and the pre-commit hook definition.

The YAML files must parse, and say what docs/ci.md promises: the hook
runs `isms check` once per commit; the GitHub workflow uploads SARIF and
gates with the github format; the GitLab job publishes Code Quality and
JUnit reports.  Prints "examples: N passed, N failed".
"""
import sys

import yaml

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("examples: FAIL " + what, file=sys.stderr)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def main():
    hooks = load(".pre-commit-hooks.yaml")
    hook = hooks[0]
    check(hook["id"] == "isms-check" and hook["entry"] == "isms check",
          "the hook runs isms check")
    check(hook["pass_filenames"] is False, "the hook runs once per commit")
    gh = load("examples/ci/github-actions.yml")
    steps = gh["jobs"]["check"]["steps"]
    upload = [s for s in steps
              if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    check(len(upload) == 1 and upload[0]["with"]["sarif_file"] == "isms.sarif",
          "the workflow uploads isms.sarif")
    runs = " ".join(s.get("run", "") for s in steps)
    check("--format sarif > isms.sarif" in runs
          and "check --format github" in runs, "the workflow runs isms")
    check(gh["permissions"]["security-events"] == "write",
          "the workflow may upload SARIF")
    gl = load("examples/ci/gitlab-ci.yml")["isms"]
    reports = gl["artifacts"]["reports"]
    script = " ".join(gl["script"])
    check(reports["codequality"] == "gl-code-quality-report.json"
          and "--format gitlab > gl-code-quality-report.json" in script,
          "the job publishes Code Quality")
    check(reports["junit"] == "isms-junit.xml"
          and "--format junit > isms-junit.xml" in script,
          "the job publishes JUnit")
    pc = load("examples/ci/pre-commit-config.yaml")
    check(pc["repos"][0]["hooks"][0]["id"] == hook["id"],
          "the pre-commit example names the hook")
    print("examples: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
