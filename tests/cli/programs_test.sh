#!/usr/bin/env bash
# End-to-end test of telling programs apart in a make-style compile
# database (no CMake target in the object paths): a server and a benchmark
# share dict.c, whose replace calls the destructor of the dict's type;
# only the server links engine.c, whose destructor blocks.  The benchmark's
# loop callback reaches dict_replace in fewer calls than the server's, but
# the blocking call's chain must start in the server: the benchmark never
# runs engine_dispose.
# Usage: programs_test.sh LOOPCHECK_BINARY
set -u
LOOPCHECK=$(realpath "$1")
WORK=$(mktemp -d /tmp/loopcheck-programs-XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/expect.sh"

P=$WORK/project
mkdir -p "$P/src"
cat > "$P/src/dict.h" <<'C'
struct dict_type { void (*destroy)(void *value); };
struct dict { const struct dict_type *type; void *value; };
void dict_replace(struct dict *d, void *value);
int loop_timer_start(void (*cb)(void), unsigned long ms);
C
cat > "$P/src/dict.c" <<'C'
#include "dict.h"
void dict_replace(struct dict *d, void *value)
{
    if (d->value && d->type->destroy)
        d->type->destroy(d->value);
    d->value = value;
}
C
cat > "$P/src/engine.c" <<'C'
#include <unistd.h>
#include "dict.h"
static void engine_dispose(void *value)
{
    (void)value;
    fsync(3);
}
const struct dict_type engine_type = { engine_dispose };
C
cat > "$P/src/server.c" <<'C'
#include "dict.h"
extern const struct dict_type engine_type;
static struct dict engines = { &engine_type, 0 };
static int slots[4];
static void server_step(void)
{
    dict_replace(&engines, &slots[0]);
}
static void on_server_tick(void)
{
    server_step();
}
int main(void)
{
    loop_timer_start(on_server_tick, 100);
    return 0;
}
C
cat > "$P/src/bench.c" <<'C'
#include "dict.h"
static struct dict results;
static int counts[4];
static void on_bench_read(void)
{
    dict_replace(&results, &counts[0]);
}
int main(void)
{
    loop_timer_start(on_bench_read, 100);
    return 0;
}
C
printf 'callback loop_timer_start arg1 loop\n' > "$P/rules.rules"
{
  printf '['
  sep=''
  for f in dict engine server bench; do
    printf '%s{"directory": "%s/src", "file": "%s.c", "arguments": ["cc", "-c", "%s.c", "-o", "%s.o"]}' \
      "$sep" "$P" "$f" "$f" "$f"
    sep=', '
  done
  printf ']\n'
} > "$P/compile_commands.json"
cd "$P"
"$LOOPCHECK" check -p . --db "$WORK/lc.db" --rules rules.rules --format text --fail-on none >"$WORK/out.txt" 2>&1
status=$?
out=$(cat "$WORK/out.txt")
expect_status "check runs" 0 "$status" "$out"
expect_match "the blocking call in engine.c is found" "engine.c:6:.*blocking-call" "$out"
expect_match "its chain starts at the server's callback" "on_server_tick" "$out"
expect_no_match "no chain starts in the benchmark, which never links engine.c" "on_bench_read" "$out"
expect_summary
