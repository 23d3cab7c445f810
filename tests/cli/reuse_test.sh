#!/usr/bin/env bash
# End-to-end tests of reusing the stored results: a re-run that changes
# nothing reports, byte for byte, what the run before reported without
# linking again; editing a TU, a rules file, an option that changes
# findings, or rebuilding loopcheck makes the next run compute afresh.
# Usage: reuse_test.sh LOOPCHECK_BINARY
set -u
LOOPCHECK=$(realpath "$1")
WORK=$(mktemp -d /tmp/loopcheck-reuse-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/expect.sh"

P=$WORK/project
mkdir -p "$P/src" "$P/build"
cat > "$P/src/server.c" <<'C'
#include <unistd.h>
int loop_timer_start(void (*cb)(void), unsigned long ms);
void save_state(int fd);
static void on_tick(void)
{
    save_state(3);
    /* loopcheck: ignore[blocking-call] */
    usleep(10);
}
static void on_idle(void)
{
    for (int i = 0; i < 1000000; i++)
        for (int j = 0; j < 1000000; j++)
            sync();
}
int main(void)
{
    loop_timer_start(on_tick, 100);
    loop_timer_start(on_idle, 100);
    return 0;
}
C
cat > "$P/src/state.c" <<'C'
#include <unistd.h>
void legacy_flush(int fd);
void save_state(int fd)
{
    fsync(fd);
    legacy_flush(fd);
}
C
printf 'callback loop_timer_start arg1 loop\n' > "$P/rules.rules"
printf '[{"directory": "%s", "file": "src/server.c", "arguments": ["cc", "-c", "src/server.c"]},
 {"directory": "%s", "file": "src/state.c", "arguments": ["cc", "-c", "src/state.c"]}]\n' "$P" "$P" \
  > "$P/build/compile_commands.json"
cd "$P"
# run NAME ARGS...: a check whose JSON goes to $WORK/NAME.json and whose
# --stats go to $WORK/NAME.err
run() { local name=$1; shift; "$LOOPCHECK" check -p build --rules rules.rules --format json -o "$WORK/$name.json" --stats "$@" 2>"$WORK/$name.err"; }
reused() { grep -c "stats: findings reused" "$WORK/$1.err"; }

run first
[ "$(reused first)" = 0 ] && pass "a cold run computes its results" || fail "a cold run reused results"
run second
[ "$(reused second)" = 1 ] && pass "a re-run that changes nothing reuses them" || fail "no reuse" "$(cat "$WORK/second.err")"
expect_same_file "the reused report is the computed one, byte for byte" "$WORK/first.json" "$WORK/second.json"
expect_match "the summary is the computed one" "2 TUs \(0 parsed, 2 reused, 0 failed\), [1-9][0-9]* functions, [1-9][0-9]* calls, 2 entry points, [1-9][0-9]* findings \(1 suppressed\)" \
  "$(grep "TUs" "$WORK/second.err")"
for format in text sarif; do
  "$LOOPCHECK" check -p build --rules rules.rules --format $format -o "$WORK/reused.$format" 2>/dev/null
  sqlite3 build/loopcheck.db "DELETE FROM meta WHERE key = 'results_key'"
  "$LOOPCHECK" check -p build --rules rules.rules --format $format -o "$WORK/computed.$format" 2>/dev/null
  expect_same_file "reused and computed $format reports are the same" "$WORK/computed.$format" "$WORK/reused.$format"
done

touch src/state.c
run touched
[ "$(reused touched)" = 1 ] && pass "touching a file without changing it still reuses" || fail "touch: no reuse"

printf 'blocking legacy_flush reason "writes the journal synchronously"\n' >> rules.rules
run rules
[ "$(reused rules)" = 0 ] && pass "a changed rules file computes afresh" || fail "rules change: reused"
expect_match "the new model is applied" "legacy_flush" "$(jq -r '.findings[].message' "$WORK/rules.json")"

run level --cpu-heavy-level 3
[ "$(reused level)" = 0 ] && pass "another --cpu-heavy-level computes afresh" || fail "--cpu-heavy-level: reused"
run level_again --cpu-heavy-level 3
[ "$(reused level_again)" = 1 ] && pass "the same --cpu-heavy-level again reuses" || fail "--cpu-heavy-level again: no reuse"

echo "/* edit */" >> src/state.c
run edited
[ "$(reused edited)" = 0 ] && pass "an edited TU computes afresh" || fail "edited TU: reused"
run edited_again
[ "$(reused edited_again)" = 1 ] && pass "and the run after it reuses again" || fail "after edit: no reuse"

cp "$LOOPCHECK" "$WORK/loopcheck-rebuilt" && touch -d '+1 minute' "$WORK/loopcheck-rebuilt"
"$WORK/loopcheck-rebuilt" check -p build --rules rules.rules -o /dev/null --stats 2>"$WORK/rebuilt.err"
[ "$(reused rebuilt)" = 0 ] && pass "another loopcheck binary computes afresh" || fail "rebuilt binary: reused"

jq '.[:1]' build/compile_commands.json > "$WORK/one.json" && cp "$WORK/one.json" build/compile_commands.json
run removed
[ "$(reused removed)" = 0 ] && pass "a TU removed from the compile database computes afresh" || fail "removed TU: reused"
expect_match "the removed TU's findings are gone" "^0$" "$(jq '[.findings[] | select(.file | test("state.c"))] | length' "$WORK/removed.json")"

expect_summary
