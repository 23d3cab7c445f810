#!/bin/sh
# fetch_and_build.sh — clone the six real-world projects of README.md at the triaged commits,
# lighttpd, nginx, unbound and tor, the out-of-sample seventh to tenth, and mosquitto, an
# eleventh tried once (untriaged; README.md, eighteenth session), build each with a
# compilation database, write redis's, memcached's, coturn's, libuv's, irssi's, lighttpd's,
# nginx's, unbound's, tor's and mosquitto's .loopcheck, and run loopcheck on all eleven (cold, then again with
# nothing changed). Nothing of the projects is kept in this repository.
# Usage: sh tests/realworld/fetch_and_build.sh [WORK_DIR] [LOOPCHECK_BINARY]   (Debian 12, as root)
set -eu
WORK=${1:-/tmp/rw}
LC=${2:-$(pwd)/build/analyzer/loopcheck}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK"
apt-get install -y bear libevent-dev autoconf automake libncurses-dev bison pkg-config \
    libglib2.0-dev meson ninja-build libssl-dev libutf8proc-dev \
    libmicrohttpd-dev libhiredis-dev libpq-dev libsqlite3-dev libmariadb-dev \
    cmake libpcre2-dev zlib1g-dev >/dev/null

clone() { # clone OWNER/NAME COMMIT
    dir="$WORK/${1#*/}"
    [ -d "$dir" ] || git clone -q "https://github.com/$1" "$dir"
    git -C "$dir" checkout -q "$2"
}
clone redis/redis        4f8cdc2a1ea53e42955af758aabffee67cb455dd
clone memcached/memcached 2d51e364799bc9698bd4b11728ea978cea12da6e
clone tmux/tmux          c1f947a3c5bc72a40c32dead736f84c4628791ec
clone libuv/libuv        6179e7af87413396d5853a1c3722c8b5749336c8
clone irssi/irssi        43f1727ef9fe1cb51d5031ee2dd0e1965217e4cb
clone coturn/coturn      8024aa634eb52ecff80d7fd88ebc444ca1dc9381
clone lighttpd/lighttpd1.4 2ddc51389a139d2b08daf310596c951c1d53dc8d
clone nginx/nginx        3f6f7824d4e2eb1ac37dec76683d525ac0ff521c
clone NLnetLabs/unbound  7fb79b0677a03d6922c29880854e8fdeb271679e
clone torproject/tor     3cb6a690be60fcdab60130402ff88dcfc0657596
clone eclipse/mosquitto  fb9b1153924ae0e2dfb3bcb4266ee5bb49a5c515

(cd "$WORK/redis" && bear -- make -j2 MALLOC=libc BUILD_TLS=no)
(cd "$WORK/memcached" && ./autogen.sh && ./configure && bear -- make -j2)
(cd "$WORK/tmux" && sh autogen.sh && ./configure && bear -- make -j2)
(cd "$WORK/libuv" && cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DLIBUV_BUILD_TESTS=ON)
(cd "$WORK/irssi" && meson setup build -Dwith-perl=no && ninja -C build)
(cd "$WORK/coturn" && cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_BUILD_TYPE=Debug \
    && cmake --build build -j2)
(cd "$WORK/lighttpd1.4" && cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_BUILD_TYPE=Debug \
    && make -C build -j2)
(cd "$WORK/nginx" && ./auto/configure --with-threads --with-http_ssl_module && bear -- make -j2)
(apt-get install -y flex libexpat1-dev >/dev/null && cd "$WORK/unbound" \
    && ./configure --with-libevent && bear -- make -j2)
(cd "$WORK/tor" && sh autogen.sh && ./configure --disable-asciidoc --disable-unittests \
    && bear -- make -j2 src/app/tor)
(apt-get install -y libcjson-dev >/dev/null && cd "$WORK/mosquitto" \
    && cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_BUILD_TYPE=Debug -DDOCUMENTATION=OFF \
       -DWITH_CLIENTS=OFF -DWITH_APPS=OFF && cmake --build build -j2)

