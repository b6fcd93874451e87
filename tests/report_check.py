#!/usr/bin/env python3
"""Render the HTML report in headless Chromium and check what it shows.

usage: report_check.py <isms> <examples/acme-msp> <screenshot.png>

A copy of the example gains a policy titled with a script tag.  The
report of that copy must load in Chromium with no script element in the
DOM (the title shown as text, the page title unchanged), show the heat
map of all 93 controls, and its screenshot must hold the heat map's
colours.  Prints "report: N passed, N failed".
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

PAYLOAD = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>"
GREEN = (0x2E, 0x9D, 0x57)
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars"]

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("report: FAIL " + what, file=sys.stderr)


def png_pixels(path):
    """Decode an 8-bit RGB or RGBA PNG into (width, height, rows)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride, rows, prev = width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(
            raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    isms, example, shot = sys.argv[1:4]
    work = tempfile.mkdtemp()
    try:
        repo = os.path.join(work, "repo")
        shutil.copytree(example, repo)
        with open(os.path.join(repo, "policies", "zz-inert.md"), "w") as f:
            f.write("---\nid: POL-XSS\ntitle: \"%s\"\ntype: policy\n"
                    "owner: CISO\nstatus: draft\ncontrols: [A.5.1]\n---\n"
                    "# Test\n" % PAYLOAD.replace('"', '\\"'))
        page = os.path.join(work, "report.html")
        env = dict(os.environ, ISMS_TODAY="2026-12-01")
        rc = subprocess.run([isms, "-C", repo, "report", "-o", page],
                            env=env).returncode
        check(rc == 0, "isms report exit %d" % rc)
        html = open(page, encoding="utf-8").read()
        check("<script" not in html, "a script element in the HTML")
        check("&lt;script&gt;document.title" in html,
              "the payload is not shown as text")
        profile = os.path.join(work, "profile")
        dom = subprocess.run(CHROMIUM + ["--user-data-dir=" + profile,
                                         "--dump-dom", "file://" + page],
                             capture_output=True, text=True,
                             timeout=120).stdout
        check("<script" not in dom, "a script element in the DOM")
        check("<title>ISMS readiness report</title>" in dom,
              "the page title changed")
        check("&lt;script&gt;document.title" in dom,
              "the payload is not text in the DOM")
        heat = dom[dom.find('<svg class="heatmap"'):dom.find("</svg>")]
        check(heat.count("<rect") == 93 + 4,
              "heat map has %d squares, not 93 and a legend of 4"
              % heat.count("<rect"))
        subprocess.run(CHROMIUM + ["--user-data-dir=" + profile,
                                   "--window-size=1280,1600",
                                   "--screenshot=" + os.path.abspath(shot),
                                   "file://" + page],
                       capture_output=True, timeout=120)
        check(os.path.exists(shot), "no screenshot")
        if os.path.exists(shot):
            w, h, bpp, rows = png_pixels(shot)
            green = sum(1 for row in rows for x in range(0, w * bpp, bpp)
                        if tuple(row[x:x + 3]) == GREEN)
            check(green > 20000, "only %d heat map pixels visible" % green)
    finally:
        shutil.rmtree(work)
    print("report: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
