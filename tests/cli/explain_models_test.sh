#!/usr/bin/env bash
# End-to-end tests of `loopcheck explain` and `loopcheck models`: a small
# project made in a temporary directory (a loop callback that blocks two
# calls down, work offloaded to a pool, two static functions of one name,
# annotate statements, functions that never return),
# the explanations of its functions, what the shipped models and a --rules
# file say, the exit statuses and the usage errors.
# Usage: explain_models_test.sh LOOPCHECK_BINARY  (with LOOPCHECK_RULES_DIR
# naming the shipped rules directory)
set -u
LOOPCHECK=$(realpath "$1")
WORK=$(mktemp -d /tmp/loopcheck-explain-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/expect.sh"

# --- the project ----------------------------------------------------------
make_project() {
  local dir=$1
  mkdir -p "$dir/src" "$dir/build"
  cat > "$dir/src/loop.h" <<'C'
typedef struct timer timer_t_;
typedef void (*timer_cb)(timer_t_ *t);
typedef void (*job_cb)(void *arg);
int loop_timer_start(timer_t_ *t, timer_cb cb, unsigned long ms);
int loop_queue_work(job_cb work, job_cb done);
int legacy_write(const char *text, job_cb done);
void journal_flush(int fd);
void twin_a(void);
void twin_b(void);
__attribute__((annotate("loopcheck:blocking"))) void slow_path(void);
C
  cat > "$dir/src/server.c" <<'C'
#include <unistd.h>
#include "loop.h"

static void on_tick(timer_t_ *t)
{
    (void)t;
    journal_flush(3);
}

static void compact(void *arg)
{
    (void)arg;
    journal_flush(4);
}

static void compact_done(void *arg)
{
    legacy_write("compacted", compact_done);
    (void)arg;
}

static void on_idle(timer_t_ *t)
{
    (void)t;
    loop_queue_work(compact, compact_done);
}

int main(void)
{
    static timer_t_ *t;
    loop_timer_start(t, on_tick, 100);
    loop_timer_start(t, on_idle, 100);
    twin_a();
    twin_b();
    return 0;
}
C
  cat > "$dir/src/journal.c" <<'C'
#include <unistd.h>
#include "loop.h"

static void sync_disk(int fd)
{
    fsync(fd);
}

void journal_flush(int fd)
{
    sync_disk(fd);
}
C
  cat > "$dir/src/twin_a.c" <<'C'
#include "loop.h"
static int helper(void) { return 1; }
void twin_a(void) { helper(); }
__attribute__((annotate("loopcheck:async"))) void on_signal(void) { slow_path(); }
C
  cat > "$dir/src/twin_b.c" <<'C'
#include "loop.h"

static int helper(void) { return 2; }
void twin_b(void) { helper(); }
C
  cat > "$dir/src/panic.c" <<'C'
#include <unistd.h>
void die(const char *why) __attribute__((noreturn));
void die(const char *why) { (void)why; _exit(1); }
static void dump_state(void) { fsync(5); }
void fatal_config(void) { die("config"); }
__attribute__((annotate("loopcheck:async"))) void on_check(int bad)
{
    if (bad) {
        dump_state();
        die("bad state");
    }
}
int verify(int fd, const char *given)
{
    fsync(fd);
    if (given)
        return 0;
    _exit(2);
}
__attribute__((annotate("loopcheck:async"))) void on_verify(int fd) { verify(fd, 0); }
C
  cat > "$dir/src/items.c" <<'C'
struct item { struct item *next; int key; };
struct bag { struct item *first; };
int find_key(const struct bag *bag, int key)
{
    for (struct item *i = bag->first; i; i = i->next)
        if (i->key == key)
            return 1;
    return 0;
}
int count_pairs(const struct bag *bag)
{
    int n = 0;
    for (struct item *a = bag->first; a; a = a->next)
        n += find_key(bag, a->key);
    return n;
}
struct item *skip_empty(struct item *i)
{
    while (i && i->key == 0)
        i = i->next;
    return i;
}
void free(void *p);
__attribute__((annotate("loopcheck:cheap"))) int bag_size(const struct bag *bag)
{
    int n = 0;
    for (struct item *i = bag->first; i; i = i->next)
        n++;
    return n;
}
void bag_free(struct bag *bag)
{
    struct item *i = bag->first;
    while (i) {
        struct item *next = i->next;
        free(i);
        i = next;
    }
    free(bag);
}
C
  cat > "$dir/rules.rules" <<'R'
library testloop offload "loop_queue_work(work, done)"
callback loop_timer_start arg2 loop
callback loop_queue_work arg1 pool
callback loop_queue_work arg2 loop
blocking legacy_write if arg2=null reason "writes the \"journal\" synchronously" instead "pass a callback"
R
  printf 'nonblocking fsync   # local disks only\n' > "$dir/quiet.rules"
  printf 'annotate helper async\nannotate journal_flush nonblocking\n' > "$dir/colors.rules"
  printf 'cheap find_key reason "bags hold a handful of items"\n' > "$dir/cheap.rules"
  printf 'blocking broken\n' > "$dir/bad.rules"
  {
    echo "["
    local first=1
    for f in src/server.c src/journal.c src/twin_a.c src/twin_b.c src/panic.c src/items.c; do
      [ $first -eq 1 ] || echo ","
      first=0
      printf '  {"directory": "%s", "file": "%s", "arguments": ["cc", "-c", "-o", "%s.o", "%s"]}\n' \
        "$dir" "$f" "${f%.c}" "$f"
    done
    echo "]"
  } > "$dir/build/compile_commands.json"
}

P=$WORK/project
make_project "$P"
cd "$P"

# --- explain: help and usage errors --------------------------------------------
out=$("$LOOPCHECK" --help 2>&1); expect_status "--help" 0 $? "$out"
expect_match "--help lists explain" "^  explain " "$out"
expect_match "--help lists models" "^  models " "$out"
out=$("$LOOPCHECK" explain --help 2>&1); expect_status "explain --help" 0 $? "$out"
expect_match "explain --help shows the usage" "loopcheck explain -p BUILD_DIR" "$out"
out=$("$LOOPCHECK" explain on_tick 2>&1); expect_status "explain without -p" 2 $? "$out"
expect_match "missing -p said" "-p BUILD_DIR is required" "$out"
out=$("$LOOPCHECK" explain -p build 2>&1); expect_status "explain without FUNCTION" 2 $? "$out"
out=$("$LOOPCHECK" explain -p build a b 2>&1); expect_status "explain with two FUNCTIONs" 2 $? "$out"
out=$("$LOOPCHECK" explain -p "$WORK/nowhere" on_tick 2>&1); expect_status "explain of a missing build dir" 2 $? "$out"

# --- explain: a loop callback that blocks two calls down ------------------------
out=$("$LOOPCHECK" explain -p build --rules rules.rules on_tick 2>"$WORK/err"); status=$?
expect_status "explain on_tick" 0 $status "$out$(cat "$WORK/err")"
expect_match "where on_tick is" "^on_tick: src/server.c:4:13 \(defined\)$" "$out"
expect_match "on_tick's colors" "^  colors: async, blocking$" "$out"
expect_match "on_tick on the loop" "^  on the event loop: yes, reached from 1 entry point; the shortest chain:$" "$out"
expect_match "the registration" "^    src/server.c:31:5: 'on_tick' is registered as a loop callback with loop_timer_start here" "$out"
expect_match "on_tick not on a worker" "^  on a worker: no" "$out"
expect_match "on_tick may block" "^  may block: yes, through these calls:$" "$out"
expect_match "first blocking step" "^    src/server.c:7:5: 'on_tick' calls 'journal_flush'$" "$out"
expect_match "second blocking step" "^    src/journal.c:11:5: 'journal_flush' calls 'sync_disk'$" "$out"
expect_match "the blocking leaf and its reason" "^    src/journal.c:6:5: 'sync_disk' calls 'fsync', which blocks: waits until the file's data" "$out"
expect_match "on_tick has no model" "^  model: none \(loopcheck follows its body\)$" "$out"
[ -f build/loopcheck.db ] && pass "explain fills the cache" || fail "explain left no cache"
err=$("$LOOPCHECK" check -p build --rules rules.rules 2>&1 >/dev/null)
expect_match "check reuses what explain parsed" "6 TUs \(0 parsed, 6 reused, 0 failed\)" "$err"

# --- explain: offloaded work and a function on both sides -----------------------
out=$("$LOOPCHECK" explain -p build --rules rules.rules compact 2>&1); expect_status "explain compact" 0 $? "$out"
expect_match "compact's colors" "^  colors: worker, blocking$" "$out"
expect_match "compact not on the loop" "^  on the event loop: no" "$out"
expect_match "compact's offload" "^    src/server.c:25:5: compact, registered as a thread-pool work function with loop_queue_work here, so it runs on a worker$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules journal_flush 2>&1); expect_status "explain journal_flush" 0 $? "$out"
expect_match "journal_flush's colors" "^  colors: async, worker, blocking$" "$out"
expect_match "journal_flush from the loop" "^    src/server.c:7:5: 'on_tick' calls 'journal_flush'$" "$out"
expect_match "journal_flush from the worker" "^    src/server.c:13:5: 'compact' calls 'journal_flush'$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules compact_done 2>&1); expect_status "explain compact_done" 0 $? "$out"
expect_match "after-work callback on the loop" "'compact_done' is registered as a loop callback with loop_queue_work here" "$out"
expect_match "a conditional model met by no call" "^  may block: no$" "$out"

# --- explain: annotations ---------------------------------------------------------
out=$("$LOOPCHECK" explain -p build --rules rules.rules on_signal 2>&1); expect_status "explain on_signal" 0 $? "$out"
expect_match "the annotation shown" "^  annotated loopcheck:async$" "$out"
expect_match "an annotated entry point" "^    src/twin_a.c:4:51: 'on_signal' is annotated loopcheck:async: it runs on the event loop$" "$out"
expect_match "an annotated blocking callee" "^    src/twin_a.c:4:69: 'on_signal' calls 'slow_path', which blocks: it is annotated loopcheck:blocking$" "$out"

# --- explain: functions that never return, and what is reached only on the way out ---
out=$("$LOOPCHECK" explain -p build --rules rules.rules die 2>&1); expect_status "explain die" 0 $? "$out"
expect_match "a declared noreturn" "^  never returns: it is declared so \(noreturn, _Noreturn or analyzer_noreturn\); loopcheck does not follow its body$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules fatal_config 2>&1); expect_status "explain fatal_config" 0 $? "$out"
expect_match "never returns through a call" "^  never returns: it calls 'die', which never returns, where the call surely runs:$" "$out"
expect_match "the call that ends it" "^    src/panic.c:5:27: the paths through it end the process here; loopcheck follows no further$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules dump_state 2>&1); expect_status "explain dump_state" 0 $? "$out"
expect_match "only on the way out" "^  on the event loop: no; 'on_check', which runs there, calls it only on the way out of the process:$" "$out"
expect_match "the call on the way out" "^    src/panic.c:9:9: on the way to 'die', which never returns$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules verify 2>&1); expect_status "explain verify" 0 $? "$out"
expect_match "ends the process for its arguments" "^  on the event loop: no; 'on_verify', which runs there, calls it only on the way out of the process:$" "$out"
expect_match "the arguments named" "^    src/panic.c:20:71: its arguments make 'verify' end the process$" "$out"
out=$("$LOOPCHECK" check -p build --rules rules.rules --format json 2>/dev/null)
echo "$out" | grep -q '"file": "[^"]*journal.c"' && pass "the report has the fsync finding" || fail "no finding in journal.c" "$out"
echo "$out" | grep -q '"file": "[^"]*panic.c"' && fail "a finding in panic.c" "$out" || pass "no finding on the way out"

# --- explain: cost levels ---------------------------------------------------------
out=$("$LOOPCHECK" explain -p build --rules rules.rules find_key 2>&1); expect_status "explain find_key" 0 $? "$out"
expect_match "a walk of its list is linear in it" "cost level: 1; linear in parameter 1 \(the rest: level 0\)" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules count_pairs 2>&1); expect_status "explain count_pairs" 0 $? "$out"
expect_match "the bag against itself is level 2" "cost level: 2; linear in parameter 1 \\(the rest: level 1\\)" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules on_tick 2>&1)
expect_match "a callback without loops costs nothing" "cost level: 0$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules skip_empty 2>&1); expect_status "explain skip_empty" 0 $? "$out"
expect_match "a cursor walked on and handed back" \
  "cost level: 1; walks on as a cursor it hands back: parameter 1 \\(the rest: level 0\\)" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules bag_free 2>&1); expect_status "explain bag_free" 0 $? "$out"
