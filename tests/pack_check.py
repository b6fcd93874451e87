#!/usr/bin/env python3
"""What `isms pack` writes, and what it must never write.

usage: python3 tests/pack_check.py [path/to/isms]

On the service fixture (tests/cli/cases/service-map/repo) and on
examples/acme-msp, with ISMS_TODAY pinned, as HTML and as Markdown, for
the whole repository and for each service line:
  leak     no line of a document that is not approved and marked
           shareable (registers included), no line of a section marked
           <!-- not-shareable -->, and no HTML comment's text appears;
  content  every approved, shareable document of the view is there,
           with a line of its text and its controls;
  html     the page parses, loads nothing and runs nothing: no script,
           style sheet link, frame or object; images have no source;
           links go only to web or mail addresses, anchors or relative
           paths;
  service  with --service, the catalogue and matrix rows of other
           service lines are left out.
Prints "pack: N passed, N failed"; exits 1 on any failure.
"""

import html
import html.parser
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
FIXTURE = os.path.join(HERE, "cli", "cases", "service-map", "repo")
ACME = os.path.join(TOP, "examples", "acme-msp")
MARKER = re.compile(r"^\s*<!--\s*not-shareable\s*-->\s*$", re.I)
HEADING = re.compile(r"^ {0,3}(#{1,6})(\s|$)")
FIXTURE_SECRETS = ["INTERNAL-DUTY-PHONE-0113", "INTERNAL-ESCALATION-TREE",
                   "INTERNAL-COMMENT-NOTE", "MAIL-FILTER-BYPASS-RULES",
                   "DRAFT-HARDENING-TEXT", "Mail Filtering Procedure",
                   "Web Hardening Procedure", "Site data lost",
                   "Web cluster"]

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("pack: FAIL " + what, file=sys.stderr)


def front_matter(text):
    """(keys as a dict of raw strings, body lines) of a file."""
    if not text.startswith("---\n"):
        return {}, text.splitlines()
    end = text.find("\n---\n", 3)
    if end < 0:
        return {}, text.splitlines()
    keys = {}
    for line in text[4:end].splitlines():
        m = re.match(r"^([a-z_]+):\s*(.*)$", line)
        if m:
            keys[m.group(1)] = m.group(2).strip()
    return keys, text[end + 5:].splitlines()


def documents(repo):
    """Every file with front matter: (path, keys, body lines)."""
    out = []
    for folder, dirs, files in os.walk(repo):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            if not name.endswith((".md", ".csv")):
                continue
            path = os.path.join(folder, name)
            keys, body = front_matter(open(path, encoding="utf-8").read())
            if keys.get("id"):
                out.append((os.path.relpath(path, repo), keys, body))
    return out


def services_of(keys):
    value = keys.get("services", "").strip("[]")
    return [s.strip() for s in value.split(",") if s.strip()]


def shown(keys, service):
    """Does the pack show this document?"""
    if keys.get("status", "").lower() != "approved":
        return False
    if keys.get("shareable", "").lower() not in ("true", "yes"):
        return False
    tags = services_of(keys)
    return service is None or not tags or service in tags


def withheld_lines(body):
    """The lines of the sections marked not shareable, and comments."""
    out, fenced = set(), False
    heads = []
    for i, line in enumerate(body):
        if re.match(r"^ {0,3}(```|~~~)", line):
            fenced = not fenced
        m = None if fenced else HEADING.match(line)
        heads.append(len(m.group(1)) if m else 0)
    for i, line in enumerate(body):
        if not MARKER.match(line):
            continue
        h = max([j for j in range(i) if heads[j]] or [-1])
        stop = len(body)
        for j in range(h + 1, len(body)):
            if h >= 0 and heads[j] and heads[j] <= heads[h]:
                stop = j
                break
        out.update(body[max(h, 0):stop])
    text = "\n".join(body)
    for comment in re.findall(r"<!--(.*?)-->", text, re.S):
        out.update(c.strip() for c in comment.splitlines())
    return out


