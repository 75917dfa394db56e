"""Print the per-suite table and the closing "N passed, N failed" line; exit 1 on failure."""

import sys

rows = []
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        suite, passed, failed, note = (line.rstrip("\n").split("\t") + [""] * 4)[:4]
        rows.append((suite, int(passed), int(failed), note))
print()
print(f"{'suite':<16} {'passed':>7} {'failed':>7}  note")
for suite, passed, failed, note in rows:
    print(f"{suite:<16} {passed:>7} {failed:>7}  {note}")
total_passed = sum(r[1] for r in rows)
total_failed = sum(r[2] for r in rows)
print()
print(f"{total_passed} passed, {total_failed} failed")
sys.exit(1 if total_failed or not rows else 0)