# redis's own loop (ae), described once; see README.md
cat > "$WORK/redis/.loopcheck" <<'RULES'
# .loopcheck for redis (src/ae.h, src/bio.c, src/networking.c, src/anet.c)
library ae offload "hand it to a bio thread (bioCreateLazyFreeJob / bioCreateCloseJob / bioCreateFsyncJob) or a forked child (redisFork), and post the result back to the main thread"
# aeCreateFileEvent(eventLoop, fd, mask, proc, clientData): proc runs on the loop, and ae
# calls it as proc(eventLoop, fd, clientData, mask) with the descriptor it watches
callback aeCreateFileEvent arg4 loop descriptor arg2 arg2
# aeCreateTimeEvent(eventLoop, milliseconds, proc, clientData, finalizerProc)
callback aeCreateTimeEvent arg3 loop
callback aeCreateTimeEvent arg5 loop
# beforeSleep / afterSleep run on every turn of the loop
callback aeSetBeforeSleepProc arg2 loop
callback aeSetAfterSleepProc arg2 loop
# bio threads (bioProcessBackgroundJobs) and IO threads (IOThreadMain) are started with
# pthread_create, which posix.rules already models as "callback pthread_create arg3 thread".
# IO threads (IOThreadMain) work only while the loop waits for them: it hands each one its
# share with setIOPendingCount(j, count), then spins until every getIOPendingCount(j) is 0
gated-thread IOThreadMain start setIOPendingCount wait getIOPendingCount
# anetNonBlock(err, fd) -> anetSetBlock: fcntl(fd, F_SETFL, flags) with O_NONBLOCK or-ed into a variable
nonblocking-descriptor anetNonBlock arg2 reason "anetNonBlock sets O_NONBLOCK with fcntl(F_SETFL)"
# anetPipe(fds, read_flags, write_flags) applies the flags with pipe2 / fcntl(F_SETFL)
nonblocking-descriptor anetPipe arg1 if arg2~O_NONBLOCK reason "anetPipe applies O_NONBLOCK to the read end with pipe2 or fcntl(F_SETFL)"
RULES

# memcached's stop-the-world pause, described once; see README.md (unlocked-shared-state, U4)
cat > "$WORK/memcached/.loopcheck" <<'RULES'
# .loopcheck for memcached (thread.c, assoc.c)
# pause_threads(PAUSE_ALL_THREADS) returns once every worker thread is parked on
# worker_hang_lock and the LRU maintainer, LRU crawler, slab rebalancer and storage
# threads are paused; pause_threads(RESUME_ALL_THREADS) lets them all go on. The assoc
# maintenance thread swaps the hash table (assoc_expand) in between.
# (PAUSE_WORKER_THREADS parks the workers only: not a pause of every thread.)
pause-threads pause_threads if arg1~PAUSE_ALL_THREADS
resume-threads pause_threads if arg1~RESUME_ALL_THREADS
RULES

# coturn's own lock API, described once; see README.md (unlocked-shared-state, U13)
cat > "$WORK/coturn/.loopcheck" <<'RULES'
# .loopcheck for coturn (src/server/ns_turn_ioalib.h, src/apps/common/ns_turn_utils.c,
# src/server/ns_turn_maps.c): mutexes wrapped in a struct, locked after a validity check
lock turn_mutex_lock arg1
unlock turn_mutex_unlock arg1
lock ur_string_map_lock arg1
unlock ur_string_map_unlock arg1
sync-type turn_mutex
sync-type _turn_mutex
RULES

# libuv's test runner starts each test, benchmark and helper in a process of its own; see
# README.md (unlocked-shared-state, U1b)
cat > "$WORK/libuv/.loopcheck" <<'RULES'
# .loopcheck for libuv's tests (test/runner.c, test/runner.h): the runner starts
# every test, benchmark and helper in a process of its own
process-main run_test_*
process-main run_benchmark_*
process-main run_helper_*
RULES