def distinctive(line):
    """A line long and plain enough to identify its document."""
    line = line.strip()
    return len(line) >= 40 and not re.search(r"[|*_`#<>\[\]]", line)


def run(isms, repo, out, *args):
    env = dict(os.environ, ISMS_TODAY="2026-12-01", NO_COLOR="1")
    p = subprocess.run([isms, "-C", repo, "pack", "--force", "-o", out] +
                       list(args), env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    return p.returncode, p.stderr


class Page(html.parser.HTMLParser):
    """The tags, links and text of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.hrefs, self.srcs, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])

    def handle_data(self, data):
        self.text.append(data)


def text_of(path, fmt):
    """What a reader sees in the written file, whitespace folded."""
    raw = open(path, encoding="utf-8").read()
    if fmt == "md":
        return raw, " ".join(raw.split())
    page = Page()
    page.feed(raw)
    return raw, " ".join(" ".join(page.text).split())


def check_html(path, what):
    page = Page()
    page.feed(open(path, encoding="utf-8").read())
    bad = {"script", "link", "iframe", "object", "embed", "frame"}
    check(not bad & set(page.tags), "%s: loads or runs something: %s"
          % (what, sorted(bad & set(page.tags))))
    check(all(s == "" for s in page.srcs), "%s: an image with a source"
          % what)
    for href in page.hrefs:
        scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", href)
        check(not scheme or scheme.group(1).lower() in
              ("http", "https", "mailto"), "%s: link '%s'" % (what, href))


def check_pack(isms, repo, docs, service, fmt, scratch, secrets):
    what = "%s %s%s" % (os.path.basename(repo), fmt,
                        " --service " + service if service else "")
    out = os.path.join(scratch, "pack." + fmt)
    args = ["--service", service] if service else []
    rc, err = run(isms, repo, out, *args)
    check(rc == 0, "%s: exit %d: %s" % (what, rc, err.strip()))
    if rc:
        return
    raw, seen = text_of(out, fmt)
    for secret in secrets:
        check(secret not in raw, "%s: '%s' leaked" % (what, secret))
    for path, keys, body in docs:
        withheld = withheld_lines(body)
        lines = [line for line in body if distinctive(line)]
        if not shown(keys, service):
            for line in lines:
                check(" ".join(line.split()) not in seen,
                      "%s: %s leaked '%s'" % (what, path, line.strip()))
            continue
        for line in withheld:
            if distinctive(line):
                check(" ".join(line.split()) not in seen,
                      "%s: %s leaked withheld '%s'"
                      % (what, path, line.strip()))
        kept = [line for line in lines if line not in withheld]
        check(keys["id"] in seen, "%s: %s missing" % (what, path))
        if kept and not path.endswith(".csv"):
            check(" ".join(kept[0].split()) in seen,
                  "%s: %s lacks '%s'" % (what, path, kept[0].strip()))
    if fmt == "html":
        check_html(out, what)


def check_rows(isms, scratch):
    """--service mail: only mail's catalogue and matrix rows."""
    out = os.path.join(scratch, "rows.md")
    rc, _ = run(isms, FIXTURE, out, "--service", "mail")
    text = open(out, encoding="utf-8").read() if rc == 0 else ""
    check("| mail | Managed email |" in text, "service: mail's row missing")
    check("Web hosting" not in text and "| web |" not in text,
          "service: web's rows shown with --service mail")
    check("Web Backup Procedure" not in text,
          "service: web's procedure shown with --service mail")


def main():
    isms = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                           else os.path.join(TOP, "build", "isms"))
    with tempfile.TemporaryDirectory() as scratch:
        for repo, services, secrets in (
                (FIXTURE, [None, "web", "mail", "voip"], FIXTURE_SECRETS),
                (ACME, [None, "backup", "mdr"], [])):
            docs = documents(repo)
            for service in services:
                for fmt in ("md", "html"):
                    check_pack(isms, repo, docs, service, fmt, scratch,
                               secrets)
        check_rows(isms, scratch)
    print("pack: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
