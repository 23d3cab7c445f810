#!/usr/bin/env bash
# End-to-end tests of the loopcheck command line: a small libuv-style project
# made in a temporary directory, the output formats, exit statuses, caching,
# suppressions, and the bad-input table (each error is one clear line, exit 2,
# and the rest of the analysis still runs).
# Usage: cli_test.sh LOOPCHECK_BINARY
set -u
LOOPCHECK=$(realpath "$1")
WORK=$(mktemp -d /tmp/loopcheck-cli-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/expect.sh"

# --- the project ----------------------------------------------------------
make_project() {
  local dir=$1
  mkdir -p "$dir/src" "$dir/build"
  cat > "$dir/src/loop.h" <<'C'
typedef struct timer timer_t_;
typedef void (*timer_cb)(timer_t_ *t);
int loop_timer_start(timer_t_ *t, timer_cb cb, unsigned long ms);
void save_state(int fd);
C
  cat > "$dir/src/server.c" <<'C'
#include <unistd.h>
#include "loop.h"

static void on_tick(timer_t_ *t)
{
    (void)t;
    save_state(3);
}

static void on_idle(timer_t_ *t)
{
    (void)t;
    usleep(1000);
}

static void on_quiet(timer_t_ *t)
{
    (void)t;
    /* loopcheck: ignore[blocking-call] */
    sleep(1);
}

int main(void)
{
    static timer_t_ *t;
    sleep(1);
    loop_timer_start(t, on_tick, 100);
    loop_timer_start(t, on_idle, 100);
    loop_timer_start(t, on_quiet, 100);
    return 0;
}
C
  cat > "$dir/src/state.c" <<'C'
#include <unistd.h>
#include "loop.h"

void save_state(int fd)
{
    fsync(fd);
}
C
  cat > "$dir/rules.rules" <<'R'
library testloop offload "loop_queue_work(loop, job, done)"
callback loop_timer_start arg2 loop
R
  write_compdb "$dir" src/server.c src/state.c
}

write_compdb() {
  local dir=$1; shift
  {
    echo "["
    local first=1
    for f in "$@"; do
      [ $first -eq 1 ] || echo ","
      first=0
      printf '  {"directory": "%s", "file": "%s", "arguments": ["cc", "-c", "-Wall", "-o", "%s.o", "%s"]}\n' \
        "$dir" "$f" "${f%.c}" "$f"
    done
    echo "]"
  } > "$dir/build/compile_commands.json"
}

P=$WORK/project
make_project "$P"
cd "$P"

# --- help and usage errors -----------------------------------------------
out=$("$LOOPCHECK" --help 2>&1); expect_status "--help" 0 $? "$out"
expect_match "--help lists check" "check" "$out"
out=$("$LOOPCHECK" check --help 2>&1); expect_status "check --help" 0 $? "$out"
expect_match "check --help shows -p" "-p BUILD_DIR" "$out"
out=$("$LOOPCHECK" frobnicate 2>&1); expect_status "unknown command" 2 $? "$out"
out=$("$LOOPCHECK" check -p build --frobnicate 2>&1); expect_status "unknown option" 2 $? "$out"
expect_match "unknown option named" "frobnicate" "$out"
out=$("$LOOPCHECK" check 2>&1); expect_status "missing -p" 2 $? "$out"
out=$("$LOOPCHECK" check -p build -j 0 2>&1); expect_status "-j 0" 2 $? "$out"
out=$("$LOOPCHECK" check -p build --format xml 2>&1); expect_status "unknown format" 2 $? "$out"
out=$("$LOOPCHECK" check -p build --fail-on loud 2>&1); expect_status "unknown level" 2 $? "$out"

# --- a clean run: text --------------------------------------------------------
out=$("$LOOPCHECK" check -p build --rules rules.rules 2>"$WORK/err"); status=$?
err=$(cat "$WORK/err")
expect_status "findings give exit 1" 1 $status "$out$err"
expect_match "fsync found in the other TU" "^src/state.c:6:5: warning: 'fsync' blocks the event loop.*\[blocking-call\]" "$out"
expect_match "chain starts at the registration" "^src/server.c:27:5: note: 'on_tick' is registered as a loop callback with loop_timer_start" "$out"
expect_match "chain passes the cross-TU call" "^src/server.c:7:5: note: 'on_tick' calls 'save_state'" "$out"
expect_match "usleep found" "^src/server.c:13:5: warning: 'usleep' blocks" "$out"
expect_no_match "main before the loop is not a finding" "server.c:25:" "$out"
expect_no_match "suppressed finding not printed" "server.c:20:" "$out"
expect_match "summary line" "^loopcheck: 2 TUs \(2 parsed, 0 reused, 0 failed\).* 2 findings \(1 suppressed\)" "$err"

# --- cache -----------------------------------------------------------------
err=$("$LOOPCHECK" check -p build --rules rules.rules 2>&1 >/dev/null)
expect_match "re-run reuses every TU" "2 TUs \(0 parsed, 2 reused, 0 failed\)" "$err"
touch src/state.c
err=$("$LOOPCHECK" check -p build --rules rules.rules 2>&1 >/dev/null)
expect_match "touch without change reuses" "\(0 parsed, 2 reused" "$err"
echo "/* header edit */" >> src/loop.h
err=$("$LOOPCHECK" check -p build --rules rules.rules 2>&1 >/dev/null)
expect_match "a header edit re-parses its includers" "\(2 parsed, 0 reused" "$err"
echo "/* edit */" >> src/state.c
err=$("$LOOPCHECK" check -p build --rules rules.rules 2>&1 >/dev/null)
expect_match "editing one file re-parses one TU" "\(1 parsed, 1 reused" "$err"
rm -f build/loopcheck.db*
err=$("$LOOPCHECK" check -p build --rules rules.rules 2>&1 >/dev/null)
expect_match "deleting the cache is safe" "\(2 parsed, 0 reused" "$err"

# --- formats, --fail-on, file restriction, -o ----------------------------------
"$LOOPCHECK" check -p build --rules rules.rules --format json -o "$WORK/out.json" 2>/dev/null
expect_status "json run" 1 $?
count=$(jq '[.findings[] | select(.suppressed | not)] | length' "$WORK/out.json" 2>&1)
[ "$count" = "2" ] && pass "json has 2 unsuppressed findings" || fail "json findings: $count"
chain=$(jq -r '.findings[] | select(.rule == "blocking-call" and (.message | test("fsync"))) | .chain | length' "$WORK/out.json")
[ "$chain" = "3" ] && pass "json chain has 3 steps" || fail "json chain length: $chain"
"$LOOPCHECK" check -p build --rules rules.rules --format sarif -o "$WORK/out.sarif" 2>/dev/null
version=$(jq -r '.version' "$WORK/out.sarif")
[ "$version" = "2.1.0" ] && pass "sarif version" || fail "sarif version: $version"
results=$(jq '.runs[0].results | length' "$WORK/out.sarif")
[ "$results" = "3" ] && pass "sarif has 3 results (one suppressed)" || fail "sarif results: $results"
suppressed=$(jq '[.runs[0].results[] | select(.suppressions)] | length' "$WORK/out.sarif")
[ "$suppressed" = "1" ] && pass "sarif suppression" || fail "sarif suppressions: $suppressed"
flow=$(jq '[.runs[0].results[] | select(.message.text | test("fsync"))][0].codeFlows[0].threadFlows[0].locations | length' "$WORK/out.sarif")
[ "$flow" = "3" ] && pass "sarif codeFlow has the chain" || fail "sarif codeFlow: $flow"
out=$("$LOOPCHECK" check -p build --rules rules.rules --fail-on none 2>/dev/null); expect_status "--fail-on none" 0 $?
out=$("$LOOPCHECK" check -p build --rules rules.rules --fail-on error 2>/dev/null); expect_status "--fail-on error" 0 $?
out=$("$LOOPCHECK" check -p build --rules rules.rules --checks=-blocking-call 2>/dev/null)
expect_status "--checks=-blocking-call: the only check with findings is off" 0 $? "$out"
out=$("$LOOPCHECK" check -p build --rules rules.rules 2>/dev/null)
expect_status "all checks again (stored results of the other selection not reused)" 1 $? "$out"
out=$("$LOOPCHECK" check -p build --rules rules.rules --checks '-*,blocking-*' 2>/dev/null)
expect_status "--checks '-*,blocking-*'" 1 $? "$out"
expect_match "--checks '-*,blocking-*' finds fsync" "state.c:6:5: warning: 'fsync'" "$out"
out=$("$LOOPCHECK" check -p build --rules rules.rules --checks 'blocking-call,nope' 2>&1); expect_status "--checks naming no check" 2 $? "$out"
expect_match "--checks names the bad entry" "^loopcheck check: --checks: no check matches: nope$" "$out"
out=$("$LOOPCHECK" check -p build --rules rules.rules src/server.c 2>/dev/null); expect_status "FILE restriction" 1 $?
expect_no_match "FILE restriction hides other files" "state.c" "$out"
expect_match "FILE restriction keeps its file" "server.c:13" "$out"
out=$("$LOOPCHECK" check -p build --rules rules.rules src/nothere.c 2>&1 >/dev/null); expect_status "FILE not in the database" 2 $? "$out"
expect_match "FILE not in the database named" "nothere.c: not in the compile database" "$out"
out=$("$LOOPCHECK" check -p build --rules rules.rules -o /nonexistent/dir/out.txt 2>&1); expect_status "unwritable -o" 2 $? "$out"

# --- the project's own models: .loopcheck -----------------------------------------
cp rules.rules .loopcheck
out=$("$LOOPCHECK" check -p build 2>&1); expect_status ".loopcheck picked up" 1 $? "$out"
expect_match ".loopcheck registers the callbacks" "state.c:6:5: warning: 'fsync'" "$out"
printf 'callback loop_timer_start arg2 loop\ncallback broken\n' > .loopcheck
out=$("$LOOPCHECK" check -p build 2>&1); expect_status "a broken .loopcheck" 2 $? "$out"
expect_match "broken .loopcheck at file:line" "\.loopcheck:2: " "$out"
rm -f .loopcheck
out=$("$LOOPCHECK" check -p build 2>&1); expect_status "no .loopcheck, no --rules: no entry points" 0 $? "$out"

# --- bad input ------------------------------------------------------------------
out=$("$LOOPCHECK" check -p "$WORK/nowhere" 2>&1); expect_status "missing build dir" 2 $? "$out"
expect_match "missing build dir named" "nowhere" "$out"
mkdir -p "$WORK/empty"
out=$("$LOOPCHECK" check -p "$WORK/empty" 2>&1); expect_status "no compile_commands.json" 2 $? "$out"
expect_match "no compile_commands.json named" "compile_commands.json" "$out"
mkdir -p "$WORK/malformed" && echo '[{"directory": "/tmp", "file": ' > "$WORK/malformed/compile_commands.json"
out=$("$LOOPCHECK" check -p "$WORK/malformed" 2>&1); expect_status "malformed compile_commands.json" 2 $? "$out"
[ "$(wc -l <<<"$out")" -le 2 ] && pass "malformed: short error" || fail "malformed: long error" "$out"

write_compdb "$P" src/server.c src/state.c src/missing.c
out=$("$LOOPCHECK" check -p build --rules rules.rules 2>&1); expect_status "a listed file is missing" 2 $? "$out"
expect_match "missing file named" "missing.c" "$out"
expect_match "the rest still analysed" "state.c:6:5: warning" "$out"

write_compdb "$P" src/server.c src/state.c /dev/zero
out=$(timeout 60 "$LOOPCHECK" check -p build --rules rules.rules 2>&1); expect_status "a TU that is an endless device" 2 $? "$out"
expect_match "endless TU named" "^/dev/zero: error" "$out"
expect_match "the rest still analysed (endless TU)" "state.c:6:5: warning" "$out"

printf 'void broken(void) { int x = ; }\n' > src/broken.c
write_compdb "$P" src/server.c src/state.c src/broken.c
out=$("$LOOPCHECK" check -p build --rules rules.rules 2>&1); expect_status "a TU with a syntax error" 2 $? "$out"
expect_match "syntax error at file:line:col" "broken.c:1:[0-9]+: error" "$out"
expect_match "the rest still analysed (syntax error)" "state.c:6:5: warning" "$out"
out=$("$LOOPCHECK" check -p build --rules rules.rules 2>&1); expect_status "a cached failure still fails" 2 $? "$out"
expect_match "cached failure still reported" "broken.c:1:[0-9]+: error" "$out"
write_compdb "$P" src/server.c src/state.c

printf 'callback loop_timer_start argX loop\nblocking\n' > "$WORK/bad.rules"
out=$("$LOOPCHECK" check -p build --rules rules.rules --rules "$WORK/bad.rules" 2>&1); expect_status "a rules file with errors" 2 $? "$out"
expect_match "rules error at file:line" "bad.rules:1: " "$out"
expect_match "second rules error" "bad.rules:2: " "$out"
expect_match "the rest still analysed (rules)" "state.c:6:5: warning" "$out"
out=$("$LOOPCHECK" check -p build --rules "$WORK/none.rules" 2>&1); expect_status "a missing rules file" 2 $? "$out"
expect_match "missing rules file named" "none.rules" "$out"
out=$(timeout 60 "$LOOPCHECK" check -p build --rules rules.rules --rules /dev/zero 2>&1); expect_status "an endless rules file" 2 $? "$out"
expect_match "endless rules file named" "^/dev/zero: cannot read" "$out"
expect_match "the rest still analysed (endless rules file)" "state.c:6:5: warning" "$out"

out=$("$LOOPCHECK" check -p build --db "" 2>&1); expect_status "an empty database name" 2 $? "$out"
expect_match "empty database name said" "'': not a database file name" "$out"
[ "$(wc -l <<<"$out")" -eq 1 ] && pass "empty database name: one line" || fail "empty database name: not one line" "$out"
echo "not a database at all" > "$WORK/garbage.db"
out=$("$LOOPCHECK" check -p build --db "$WORK/garbage.db" 2>&1); expect_status "a corrupt database" 2 $? "$out"
expect_match "corrupt database named" "garbage.db" "$out"
[ "$(cat "$WORK/garbage.db")" = "not a database at all" ] && pass "corrupt database left alone" || fail "corrupt database overwritten"
sqlite3 "$WORK/other.db" "CREATE TABLE precious(x); INSERT INTO precious VALUES (42);"
out=$("$LOOPCHECK" check -p build --db "$WORK/other.db" 2>&1); expect_status "someone else's database" 2 $? "$out"
[ "$(sqlite3 "$WORK/other.db" 'SELECT x FROM precious')" = "42" ] && pass "someone else's database intact" || fail "someone else's database changed"
chmod 000 "$WORK/garbage.db"
if [ "$(id -u)" -ne 0 ]; then
  out=$("$LOOPCHECK" check -p build --db "$WORK/garbage.db" 2>&1); expect_status "an unreadable database" 2 $? "$out"
fi
"$LOOPCHECK" check -p build --rules rules.rules >/dev/null 2>&1
(echo "BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lockme(x);"; sleep 9) | sqlite3 build/loopcheck.db &
locker=$!
sleep 1
out=$(timeout 60 "$LOOPCHECK" check -p build --rules rules.rules 2>&1); expect_status "a locked database" 2 $? "$out"
expect_match "locked database said" "locked" "$out"
kill $locker 2>/dev/null; wait $locker 2>/dev/null
sqlite3 build/loopcheck.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp build/loopcheck.db "$WORK/huge-id.db"
sqlite3 "$WORK/huge-id.db" "UPDATE symbol SET id = 9223372036854775807 WHERE id = (SELECT max(id) FROM symbol)"
: > "$WORK/empty.rules"   # another rules set: the stored results are not reused, the program is loaded
out=$("$LOOPCHECK" check -p build --rules rules.rules --rules "$WORK/empty.rules" --db "$WORK/huge-id.db" 2>&1); expect_status "a database with an impossible row id" 2 $? "$out"
expect_match "impossible row id said" "corrupt database: .*FROM symbol' gives 9223372036854775807" "$out"

expect_summary
