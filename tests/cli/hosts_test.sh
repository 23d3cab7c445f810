#!/usr/bin/env bash
# End-to-end test of where a CMake build's libraries run (program_hosts.c):
# a server executable compiles proto.c itself, which a client library also
# builds; the client library's thread, which no program of the build
# starts (the server never links the library), calls proto_process too.
# Its writes of proto_bytes never meet the server loop's: another process.
# A plugin library that calls the server's own server_count runs in the
# server: its thread's writes of server_hits race with the loop's.  And the
# server's own worker races with its loop over server_total.
# Usage: hosts_test.sh LOOPCHECK_BINARY
set -u
LOOPCHECK=$(realpath "$1")
WORK=$(mktemp -d /tmp/loopcheck-hosts-XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/expect.sh"

P=$WORK/project
mkdir -p "$P/src" "$P/lib" "$P/plugin" "$P/build"
cat > "$P/lib/proto.h" <<'C'
void proto_process(int n);
int loop_timer_start(void (*cb)(void), unsigned long ms);
void server_count(void);
C
cat > "$P/lib/proto.c" <<'C'
#include "proto.h"
int proto_bytes;
void proto_process(int n)
{
    proto_bytes += n;
}
C
cat > "$P/lib/client.c" <<'C'
#include <pthread.h>
#include "proto.h"
static void *client_thread(void *arg)
{
    (void)arg;
    proto_process(1);
    return 0;
}
int client_start(void)
{
    pthread_t t;
    return pthread_create(&t, 0, client_thread, 0);
}
C
cat > "$P/src/server.c" <<'C'
#include <pthread.h>
#include "proto.h"
int server_total;
int server_hits;
void server_count(void)
{
    server_hits++;
}
static void *server_worker(void *arg)
{
    (void)arg;
    server_total++;
    return 0;
}
static void on_tick(void)
{
    proto_process(2);
    server_total++;
    server_count();
}
int main(void)
{
    pthread_t t;
    pthread_create(&t, 0, server_worker, 0);
    loop_timer_start(on_tick, 100);
    return 0;
}
C
cat > "$P/plugin/plug.c" <<'C'
#include <pthread.h>
#include "../lib/proto.h"
static void *plug_thread(void *arg)
{
    (void)arg;
    server_count();
    return 0;
}
int plug_start(void)
{
    pthread_t t;
    return pthread_create(&t, 0, plug_thread, 0);
}
C
printf 'callback loop_timer_start arg1 loop\n' > "$P/rules.rules"
# target:source pairs; proto.c is built for the client library first, then
# (with the broker's own macros, as mosquitto does) for the server.
command() {   # TARGET SOURCE
  printf '{"directory": "%s/build", "file": "%s/%s", "arguments": ["cc", "-c", "%s/%s", "-I%s/lib", "-o", "CMakeFiles/%s.dir/%s.o"]}' \
    "$P" "$P" "$2" "$P" "$2" "$P" "$1" "$(basename "$2")"
}
{
  printf '[%s,\n' "$(command client lib/proto.c)"
  printf '%s,\n' "$(command client lib/client.c)"
  printf '%s,\n' "$(command server src/server.c)"
  printf '%s,\n' "$(command server lib/proto.c)"
  printf '%s]\n' "$(command plug plugin/plug.c)"
} > "$P/build/compile_commands.json"
cd "$P"
"$LOOPCHECK" check -p build --db "$WORK/lc.db" --rules rules.rules --format text --fail-on none >"$WORK/out.txt" 2>&1
status=$?
out=$(cat "$WORK/out.txt")
expect_status "check runs" 0 "$status" "$out"
expect_match "the server's worker races with its loop" "'server_total'.*unlocked-shared-state|unlocked-shared-state.*'server_total'" "$out"
expect_match "the plugin's thread runs in the server and races with its loop" \
  "'server_hits'.*plug_thread|plug_thread.*'server_hits'" "$out"
expect_no_match "the client library's thread never runs in the server" "'proto_bytes'" "$out"

# `loopcheck explain` names the programs: the client library is one of its
# own, the plugin runs in the server, the shared file in both.
explain() { "$LOOPCHECK" explain -p build --db "$WORK/lc.db" --rules rules.rules "$1" 2>&1; }
expect_match "explain: the client's thread runs in the client library's program" "^  programs: client$" \
  "$(explain client_thread)"
expect_match "explain: the plugin's thread runs in the server" "^  programs: server$" "$(explain plug_thread)"
expect_match "explain: the shared file runs in both" "^  programs: server, client \(all of the build's\)$" \
  "$(explain proto_process)"

# Five executables building the same sources: a function all of them run
# is said to run in all five, not listed.
mkdir -p "$P/five"
{
  printf '['
  for tool in 1 2 3 4 5; do
    [ "$tool" = 1 ] || printf ',\n'
    printf '%s,\n%s' "$(command "tool$tool" src/server.c)" "$(command "tool$tool" lib/proto.c)"
  done
  printf ']\n'
} > "$P/five/compile_commands.json"
expect_match "explain: all five programs counted" "^  programs: all 5 of the build's$" \
  "$("$LOOPCHECK" explain -p five --db "$WORK/five.db" --rules rules.rules proto_process 2>&1)"
expect_summary