# irssi's string-keyed signals and commands, described once; see rules/README.md
# (keyed-callback, keyed-dispatch)
cat > "$WORK/irssi/build/.loopcheck" <<'RULES'
# .loopcheck for irssi (src/core/signals.h, src/core/commands.h, src/core/modules.h,
# src/fe-common/core/keyboard.h): handlers added under a signal name are called by
# an emit of that name; signal ids are those of signal_get_uniq_id's names
keyed-callback signal_add_full key arg3 callback arg4
keyed-callback command_bind_full key arg3 prefix "command " callback arg6
keyed-callback signal_add_full_id key arg3 callback arg4
keyed-callback key_bind key arg1 prefix "key " callback arg5
keyed-id module_get_uniq_id_str key arg2
keyed-dispatch signal_emit key arg1
keyed-dispatch signal_emit_id key arg1
keyed-dispatch signal_continue
RULES

# lighttpd's own loop (fdevent) and its non-blocking wrappers, described once; see README.md
# ("lighttpd (out of sample)")
cat > "$WORK/lighttpd1.4/build/.loopcheck" <<'RULES'
# .loopcheck for lighttpd (src/fdevent.h, src/fdevent.c)
# fdevent_register(ev, fd, handler, ctx): handler runs on the loop, called with ctx
callback fdevent_register arg3 loop
# lighttpd's wrappers that put descriptors in non-blocking mode
nonblocking-descriptor fdevent_fcntl_set_nb arg1 reason "fcntl(fd, F_SETFL, O_NONBLOCK | O_RDWR)"
nonblocking-descriptor fdevent_fcntl_set_nb_cloexec arg1 reason "fcntl(fd, F_SETFL, O_NONBLOCK | O_RDWR)"
nonblocking-descriptor fdevent_fcntl_set_nb_cloexec_sock arg1 reason "SOCK_NONBLOCK or fcntl(fd, F_SETFL, O_NONBLOCK | O_RDWR)"
nonblocking-descriptor fdevent_socket_nb_cloexec result reason "socket() with SOCK_NONBLOCK, or fcntl(F_SETFL, O_NONBLOCK)"
nonblocking-descriptor fdevent_accept_listenfd result reason "accept4() with SOCK_NONBLOCK, or fcntl(F_SETFL, O_NONBLOCK)"
nonblocking-descriptor fdevent_socketpair_nb_cloexec arg4 reason "socketpair() with SOCK_NONBLOCK"
RULES

# nginx's own loop (ngx_event_t handlers) and its thread pool, described once; see README.md
# ("nginx (out of sample)")
cat > "$WORK/nginx/.loopcheck" <<'RULES'
# .loopcheck for nginx (src/event/ngx_event.h, src/core/ngx_thread_pool.h)
# an event's handler runs on the worker process's event loop
field ngx_event_s.handler loop
# a thread-pool task's handler runs on a pool thread; its event (task->event) comes back to the loop
field ngx_thread_task_s.handler pool
# every connection's socket is non-blocking: nginx sets it so when it makes one
# (ngx_nonblocking) and inherits only such sockets from the old binary on an
# upgrade (ls->fd = ngx_atoi(env)); the thread pool's notify eventfd is read
# only when epoll reports it readable
nonblocking-place ngx_connection_s.fd reason "nginx keeps every connection's socket non-blocking"
# nginx's spin lock (src/core/ngx_spinlock.c); ngx_unlock(lock) is the store *(lock) = 0,
# which releases a held lock without a line
lock ngx_spinlock arg1
RULES

