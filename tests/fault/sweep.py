#!/usr/bin/env python3
"""Fail the allocations of one isms run one at a time and judge each run.

usage: sweep.py [--preload SO] [--stride N] [--jobs N] [--valgrind N]
                [--threads N] [--output NAME] [--label TEXT]
                ISMS REPO [ARG...]

isms runs as "ISMS -C REPO ARG..." with ISMS_FAIL_ALLOC=n for n = 1,
1 + stride, ... up to the count a first run reports (ISMS_COUNT_ALLOC).
The allocator that reads these is either linked into ISMS (wrap.c) or
the shared object given as --preload (preload.c).  A run passes when it
exits 2 with exactly "isms: out of memory" on standard error, or when it
completes as the run without a failure did: the same exit status, the
same standard output byte for byte, the same standard error.  Anything
else fails: a signal, a sanitizer report, another message, other output,
or no end within the time limit.  The arguments default to
"check --format json".

isms reads on one thread (ISMS_JOBS=1), so that the n-th allocation is
the same one in every run; --threads N reads on N, where it is not.

With --output NAME, "{out}" in the arguments names a file NAME in a
folder of its own for each run; the file counts as output, and anything
else left in the folder (a temporary file) fails the run.

--valgrind N runs N of the failing allocations, spread evenly, again
under valgrind's memcheck, which fails a run for a memory error or for a
block definitely or indirectly lost at exit; what exit() leaves
reachable from globals and the stack is not a leak, nor what
valgrind.supp lists (a library's own, out of isms's reach).

Prints the failures, then one line:
"fault: LABEL: A allocations, R runs: O out of memory, C completed,
F failed".  Exits 1 when a run failed.
"""
import argparse
import concurrent.futures
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

OOM = b"isms: out of memory\n"
TIMEOUT = 60
VALGRIND_TIMEOUT = 600
VALGRIND = [
    "valgrind", "-q", "--error-exitcode=99", "--num-callers=40",
    "--leak-check=full",
    "--show-leak-kinds=definite,indirect",
    "--errors-for-leak-kinds=definite,indirect",
    # Let preload.c's malloc stand; memcheck still sees glibc's below it.
    "--soname-synonyms=somalloc=nouserintercepts",
    "--suppressions=" + os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "valgrind.supp"),
]


def environment(preload, threads):
    """The environment of every run: pinned date, the reader threads."""
    env = dict(os.environ)
    for key in ("ISMS_FAIL_ALLOC", "ISMS_COUNT_ALLOC", "GITHUB_STEP_SUMMARY"):
        env.pop(key, None)
    env.update(ISMS_TODAY="2026-12-01", ISMS_JOBS=str(threads),
               NO_COLOR="1")
    if preload:
        env["LD_PRELOAD"] = os.path.abspath(preload)
    return env


def run(cmd, env, fail=None, count=False, timeout=TIMEOUT, output=None):
    """Run cmd; (status, stdout, stderr), status None when it hung."""
    env = dict(env)
    if fail:
        env["ISMS_FAIL_ALLOC"] = str(fail)
    if count:
        env["ISMS_COUNT_ALLOC"] = "1"
    folder = tempfile.mkdtemp(prefix="fault-") if output else None
    if folder:
        out = os.path.join(folder, output)
        cmd = [arg.replace("{out}", out) for arg in cmd]
    try:
        p = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
        result = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        result = None, e.stdout or b"", e.stderr or b""
    if folder:
        result = written(result, folder, output)
        shutil.rmtree(folder)
    return result


def contents(data):
    """A written file as compared: a workbook by its members, without the
    times libxlsxwriter stamps on it."""
    if not data.startswith(b"PK"):
        return data
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        parts = [(n, z.read(n)) for n in sorted(z.namelist())]
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        return b"bad zip: " + str(e).encode()
    return b"".join(n.encode() + b"\n" + re.sub(
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\1", d) + b"\n"
        for n, d in parts)


def written(result, folder, output):
    """result with the file written appended to standard output, and a
    line on standard error for anything else left in folder."""
    rc, out, err = result
    path = os.path.join(folder, output)
    if os.path.exists(path):
        with open(path, "rb") as f:
            out += b"\n--- " + output.encode() + b"\n" + contents(f.read())
    left = sorted(set(os.listdir(folder)) - {output})
    if left:
        err += ("left behind: %s\n" % ", ".join(left)).encode()
    return rc, out, err


def baseline(cmd, env, output):
    """The run without a failure, and how many allocations it made."""
    rc, out, err = run(cmd, env, count=True, output=output)
    lines = err.splitlines(keepends=True)
    if rc is None or not lines or not lines[-1].startswith(b"allocations: "):
        sys.exit("fault: no allocation count from %s" % " ".join(cmd))
    return rc, out, b"".join(lines[:-1]), int(lines[-1].split()[1])


def judge(base, result):
    """'oom', 'done', or why the run failed."""
    rc, out, err = result
    if rc is None:
        return "no end in %d s" % TIMEOUT
    if rc == 2 and err == OOM:
        return "oom"
    if (rc, out, err) == base[:3]:
        return "done"
    why = "exit %d" % rc if rc >= 0 else "signal %d" % -rc
    if out != base[1]:
        seen = set(base[1].splitlines())
        new = [line.decode("utf-8", "replace").strip()
               for line in out.splitlines() if line not in seen]
        why += ", other output: " + (" | ".join(new[:3])[:200] if new
                                     else "less")
    first = err.decode("utf-8", "replace").strip().splitlines()[:3]
    return "; ".join([why] + first)


def spread(total, k):
    """k allocation numbers spread evenly over 1..total."""
    k = min(k, total)
    return sorted({1 + (i * total) // k for i in range(k)}) if k else []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preload")
    ap.add_argument("--stride", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--valgrind", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--output")
    ap.add_argument("--label")
    ap.add_argument("isms")
    ap.add_argument("repo")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args()

    start = time.time()
    env = environment(a.preload, a.threads)
    cmd = [a.isms, "-C", a.repo] + (a.args or ["check", "--format", "json"])
    base = baseline(cmd, env, a.output)
    total = base[3]
    todo = list(range(1, total + 1, max(a.stride, 1)))
    tally = {"oom": 0, "done": 0}
    failed = []

    def one(n, prefix=(), timeout=TIMEOUT):
        return n, judge(base, run(list(prefix) + cmd, env, n,
                                  timeout=timeout, output=a.output))

    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for n, verdict in pool.map(one, todo):
            if verdict in tally:
                tally[verdict] += 1
            else:
                failed.append((n, verdict))
        grind = spread(total, a.valgrind)
        for n, verdict in pool.map(lambda n: one(n, VALGRIND,
                                                 VALGRIND_TIMEOUT), grind):
            if verdict not in tally:
                failed.append((n, "under valgrind: " + verdict))

    for n, why in failed[:20]:
        print("fault: FAIL %s allocation %d: %s" % (a.label or a.repo, n,
                                                    why))
    if len(failed) > 20:
        print("fault: ... and %d more" % (len(failed) - 20))
    extra = ", %d under valgrind" % len(grind) if grind else ""
    print("fault: %s: %d allocations, %d runs%s: %d out of memory, "
          "%d completed, %d failed (%.0f s)"
          % (a.label or a.repo, total, len(todo), extra, tally["oom"],
             tally["done"], len(failed), time.time() - start))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
