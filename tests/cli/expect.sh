#!/usr/bin/env bash
# expect.sh — the checks the CLI test scripts share (sourced by them): each
# check prints "ok   - NAME" or "FAIL - NAME" with the output indented, and
# counts; `expect_summary` prints the counts and fails when a check did.
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok   - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; [ -n "${2:-}" ] && sed 's/^/       /' <<<"$2"; }
# expect_status NAME WANTED ACTUAL [OUTPUT]
expect_status() { if [ "$3" -eq "$2" ]; then pass "$1 (exit $2)"; else fail "$1: exit $3, wanted $2" "${4:-}"; fi; }
# expect_match NAME REGEX TEXT
expect_match() { if grep -qE -- "$2" <<<"$3"; then pass "$1"; else fail "$1: no match for /$2/" "$3"; fi; }
expect_no_match() { if grep -qE -- "$2" <<<"$3"; then fail "$1: unexpected /$2/" "$3"; else pass "$1"; fi; }
# expect_same_file NAME FILE1 FILE2: the two files are equal, byte for byte
expect_same_file() { if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$(diff "$2" "$3" | head -20)"; fi; }

expect_summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