expect_match "a walk freeing each item, paid for by the allocations" \
  "cost level: 0; frees parameter 1 whenever it runs" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules --rules cheap.rules find_key 2>&1)
expect_status "explain find_key, cheap" 0 $? "$out"
expect_match "a cheap statement said" \
  "cost level: 1; linear in parameter 1 \\(the rest: level 0\\); a call to it adds nothing and its loops are not reported: cheap at cheap.rules:1$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules bag_size 2>&1); expect_status "explain bag_size" 0 $? "$out"
expect_match "a cheap annotation said" \
  "; a call to it adds nothing and its loops are not reported: annotated loopcheck:cheap$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules --rules cheap.rules count_pairs 2>&1)
expect_match "a call to a cheap function adds nothing" "cost level: 1; linear in parameter 1 \\(the rest: level 0\\)$" "$out"

# --- explain: annotate statements (static functions too) ---------------------------
out=$("$LOOPCHECK" explain -p build --rules rules.rules --rules colors.rules helper 2>&1)
expect_status "explain helper, annotated by a statement" 0 $? "$out"
expect_match "the statement shown" "^  annotated async by colors.rules:1 \(annotate helper async\)$" "$out"
expect_match "a static function made an entry point" "'helper' is annotated async by colors.rules:1 \(annotate helper async\): it runs on the event loop$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules --rules colors.rules on_tick 2>&1)
expect_status "explain on_tick, its callee annotated nonblocking" 0 $? "$out"
expect_match "a nonblocking statement stops the chain" "^  may block: no$" "$out"

