#!/usr/bin/env python3
"""findings.py — read a loopcheck JSON report for triage.

  findings.py count REPORT.json              findings per rule
  findings.py list REPORT.json RULE          one line per finding of RULE: index, file:line, message
  findings.py show REPORT.json RULE INDEX... the chosen findings with their chains and related notes
  findings.py pooled VERDICTS.json REPORT.json...
                                             the cpu-heavy-loop sites of each report that have a
                                             verdict (cpu-verdicts.json: "project/path:line" ->
                                             "TP", "TPw" or a false-positive class; the
                                             out-of-sample projects' in
                                             cpu-verdicts-out-of-sample.json), and how many
                                             are true

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


def site_of(finding):
    """"redis/src/aof.c:188" for a finding in /tmp/rw/redis/src/aof.c at line 188."""
    path = finding["file"]
    return f"{path.split('/rw/', 1)[1] if '/rw/' in path else path}:{finding['line']}"


def pooled(verdicts_path, report_paths):
    with open(verdicts_path) as verdicts_file:
        verdicts = json.load(verdicts_file)
    true_total = judged_total = 0
    for report_path in report_paths:
        sites = {site_of(f) for f in findings_of(report_path, "cpu-heavy-loop")}
        judged = [verdicts[site] for site in sites if site in verdicts]
        true = sum(verdict.startswith("TP") for verdict in judged)
        print(f"{report_path}: {true} of {len(judged)} judged sites true")
        true_total += true
        judged_total += len(judged)
    if judged_total:
        print(f"all: {true_total} of {judged_total} ({100 * true_total / judged_total:.0f} %)")


def main(argv):
    if len(argv) >= 4 and argv[1] == "pooled":
        pooled(argv[2], argv[3:])
        return
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
