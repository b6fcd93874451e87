#!/usr/bin/env python3
"""Read back what `isms calendar --ics` wrote, twice over.

A small reader of its own checks the RFC 5545 framing: every line ends
in CRLF, no line passes 75 octets, folded lines unfold, every VEVENT has
UID, DTSTAMP, DTSTART and SUMMARY, TEXT values unescape (the fixture's
long title with , ; \\ and non-ASCII text comes back whole), UIDs are
unique and the same in both files.  Then, when Debian's python3-icalendar
is importable (by this interpreter or by /usr/bin/python3), that parser
must read the same events.

usage: ics_check.py first.ics second.ics
Prints "ics: ok" when everything holds; exits 1 otherwise.
"""

import ast
import os
import re
import subprocess
import sys

TITLE = ("Internal audit: access control, backup; logging \\ \u00c4\u00d6"
         "\u00dc \u2013 a long title that goes past seventy-five octets")


def physical_lines(data, problems):
    """The lines of data, each checked for CRLF and length."""
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end in CRLF")
    lines = data.split(b"\r\n")[:-1]
    for n, line in enumerate(lines, 1):
        if b"\r" in line or b"\n" in line:
            problems.append("line %d: a bare CR or LF" % n)
        if len(line) > 75:
            problems.append("line %d: %d octets" % (n, len(line)))
    return lines


def unfold(lines):
    """Content lines: a line starting with a space continues the last."""
    out = []
    for line in lines:
        if line.startswith(b" ") and out:
            out[-1] += line[1:]
        else:
            out.append(line)
    return [x.decode("utf-8") for x in out]


def unescape(value):
    """A TEXT value with its backslash escapes undone."""
    return re.sub(r"\\([\\;,nN])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1),
                  value)


def events(path, problems):
    """The VEVENTs of a file as dicts of name -> value."""
    with open(path, "rb") as f:
        lines = unfold(physical_lines(f.read(), problems))
    if lines[:1] != ["BEGIN:VCALENDAR"] or lines[-1:] != ["END:VCALENDAR"]:
        problems.append("%s: not one VCALENDAR" % path)
    for need in ("VERSION:2.0", "PRODID:"):
        if not any(x.startswith(need) for x in lines):
            problems.append("%s: no %s" % (path, need))
    found, cur = [], None
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            cur = {}
        elif line == "END:VEVENT":
            found.append(cur)
            cur = None
        elif cur is not None:
            cur[name] = value
    return found


def check_events(path, evs, problems):
    """Required properties and their shapes."""
    for e in evs:
        for key in ("UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"):
            if key not in e:
                problems.append("%s: an event without %s" % (path, key))
        if not re.fullmatch(r"\d{8}T\d{6}Z", e.get("DTSTAMP", "")):
            problems.append("%s: DTSTAMP %r" % (path, e.get("DTSTAMP")))
    uids = [e.get("UID") for e in evs]
    if len(set(uids)) != len(uids):
        problems.append("%s: UIDs repeat" % path)
    if TITLE not in [unescape(e.get("SUMMARY", "")) for e in evs]:
        problems.append("%s: the long title did not come back" % path)


def with_icalendar(path):
    """(summary, date) pairs as python3-icalendar reads them, or None."""
    try:
        import icalendar
    except ImportError:
        return None
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    return sorted((str(e["SUMMARY"]), e["DTSTART"].dt.isoformat())
                  for e in cal.walk("VEVENT"))


def icalendar_pairs(path):
    """with_icalendar() here, or under Debian's own python3."""
    pairs = with_icalendar(path)
    if pairs is not None or not os.path.exists("/usr/bin/python3") or \
            os.path.realpath(sys.executable) == "/usr/bin/python3":
        return pairs
    out = subprocess.run(["/usr/bin/python3", __file__, "--icalendar",
                          path], capture_output=True, text=True)
    return ast.literal_eval(out.stdout) if out.returncode == 0 else None


def main():
    if sys.argv[1] == "--icalendar":
        pairs = with_icalendar(sys.argv[2])
        print(repr(pairs))
        return 0 if pairs is not None else 1
    problems = []
    first = events(sys.argv[1], problems)
    second = events(sys.argv[2], problems)
    check_events(sys.argv[1], first, problems)
    check_events(sys.argv[2], second, problems)
    if [e.get("UID") for e in first] != [e.get("UID") for e in second]:
        problems.append("UIDs differ from run to run")
    ours = sorted((unescape(e["SUMMARY"]),
                   "%s-%s-%s" % (e["DTSTART;VALUE=DATE"][:4],
                                 e["DTSTART;VALUE=DATE"][4:6],
                                 e["DTSTART;VALUE=DATE"][6:]))
                  for e in first)
    theirs = icalendar_pairs(sys.argv[1])
    if theirs is None:
        print("ics: python3-icalendar not installed; its read skipped")
    elif theirs != ours:
        problems.append("icalendar reads %r, we read %r" % (theirs, ours))
    for p in problems:
        print("ics: FAIL " + p)
    if not problems:
        print("ics: ok, %d events" % len(first))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