# unbound's comm points, timers and tubes over its ub_event layer, and its worker threads'
# own loops, described once; see README.md ("unbound (out of sample)")
cat > "$WORK/unbound/.loopcheck" <<'RULES'
# .loopcheck for unbound (util/ub_event.h, util/netevent.h, util/tube.h, util/net_help.h)
# unbound's event layer over libevent (util/ub_event.c): ub_event_new(base, fd, bits, cb, arg)
# calls cb(fd, bits, arg) on the loop that runs base; ub_signal_new(base, sig, cb, arg) and
# ub_timer_add(ev, base, cb, arg, tv) likewise
callback ub_event_new arg4 loop descriptor arg2 arg1
callback ub_signal_new arg3 loop
callback ub_timer_add arg3 loop
# comm points (util/netevent.h): the callback runs on the loop of the comm_base given, called
# as callback(c, callback_arg, error, repinfo)
callback comm_point_create_udp arg5 loop
callback comm_point_create_udp_ancil arg5 loop
callback comm_point_create_doq arg4 loop
callback comm_point_create_tcp arg13 loop
callback comm_point_create_tcp_out arg3 loop
callback comm_point_create_http_out arg3 loop
callback comm_point_create_local arg4 loop
callback comm_point_create_raw arg4 loop
# comm_timer_create(base, cb, cb_arg), comm_signal_create(base, callback, cb_arg)
callback comm_timer_create arg2 loop
callback comm_signal_create arg2 loop
# the accept handlers a comm_base calls when it runs out of descriptors, and back
callback comm_base_set_slow_accept_handlers arg2 loop
callback comm_base_set_slow_accept_handlers arg3 loop
# tube_setup_bg_listen(tube, base, cb, arg): cb gets each message of the tube on base's loop
callback tube_setup_bg_listen arg3 loop
# each worker thread (daemon.c thread_start -> worker_work) and libunbound's background
# thread (libworker_dobg) run their own comm_base; worker 0 runs in the main thread
runs-loop comm_base_dispatch
runs-loop ub_event_base_dispatch
# fd_set_nonblock(s): fcntl(s, F_SETFL, flag | O_NONBLOCK)
nonblocking-descriptor fd_set_nonblock arg1 reason "fd_set_nonblock sets O_NONBLOCK with fcntl(F_SETFL)"
# lock_basic_*, lock_rw_*, lock_quick_* and ub_thread_create are macros over pthread
# (util/locks.h): nothing to say
RULES

# tor's own loop events and its thread pool, described once; see README.md
# ("tor (out of sample)")
cat > "$WORK/tor/.loopcheck" <<'RULES'
# .loopcheck for tor (src/lib/evloop/compat_libevent.h, timers.h, procmon.h, workqueue.h,
# src/core/mainloop/cpuworker.h, periodic.h, src/lib/process/process.h,
# src/lib/pubsub/pubsub_connect.h, src/lib/thread/threads.h, src/lib/lock/compat_mutex.h,
# src/lib/net/socket.h). tor_event_new, tor_evtimer_new, tor_evsignal_new and
# tor_evdns_add_server_port are macros for libevent's calls, which libevent.rules models.
library tor-workqueue offload "cpuworker_queue_work(priority, fn, reply_fn, arg): fn runs on a cpuworker thread, reply_fn back on the main loop"
# the main loop's own events: mainloop_event_new(cb, userdata), mainloop_event_postloop_new(cb, userdata)
callback mainloop_event_new arg1 loop
callback mainloop_event_postloop_new arg1 loop
# periodic_timer_new(base, tv, cb, data)
callback periodic_timer_new arg3 loop
# timer_new(cb, arg), timer_set_cb(t, cb, arg): the timing wheel run from a libevent event
callback timer_new arg1 loop
callback timer_set_cb arg2 loop
# periodic events: the item's fn runs on the main loop (through its mainloop_event_t)
field periodic_event_item_t.fn loop
# tor_process_monitor_new(base, spec, domain, cb, cb_arg, msg)
callback tor_process_monitor_new arg4 loop
# child processes (managed proxies): output and exit callbacks run on the main loop
callback process_set_stdout_read_callback arg2 loop
callback process_set_stderr_read_callback arg2 loop
callback process_set_exit_callback arg2 loop
# publish/subscribe: a subscriber's recv_fn runs when the main loop flushes the channel
callback pubsub_add_sub_ arg2 loop
# the thread pool: fn runs on a worker thread, reply_fn back on the main loop
# threadpool_queue_work_priority(pool, prio, fn, reply_fn, arg)
callback threadpool_queue_work_priority arg3 pool
callback threadpool_queue_work_priority arg4 loop
# threadpool_queue_work(pool, fn, reply_fn, arg)
callback threadpool_queue_work arg2 pool
callback threadpool_queue_work arg3 loop
# threadpool_queue_update(pool, dup_fn, fn, free_fn, arg): fn runs once on every worker
callback threadpool_queue_update arg3 pool
# threadpool_register_reply_event(tp, cb): cb runs on the main loop after the replies
callback threadpool_register_reply_event arg2 loop
# cpuworker_queue_work(priority, fn, reply_fn, arg)
callback cpuworker_queue_work arg2 pool
callback cpuworker_queue_work arg3 loop
# spawn_func(func, data): func runs on a new thread
callback spawn_func arg1 thread
# tor's locks and synchronisation objects
lock tor_mutex_acquire arg1
unlock tor_mutex_release arg1
sync-type tor_mutex_t
sync-type tor_cond_t
sync-type atomic_counter_t
sync-type tor_threadlocal_t
# tor's sockets made non-blocking
nonblocking-descriptor set_socket_nonblocking arg1 reason "fcntl(F_SETFL, O_NONBLOCK)"
nonblocking-descriptor tor_open_socket_nonblocking result reason "socket() with SOCK_NONBLOCK, or set_socket_nonblocking"
nonblocking-descriptor tor_accept_socket_nonblocking result reason "accept4() with SOCK_NONBLOCK, or set_socket_nonblocking"
nonblocking-descriptor tor_open_socket_with_extensions result if arg5~1 reason "nonblock = 1: SOCK_NONBLOCK, or set_socket_nonblocking"
nonblocking-descriptor tor_accept_socket_with_extensions result if arg5~1 reason "nonblock = 1: accept4() with SOCK_NONBLOCK, or set_socket_nonblocking"
# in_main_thread() is true only on the thread that runs tor's main loop (added after the
# out-of-sample triage, with the statement; see README.md "tor (out of sample)")
loop-thread-test in_main_thread
# tor_bug_occurred_() reports a state tor says can't happen (util_bug.h's
# tor_assert_nonfatal_unreached(), BUG()): a branch ending with it never runs (added
# after the triage, with the access facts it needs; see README.md "tor (out of sample)")
terminates tor_bug_occurred_
RULES

