"""Print the Markdown table of one or more result files of bench/run.py.

python bench/report.py bench/results/latest.json bench/results/http.json ...
"""

import json
import sys
from pathlib import Path


def fmt(value):
    return "-" if value is None else f"{value:,.1f}" if value >= 100 else f"{value:.2f}"


def main(paths):
    results = []
    for path in paths:
        result = json.loads(Path(path).read_text(encoding="utf-8"))
        result["_path"] = path
        results.append(result)
    rows = []
    for result in results:
        load = result.get("load_average") or ["?", "?"]
        print(
            f"- `{Path(result['_path']).name}`: scale {result['scale']}, "
            f"{result['date']}, {result['machine']}, load average {load[0]} before / "
            f"{load[1]} after; data: "
            + ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in result["counts"].items())
        )
        rows += result["rows"]
    print()
    print("| operation | p50 | p95 | goal | ratio | result |")
    print("| --- | ---: | ---: | --- | ---: | --- |")
    for row in sorted(rows, key=lambda r: r["operation"][:1]):
        status = {True: "pass", False: "**miss**", None: "-"}[row["pass"]]
        unit = row["unit"]
        print(
            f"| {row['operation']} | {fmt(row['p50'])} {unit} | {fmt(row['p95'])} {unit} | "
            f"{row['goal'] or '-'} | {fmt(row['ratio'])} | {status} |"
        )
    print()
    for row in sorted(rows, key=lambda r: r["operation"][:1]):
        if row.get("note"):
            print(f"- {row['operation']}: {row['note']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