# --- explain: library functions, static twins, unknown names --------------------
out=$("$LOOPCHECK" explain -p build --rules rules.rules fsync 2>&1); expect_status "explain fsync" 0 $? "$out"
expect_match "fsync only declared" "^fsync: .*its body is not in the program\)$" "$out"
expect_match "fsync blocks by its model" "^  may block: yes: waits until the file's data and metadata are on the disk" "$out"
expect_match "fsync's model printed" "^    fsync: .*posix.rules:[0-9]+, library libc$" "$out"
expect_match "fsync's statement printed" "^      blocking fsync$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules legacy_write 2>&1); expect_status "explain legacy_write" 0 $? "$out"
expect_match "no call meets the condition" "^  may block: no \(no call of it in the program meets its model's conditions\)$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules helper 2>&1); expect_status "explain helper" 0 $? "$out"
expect_match "first static helper" "^helper: src/twin_a.c:2:12 \(defined\)$" "$out"
expect_match "second static helper" "^helper: src/twin_b.c:3:12 \(defined\)$" "$out"
out=$("$LOOPCHECK" explain -p build --rules rules.rules no_such_function 2>"$WORK/err"); status=$?
expect_status "explain of an unknown name" 2 $status "$(cat "$WORK/err")"
[ -z "$out" ] && pass "nothing on stdout for an unknown name" || fail "stdout for an unknown name" "$out"
[ "$(wc -l <"$WORK/err")" -eq 1 ] && pass "one line for an unknown name" || fail "not one line" "$(cat "$WORK/err")"
expect_match "the unknown name said" "no function named 'no_such_function'" "$(cat "$WORK/err")"
out=$("$LOOPCHECK" explain -p build --rules rules.rules sleep 2>&1); expect_status "explain of a modelled function the program never calls" 2 $? "$out"
expect_match "pointed to models" "no function named 'sleep' in build \('loopcheck models' shows its model\)" "$out"
out=$("$LOOPCHECK" explain -p build --rules quiet.rules on_tick 2>&1); expect_status "explain with fsync made nonblocking" 0 $? "$out"
expect_match "on_tick no longer blocks" "^  may block: no$" "$out"
out=$("$LOOPCHECK" explain -p build --rules bad.rules on_tick 2>&1); expect_status "explain with a bad rules file" 2 $? "$out"
expect_match "the rules error said" "bad.rules:1: blocking broken: missing reason" "$out"

