#!/usr/bin/env python3
"""findings.py — read a loopcheck JSON report for triage.

  findings.py count REPORT.json              findings per rule
  findings.py list REPORT.json RULE          one line per finding of RULE: index, file:line, message
  findings.py show REPORT.json RULE INDEX... the chosen findings with their chains and related notes

Samples in README.md are drawn with
  findings.py list REPORT.json RULE | shuf -n N --random-source=<(yes) | sort -n
"""
import collections
import json
import sys


def findings_of(report_path, rule=None):
    with open(report_path) as report:
        findings = json.load(report)["findings"]
    return [f for f in findings if rule is None or f["rule"] == rule]


def main(argv):
    if len(argv) < 3 or argv[1] not in ("count", "list", "show"):
        sys.exit(__doc__)
    command, report_path = argv[1], argv[2]
    if command == "count":
        counts = collections.Counter(f["rule"] for f in findings_of(report_path))
        print(report_path, dict(sorted(counts.items())))
        return
    selected = findings_of(report_path, argv[3])
    if command == "list":
        for index, f in enumerate(selected):
            print(f"{index}\t{f['file']}:{f['line']}\t{f['message'][:230]}")
        return
    for index in argv[4:]:
        f = selected[int(index)]
        print(f"#{index} {f['file']}:{f['line']}: {f['message']}")
        for step in f.get("chain", []) + f.get("related", []):
            print(f"   {step['file']}:{step['line']}: {step['message']}")


if __name__ == "__main__":
    main(sys.argv)
