#!/usr/bin/env bash
# End-to-end tests of sharding: `loopcheck check --shard K/N` extracts one
# slice of the compile database into its own database, `loopcheck merge`
# combines the shards, and a check over the merged database reuses every TU
# and reports byte for byte what a single run reports.  Then the bad-input
# table: malformed or impossible K/N, merging something that is not a
# loopcheck database, a missing shard file.
# Usage: shard_test.sh LOOPCHECK_BINARY
set -u
LOOPCHECK=$(realpath "$1")
WORK=$(mktemp -d /tmp/loopcheck-shard-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/expect.sh"

# --- the project: several entry points reach the same blocking calls, at the
# same depth, so the chain a finding shows depends on a stable order --------
P=$WORK/project
mkdir -p "$P/src" "$P/build"
cat > "$P/src/loop.h" <<'C'
typedef struct timer timer_t_;
typedef void (*timer_cb)(timer_t_ *t);
struct ops { void (*run)(int fd); };
extern struct ops current_ops;
int loop_timer_start(timer_t_ *t, timer_cb cb, unsigned long ms);
int loop_queue_work(void (*job)(int fd), int fd);
void shared_helper(int fd);
void flush_all(int fd);
static inline void pause_a_bit(void) { extern int usleep(unsigned); usleep(10); }
C
for name in a b c; do
  cat > "$P/src/$name.c" <<C
#include "loop.h"
static void on_$name(timer_t_ *t)
{
    (void)t;
    pause_a_bit();
    shared_helper(1);
    current_ops.run(2);
}
void setup_$name(void)
{
    static timer_t_ *t;
    loop_timer_start(t, on_$name, 10);
}
C
done
cat > "$P/src/helper.c" <<'C'
#include <unistd.h>
#include "loop.h"
void shared_helper(int fd)
{
    sleep(1);
    flush_all(fd);
}
C
cat > "$P/src/flush.c" <<'C'
#include <pthread.h>
#include <unistd.h>
#include "loop.h"
static pthread_mutex_t flush_lock = PTHREAD_MUTEX_INITIALIZER;
static int flushes;
static void flush_fast(int fd) { fdatasync(fd); }
struct table { unsigned count, size; };
static void table_grow(struct table *t) { t->size *= 2; }
void table_add(struct table *t) { if (t->count >= t->size) table_grow(t); t->count++; }
struct ops current_ops = { .run = flush_fast };
void flush_all(int fd)
{
    fsync(fd);
    /* loopcheck: ignore[blocking-call] */
    fsync(fd + 1);
    for (int i = 0; i < fd; i++) {
        pthread_mutex_lock(&flush_lock);
        flushes++;
        fsync(i);
        pthread_mutex_unlock(&flush_lock);
    }
}
C
cat > "$P/src/slow.c" <<'C'
#include <unistd.h>
#include "loop.h"
static void flush_slow(int fd) { fsync(fd); }
void install_slow(void) { current_ops.run = flush_slow; }
C
cat > "$P/src/worker.c" <<'C'
#include <unistd.h>
#include "loop.h"
static void job(int fd) { fsync(fd); }
void start_job(void) { loop_queue_work(job, 3); }
C
cat > "$P/src/main.c" <<'C'
#include <unistd.h>
#include "loop.h"
void setup_c(void);
void setup_b(void);
void setup_a(void);
int main(void)
{
    sleep(1);
    setup_c();
    setup_b();
    setup_a();
    return 0;
}
C
cat > "$P/rules.rules" <<'R'
library testloop offload "loop_queue_work(job, arg)"
callback loop_timer_start arg2 loop
callback loop_queue_work arg1 pool
R
# Listed out of path order: a serial run stores them in this order, the
# shards in path order.
SOURCES="main.c c.c b.c a.c helper.c flush.c slow.c worker.c"
{
  echo "["
  first=1
  for f in $SOURCES; do
    [ $first -eq 1 ] || echo ","
    first=0
    printf '  {"directory": "%s", "file": "src/%s", "arguments": ["cc", "-c", "-o", "%s.o", "src/%s"]}\n' "$P" "$f" "${f%.c}" "$f"
  done
  echo "]"
} > "$P/build/compile_commands.json"
TU_COUNT=$(wc -w <<<"$SOURCES")
cd "$P"
run() { "$LOOPCHECK" "$@" --rules rules.rules; }

# --- a single run ---------------------------------------------------------------
run check -p build -j 1 --db "$WORK/single.db" --format json -o "$WORK/single.json" 2>"$WORK/err"
expect_status "single run has findings" 1 $? "$(cat "$WORK/err")"
findings=$(jq '.findings | length' "$WORK/single.json")
[ "$findings" -ge 5 ] && pass "single run: $findings findings" || fail "single run: only $findings findings"

# --- three shards, merged -------------------------------------------------------
total=0
for k in 1 2 3; do
  err=$(run check -p build -j 2 --shard $k/3 --db "$WORK/shard$k.db" 2>&1 >"$WORK/out$k")
  expect_status "shard $k/3" 0 $? "$err"
  expect_match "shard $k/3 summary" "^loopcheck: shard $k/3: [0-9]+ of $TU_COUNT TUs \([0-9]+ parsed, 0 reused, 0 failed\) stored in .*shard$k.db" "$err"
  [ -s "$WORK/out$k" ] && fail "shard $k/3 prints no report" "$(cat "$WORK/out$k")" || pass "shard $k/3 prints no report"
  total=$((total + $(sqlite3 "$WORK/shard$k.db" "SELECT count(*) FROM tu")))
  [ "$(sqlite3 "$WORK/shard$k.db" "SELECT count(*) FROM color")" = "0" ] && pass "shard $k/3 is not linked" \
    || fail "shard $k/3 has colors"
done
[ "$total" -eq "$TU_COUNT" ] && pass "each TU is in exactly one shard" || fail "shards hold $total TUs, not $TU_COUNT"
err=$(run check -p build --shard 2/3 --db "$WORK/shard2.db" 2>&1 >/dev/null)
expect_match "a shard re-run reuses its TUs" "\(0 parsed, [0-9]+ reused" "$err"

err=$("$LOOPCHECK" merge --db "$WORK/merged.db" "$WORK/shard1.db" "$WORK/shard2.db" "$WORK/shard3.db" 2>&1)
expect_status "merge" 0 $? "$err"
expect_match "merge summary" "merged 3 of 3 shards into .*merged.db: $TU_COUNT TUs added, 0 already there" "$err"
run check -p build --db "$WORK/merged.db" --format json -o "$WORK/merged.json" 2>"$WORK/err"
expect_status "check over the merged database" 1 $? "$(cat "$WORK/err")"
expect_match "the merged database reuses every TU" "$TU_COUNT TUs \(0 parsed, $TU_COUNT reused, 0 failed\)" "$(cat "$WORK/err")"
expect_same_file "merged findings are the single run's, byte for byte" "$WORK/single.json" "$WORK/merged.json"

"$LOOPCHECK" merge --db "$WORK/reversed.db" "$WORK/shard3.db" "$WORK/shard1.db" "$WORK/shard2.db" 2>/dev/null
run check -p build --db "$WORK/reversed.db" --format json -o "$WORK/reversed.json" 2>/dev/null
expect_same_file "merging in another order changes nothing" "$WORK/single.json" "$WORK/reversed.json"
run check -p build -j 3 --db "$WORK/parallel.db" --format json -o "$WORK/parallel.json" 2>/dev/null
expect_same_file "a run with -j 3 reports the same" "$WORK/single.json" "$WORK/parallel.json"

rows() { sqlite3 "$1" "SELECT (SELECT count(*) FROM tu) || ' ' || (SELECT count(*) FROM function) || ' '
  || (SELECT count(*) FROM call) || ' ' || (SELECT count(*) FROM call_arg) || ' ' || (SELECT count(*) FROM fp_store)"; }
single_rows=$(rows "$WORK/single.db")
[ "$(rows "$WORK/merged.db")" = "$single_rows" ] && pass "the merged database has the single run's rows ($single_rows)" \
  || fail "merged rows $(rows "$WORK/merged.db"), single run $single_rows"
# Every fact table, every column that is not an id (read from the schema, so
# a new column is compared too), and the ids that matter by natural key.
facts() {
  local table cols
  for table in tu_input function call call_arg fp_store loop access held_lock; do
    cols=$(sqlite3 "$1" "SELECT group_concat(name, ', ') FROM pragma_table_info('$table')
                         WHERE name <> 'id' AND name NOT LIKE '%\_id' ESCAPE '\\'")
    echo "== $table: $cols"
    sqlite3 "$1" "SELECT $cols FROM $table ORDER BY $cols"
  done
  echo "== functions by USR"
  sqlite3 "$1" "SELECT s.usr, f.path, x.line, x.is_definition FROM function x JOIN symbol s ON s.id = x.symbol_id
                JOIN file f ON f.id = x.file_id JOIN tu t ON t.id = x.tu_id JOIN file tf ON tf.id = t.file_id ORDER BY 1, 2, 3, 4"
  echo "== raised limits and full guards by USR"
  sqlite3 "$1" "SELECT s.usr, x.param, v.usr FROM raised_limit x JOIN symbol s ON s.id = x.function_id
                JOIN symbol v ON v.id = x.field_id ORDER BY 1, 2, 3"
  sqlite3 "$1" "SELECT a.usr, c.line, c.full_param, v.usr FROM call c JOIN symbol a ON a.id = c.caller_id
                JOIN symbol v ON v.id = c.full_field_id ORDER BY 1, 2"
  echo "== calls by USR"
  sqlite3 "$1" "SELECT tf.path, a.usr, coalesce(b.usr, ''), f.path, c.line, c.col, (SELECT count(*) FROM call_arg WHERE call_id = c.id)
                FROM call c JOIN symbol a ON a.id = c.caller_id LEFT JOIN symbol b ON b.id = c.callee_id
                JOIN file f ON f.id = c.file_id JOIN tu t ON t.id = c.tu_id JOIN file tf ON tf.id = t.file_id ORDER BY 1, 2, 3, 4, 5, 6"
}
facts "$WORK/single.db" > "$WORK/single.facts"
facts "$WORK/merged.db" > "$WORK/merged.facts"
expect_same_file "the merged database holds the single run's facts, column by column" "$WORK/single.facts" "$WORK/merged.facts"
err=$("$LOOPCHECK" merge --db "$WORK/merged.db" "$WORK/shard2.db" 2>&1)
expect_status "merging a shard again" 0 $? "$err"
expect_match "a TU present twice is kept once" "0 TUs added, [0-9]+ already there" "$err"
[ "$(rows "$WORK/merged.db")" = "$single_rows" ] && pass "nothing duplicated" || fail "rows duplicated: $(rows "$WORK/merged.db")"

echo "/* edited */" >> src/helper.c
err=$(run check -p build --db "$WORK/merged.db" 2>&1 >/dev/null)
expect_match "after an edit the merged database re-parses that TU only" "\(1 parsed, $((TU_COUNT - 1)) reused" "$err"

# --- usage and input errors --------------------------------------------------------
for bad in 4/3 0/3 1/0 3 abc 1/3x /3 1/ -1/3; do
  out=$(run check -p build --shard "$bad" --db "$WORK/bad.db" 2>&1); expect_status "--shard $bad" 2 $? "$out"
done
expect_match "bad --shard explained" "--shard needs K/N" "$out"
out=$(run check -p build --shard 1/2 --db "$WORK/bad.db" src/a.c 2>&1); expect_status "--shard with FILE" 2 $? "$out"
printf 'void broken(void) { int x = ; }\n' > src/broken.c
jq --arg d "$P" '. + [{"directory": $d, "file": "src/broken.c", "arguments": ["cc", "-c", "src/broken.c"]}]' \
  build/compile_commands.json > "$WORK/cc.json" && mkdir -p "$WORK/broken" && cp "$WORK/cc.json" "$WORK/broken/compile_commands.json"
out=$(for k in 1 2; do run check -p "$WORK/broken" --shard $k/2 --db "$WORK/broken$k.db" 2>&1; echo "exit $?"; done)
expect_match "a shard with a TU that fails to parse exits 2" "exit 2" "$out"
expect_match "the parse error is reported" "broken.c:1:[0-9]+: error" "$out"

out=$("$LOOPCHECK" merge --help 2>&1); expect_status "merge --help" 0 $? "$out"
expect_match "merge --help explains shards" "--shard K/N" "$out"
out=$("$LOOPCHECK" merge "$WORK/shard1.db" 2>&1); expect_status "merge without --db" 2 $? "$out"
out=$("$LOOPCHECK" merge --db "$WORK/m.db" 2>&1); expect_status "merge without shards" 2 $? "$out"
out=$("$LOOPCHECK" merge --db "$WORK/m.db" --frobnicate "$WORK/shard1.db" 2>&1); expect_status "merge: unknown option" 2 $? "$out"
out=$("$LOOPCHECK" merge --db "$WORK/m2.db" "$WORK/shard1.db" "$WORK/nothere.db" 2>&1)
expect_status "a missing shard file" 2 $? "$out"
expect_match "the missing shard is named" "nothere.db: No such file" "$out"
expect_match "the other shards still merged" "merged 1 of 2 shards" "$out"
[ ! -e "$WORK/nothere.db" ] && pass "a missing shard is not created" || fail "merge created the missing shard"
echo "not a database at all" > "$WORK/text.db"
out=$("$LOOPCHECK" merge --db "$WORK/m3.db" "$WORK/text.db" 2>&1); expect_status "merging a text file" 2 $? "$out"
expect_match "text file: not a loopcheck database" "text.db: not a loopcheck database" "$out"
sqlite3 "$WORK/other.db" "CREATE TABLE precious(x); INSERT INTO precious VALUES (42);"
out=$("$LOOPCHECK" merge --db "$WORK/m4.db" "$WORK/other.db" 2>&1); expect_status "merging someone else's database" 2 $? "$out"
expect_match "other database: not a loopcheck database" "other.db: not a loopcheck database" "$out"
[ "$(sqlite3 "$WORK/other.db" 'SELECT x FROM precious')" = "42" ] && pass "someone else's database intact" \
  || fail "someone else's database changed"
[ "$(sqlite3 "$WORK/m4.db" 'SELECT count(*) FROM tu')" = "0" ] && pass "a rejected shard adds nothing" \
  || fail "a rejected shard added TUs"
cp "$WORK/shard1.db" "$WORK/old.db" && sqlite3 "$WORK/old.db" "PRAGMA user_version = 1"
out=$("$LOOPCHECK" merge --db "$WORK/m5.db" "$WORK/old.db" 2>&1); expect_status "a shard of another schema version" 2 $? "$out"
expect_match "schema version named" "old.db: schema version 1, expected" "$out"
out=$("$LOOPCHECK" merge --db "$WORK/other.db" "$WORK/shard1.db" 2>&1); expect_status "merging into someone else's database" 2 $? "$out"
out=$("$LOOPCHECK" merge --db "$WORK/merged.db" "$WORK/merged.db" 2>&1); expect_status "merging a database into itself" 2 $? "$out"
(echo "BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lockme(x);"; sleep 9) | sqlite3 "$WORK/merged.db" &
locker=$!
sleep 1
out=$(timeout 60 "$LOOPCHECK" merge --db "$WORK/merged.db" "$WORK/shard1.db" 2>&1); expect_status "merging into a locked database" 2 $? "$out"
expect_match "the locked output is named, not the shard" "merged.db: cannot write it \(database is locked\); .*shard1.db not merged" "$out"
kill $locker 2>/dev/null; wait $locker 2>/dev/null

expect_summary