# mosquitto, an eleventh project tried once (eighteenth session; see README.md): its broker runs
# an epoll loop of its own, which registers nothing; these are the pieces of one turn
cat > "$WORK/mosquitto/build/.loopcheck" <<'RULES'
# .loopcheck for mosquitto (src/loop.c, src/mux_epoll.c)
annotate loop_handle_reads_writes async
annotate queue_plugin_msgs async
annotate context__free_disused async
annotate sys_tree__update async
annotate keepalive__check async
annotate bridge_check async
annotate session_expiry__check async
annotate will_delay__check async
annotate persist__backup async
RULES

run() { # run NAME BUILD_DIR
    rm -f "$2/loopcheck.db"
    /usr/bin/time -f "$1 cold %e s" "$LC" check -p "$2" --format json -o "$WORK/$1.json" --fail-on none
    /usr/bin/time -f "$1 no-change %e s" "$LC" check -p "$2" --format text -o "$WORK/$1.txt" --fail-on none
    sqlite3 "$2/loopcheck.db" "SELECT '$1 loops', count(*) FROM loop; SELECT '$1 accesses', count(*) FROM access; SELECT '$1 held locks', count(*) FROM held_lock"
}
run redis "$WORK/redis"
run memcached "$WORK/memcached"
run tmux "$WORK/tmux"
run libuv "$WORK/libuv/build"
run irssi "$WORK/irssi/build"
run coturn "$WORK/coturn/build"
run lighttpd "$WORK/lighttpd1.4/build"
run nginx "$WORK/nginx"
run unbound "$WORK/unbound"
run tor "$WORK/tor"
run mosquitto "$WORK/mosquitto/build"
for n in redis memcached tmux libuv irssi coturn lighttpd nginx unbound tor mosquitto; do python3 "$HERE/findings.py" count "$WORK/$n.json"; done
