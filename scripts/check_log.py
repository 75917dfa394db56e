"""Read an Odoo log: an ERROR/CRITICAL, or a WARNING not listed in tests/log_allowlist.txt,
fails it. With --tests, also read Odoo's test report line and print one results row
(suite, passed, failed, note) for scripts/test_summary.py.

Usage: check_log.py [--tests] LOGFILE
"""

import os
import re
import sys

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)"
)
REPORT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
ALLOWLIST = os.path.join(os.path.dirname(__file__), "..", "tests", "log_allowlist.txt")


def allowlist():
    patterns = []
    with open(ALLOWLIST, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                patterns.append(re.compile(line))
    return patterns


def scan(path):
    allowed = allowlist()
    problems, report = [], None
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            m = LINE.match(raw)
            if not m:
                continue
            rep = REPORT.search(m["msg"])
            if rep:
                report = tuple(int(x) for x in rep.groups())
                continue  # the report itself is not a problem; its counts are
            level = m["level"]
            if level in ("ERROR", "CRITICAL") or (
                level == "WARNING"
                and not any(p.search(f"{m['logger']}: {m['msg']}") for p in allowed)
            ):
                problems.append(raw.rstrip())
    return problems, report


def main(argv):
    tests = "--tests" in argv
    path = next(a for a in argv if not a.startswith("--"))
    if not os.path.isfile(path):
        print(f"no log file {path}", file=sys.stderr)
        if tests:
            print(f"odoo-http\t0\t1\tno log: the runner did not start ({path})")
        return 1
    problems, report = scan(path)
    for line in problems:
        print(f"log problem: {line}", file=sys.stderr)
    if tests:
        if report is None:
            print(f"odoo-http\t0\t1\tno test report in {path}")
            return 1
        failed_, errors, run = report
        failed = failed_ + errors
        # A failing subTest counts once more than its test: never report negative passes.
        passed = max(run - failed, 0)
        note = path if not problems else f"{len(problems)} log problem(s) in {path}"
        print(f"odoo-http\t{passed}\t{failed + (1 if problems else 0)}\t{note}")
        if run == 0:
            print("odoo-http-ran\t0\t1\tOdoo's runner ran no test")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
