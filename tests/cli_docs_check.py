#!/usr/bin/env python3
"""Fail when --help, the man page and the shell completions drift apart.

usage: cli_docs_check.py <isms> <docs/isms.1>

Every command `isms --help` lists must have a section in the man page,
and every option `isms help <command>` lists (and every global option)
must appear in the man page and in the bash and zsh completions.
Prints "docs: N passed, N failed".
"""
import re
import subprocess
import sys

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("docs: FAIL " + what, file=sys.stderr)


def run(isms, *args):
    return subprocess.run([isms, *args], capture_output=True, text=True,
                          check=True).stdout


def options(help_text):
    """The long options of a help text's "options:" part."""
    part = help_text.split("options:", 1)[-1]
    return sorted(set(re.findall(r"--([a-z][a-z-]*)", part)))


def main():
    isms, manpath = sys.argv[1:3]
    man = open(manpath, encoding="utf-8").read().replace("\\-", "-")
    top = run(isms, "--help")
    commands = re.findall(r"^  ([a-z]+)  ", top.split("commands:")[1]
                          .split("options:")[0], re.M)
    check(len(commands) >= 5, "too few commands in --help: %s" % commands)
    bash = run(isms, "completion", "bash")
    zsh = run(isms, "completion", "zsh")
    for opt in options(top):
        check("--" + opt in man, "global option --%s not in the man page"
              % opt)
        check("--" + opt in bash, "global option --%s not in bash" % opt)
    for cmd in commands:
        check(re.search(r'^\.SS "isms %s\b' % cmd, man, re.M) is not None,
              "no man page section for '%s'" % cmd)
        check(re.search(r"^\t%s\)" % cmd, bash, re.M) is not None,
              "no bash completion for '%s'" % cmd)
        check("'%s:" % cmd in zsh, "no zsh completion for '%s'" % cmd)
        for opt in options(run(isms, "help", cmd)):
            section = man.split('.SS "isms %s' % cmd, 1)[-1].split(
                "\n.SS ", 1)[0]
            check("--" + opt in section or opt == "help",
                  "'%s --%s' not in its man page section" % (cmd, opt))
            block = bash.split("\t%s)\n" % cmd, 1)[-1].split(";;", 1)[0]
            check("--" + opt in block, "'%s --%s' not in bash" % (cmd, opt))
    print("docs: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