# --- models ---------------------------------------------------------------------------
out=$("$LOOPCHECK" models --help 2>&1); expect_status "models --help" 0 $? "$out"
expect_match "models --help tells the exit status" "1 some NAME has none" "$out"
out=$("$LOOPCHECK" models 2>&1); expect_status "models without NAME" 2 $? "$out"
out=$("$LOOPCHECK" models --list sleep 2>&1); expect_status "models --list with a NAME" 2 $? "$out"
out=$("$LOOPCHECK" models --frobnicate 2>&1); expect_status "models with an unknown option" 2 $? "$out"
out=$("$LOOPCHECK" models sleep 2>&1); expect_status "models sleep" 0 $? "$out"
expect_match "sleep's file and library" "^sleep: .*posix.rules:[0-9]+, library libc$" "$out"
expect_match "sleep's statement" "^  blocking sleep$" "$out"
expect_match "sleep's reason" "^    reason \"suspends the calling thread" "$out"
expect_match "sleep's alternative" "^    instead \"start a one-shot timer" "$out"
expect_match "sleep's library offload" "^  library libc offload \"" "$out"
out=$("$LOOPCHECK" models uv_fs_open recv pthread_mutex_lock qsort uv_async_send 2>&1)
expect_status "models of five names" 0 $? "$out"
expect_match "a callback position" "^  callback uv_fs_open arg6 loop$" "$out"
expect_match "an if condition" "^  blocking uv_fs_open if arg6=null$" "$out"
expect_match "an unless condition" "^  blocking recv( unless [^ ]+)* unless arg4~MSG_DONTWAIT( unless [^ ]+)*$" "$out"
expect_match "a lock" "^  lock pthread_mutex_lock arg1$" "$out"
expect_match "cpu-heavy" "^  cpu-heavy qsort$" "$out"
expect_match "nonblocking" "^  nonblocking uv_async_send$" "$out"
out=$("$LOOPCHECK" models close PQsendQuery 2>&1); expect_status "models of failure results" 0 $? "$out"
expect_match "a failure result" "^  fails close result=-1$" "$out"
expect_match "a failure result as written" "^  fails PQsendQuery result=0$" "$out"
out=$("$LOOPCHECK" models g_dbus_connection_call_sync ev_io.cb 2>&1); expect_status "models of a pattern and a field" 0 $? "$out"
expect_match "a name matched by a pattern" "^g_dbus_connection_call_sync: matches the pattern g_\*_sync \(.*glib.rules:[0-9]+\), library glib$" "$out"
expect_match "a field model" "^  field ev_io.cb loop$" "$out"
out=$("$LOOPCHECK" models sleep memcpy 2>&1); expect_status "a name without a model" 1 $? "$out"
expect_match "no model said" "^memcpy: no model" "$out"
expect_match "the modelled name still printed" "^  blocking sleep$" "$out"
out=$("$LOOPCHECK" models no_struct.cb 2>&1); expect_status "a field without a model" 1 $? "$out"
out=$("$LOOPCHECK" models --rules rules.rules loop_queue_work legacy_write 2>&1)
expect_status "models from --rules" 0 $? "$out"
expect_match "the --rules file named" "^loop_queue_work: rules.rules:3, library testloop$" "$out"
expect_match "a pool callback" "^  callback loop_queue_work arg1 pool$" "$out"
expect_match "the library's offload" "^  library testloop offload \"loop_queue_work\(work, done\)\"$" "$out"
expect_match "quotes escaped as in the rules syntax" "^    reason \"writes the \\\\\"journal\\\\\" synchronously\"$" "$out"
out=$("$LOOPCHECK" models --rules quiet.rules fsync 2>&1); expect_status "models with an override" 0 $? "$out"
expect_match "the override wins" "^  nonblocking fsync$" "$out"
expect_no_match "the overridden entry is gone" "^  blocking fsync" "$out"
out=$("$LOOPCHECK" models --rules bad.rules sleep 2>&1); expect_status "models with a bad rules file" 2 $? "$out"
expect_match "the rules error said by models" "bad.rules:1: blocking broken: missing reason" "$out"
out=$("$LOOPCHECK" models --rules "$WORK/nothere.rules" sleep 2>&1); expect_status "models with a missing rules file" 2 $? "$out"
out=$("$LOOPCHECK" models --list 2>&1); expect_status "models --list" 0 $? "$out"
expect_match "a listed blocking function" "^sleep +libc +blocking$" "$out"
expect_match "a listed pattern" "^g_\*_sync +glib +blocking$" "$out"
expect_match "a listed field" "^ev_io.cb +libev +field$" "$out"
expect_match "a listed registration and blocking function" "^uv_fs_open +libuv +blocking, callback$" "$out"
sorted=$(sed 's/ .*//' <<<"$out" | LC_ALL=C sort -c 2>&1) && pass "--list sorted by name" || fail "--list not sorted" "$sorted"

expect_summary
