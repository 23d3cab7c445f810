/* store_schema.c — the database schema, its version check and rebuild
 * (lc_store_prepare_schema; store_open.c opens the database).
 *
 * Schema (PRAGMA user_version = LC_STORE_SCHEMA_VERSION).  Cached facts,
 * replaced TU by TU:
 *   meta(key, value)                 'tool' = 'loopcheck' marks our databases
 *   file(id, path)                   every file named by a fact (absolute path)
 *   symbol(id, usr, name)            functions, fields, variables by clang USR
 *   tu(id, file_id, directory, args_hash, status 'ok'|'failed', error,
 *      parse_ms, parsed_at, target)  one row per translation unit; target:
 *                                    its CMake target (compdb_target.c), NULL
 *   tu_input(tu_id, file_id, size, mtime_ns, content_hash)
 *                                    fingerprint of each file a TU read
 *   function(tu_id, symbol_id, file_id, line, col, is_definition, is_static,
 *      annotations, param_writes)    declarations and definitions; annotations
 *                                    is a bit set: 1 async, 2 worker,
 *                                    4 blocking, 8 nonblocking; param_writes:
 *                                    bit i when a definition other TUs can
 *                                    call may write through (or keep) its
 *                                    pointer parameter i (all bits: unknown)
 *   call(id, tu_id, caller_id, callee_kind, callee_id, callee_record,
 *      callee_param, file_id, line, col, nargs, loop_id, conditional,
 *      zero_guard_id, after_comma_id, element_args, branch_exit_after,
 *      scaled_args, guard_param, depth_limit, guard_test, guard_value,
 *      unreached, guard_field_id,
 *      changed_param_args, runs, restart_call, loop_only, returned_param,
 *      returned_test, returned_value, nonzero_exit_after, error_return,
 *      fail_guard_before, fail_test, cursor_args, each_round, counter_args,
 *      share, full_param, full_field_id, empty_field_id, unlikely)
 *                                    callee_kind: function (direct call),
 *                                    field, var, param (through a pointer),
 *                                    other (not followed); loop_id: the
 *                                    innermost loop holding it, or NULL;
 *                                    conditional: 1 when it may not run
 *                                    every time its function does;
 *                                    runs: 1 when it runs exactly once
 *                                    each time its function runs to its
 *                                    end, 2 at least once (a retry
 *                                    `do ... while`), 3 at most once (a
 *                                    return before it), 0 otherwise
 *                                    (facts.h lc_call_runs);
 *                                    zero_guard_id: it runs only where that
 *                                    call returned 0 (the child of fork());
 *                                    after_comma_id: it is b() of
 *                                    `(a(), b())`, that call is a();
 *                                    element_args: bit i set when argument
 *                                    i is a field of the element its loop
 *                                    is at (`it->nkey`); cursor_args: the
 *                                    same when argument i is the loop's
 *                                    cursor handed over and taken back
 *                                    (`p = skip(p)`); each_round: with
 *                                    element_args or counter_args, made in every round of
 *                                    that loop; counter_args: the same
 *                                    when argument i is the loop's
 *                                    counter or a local stepped by one
 *                                    there (`f(t, i++)`);
 *                                    branch_exit_after:
 *                                    the call that ends the branch it is
 *                                    in (`{ log(); fatal(); }`) is the one
 *                                    this many ids after it (a later call
 *                                    of its TU: an offset, which a merge
 *                                    keeps, not an id), or before it when
 *                                    negative (a call its `if` condition
 *                                    needs to have returned: `if (BUG(x))`);
 *                                    scaled_args: bit
 *                                    i set when argument i divides or
 *                                    shifts right a variable (`v / 10`);
 *                                    guard_param: 1 + the parameter of
 *                                    its function it runs only where
 *                                    `param guard_test guard_value` holds
 *                                    (`if (conn)`: != 0; `if (idx >= 0)`),
 *                                    0: none; guard_test: 1 ==, 2 !=, 3 <,
 *                                    4 <=, 5 >, 6 >=, 7 `param & value`
 *                                    != 0, 8 `param & value` == 0, plus
 *                                    16 when the parameter or the
 *                                    comparison is unsigned (facts.h
 *                                    lc_param_test); guard_field_id:
 *                                    the field of that (pointer)
 *                                    parameter tested (`if (c->conn)`),
 *                                    NULL: the parameter itself;
 *                                    changed_param_args: bit i set when
 *                                    argument i is a parameter the caller
 *                                    assigns, increments or takes the
 *                                    address of; restart_call: 1 for a
 *                                    self-call restarting its function on
 *                                    a fixed request (facts.h); share:
 *                                    the round's own share of a loop
 *                                    around it, whatever its callee walks
 *                                    (facts.h enum lc_call_share: 1 a
 *                                    message formatted, 2 two keys
 *                                    compared through a function pointer);
 *                                    depth_limit: a self-call made only
 *                                    once a depth counter passed a test
 *                                    against this limit (facts.h), 0:
 *                                    none; full_param, full_field_id:
 *                                    made only where the object given as
 *                                    argument full_param - 1 is full, its
 *                                    count at the limit full_field_id
 *                                    (facts.h full_guard), 0: none;
 *                                    empty_field_id: made only where
 *                                    this count field of an object is 0
 *                                    (facts.h empty_field_usr), NULL:
 *                                    none;
 *                                    unlikely: 1 in a branch the code
 *                                    says is unlikely taken
 *                                    (`__builtin_expect`, facts.h);
 *                                    returned_param/test/value: the test
 *                                    of a parameter (1-based) every return
 *                                    before it ran under, when it runs
 *                                    unless one returned (facts.h
 *                                    returned_guard); nonzero_exit_after:
 *                                    the call (this many ids after it)
 *                                    that ends the branch its caller takes
 *                                    when its result is not 0 (`r = f();
 *                                    assert(r == 0);`); error_return: 1 in
 *                                    a branch returning a non-zero
 *                                    constant (facts.h); fail_guard_before:
 *                                    the call (this many ids before it)
 *                                    whose result the branch it is in
 *                                    tested, fail_test what holds of that
 *                                    result there (facts.h enum
 *                                    lc_result_test: `if (close(fd) ==
 *                                    -1)`); loop_only:
 *                                    1 when it runs only where a
 *                                    `loop-thread-test` returned non-zero
 *                                    (facts.h); unreached:
 *                                    the stretches of its function's text
 *                                    after it that no path from it
 *                                    reaches (facts.h), as
 *                                    "L:C-L:C;L:C-L:C", "?" for a
 *                                    conditional call in a function with
 *                                    a label (not known), else NULL;
 *                                    the few rows with any of these (from
 *                                    zero_guard_id on) are in the partial
 *                                    index call_extra
 *   call_arg(call_id, position, kind, symbol_id, record, param_index,
 *      int_value, text, field_of_param, child_of_param, slot_of_param,
 *      keys, at_most, table_length)
 *                                    arguments (1-based), kind as callee_kind
 *                                    plus null, int and string (a string
 *                                    literal: text is its value between
 *                                    double quotes, as the compiler spells
 *                                    it, even through a macro's body);
 *                                    text otherwise its spelling; field_of_param: 1 +
 *                                    the caller's pointer parameter it is a
 *                                    field of (`p->len`), else 0;
 *                                    child_of_param: 1 + the one it is a
 *                                    child of (`cmd->args`, the element
 *                                    of a loop walking its data), else 0;
 *                                    slot_of_param: 1 + the caller's
 *                                    integer parameter it is a slot at
 *                                    (`&t->values[idx]`), else 0; at_most:
 *                                    the most it can be (an unsigned
 *                                    one-byte value plus a constant,
 *                                    facts.h), else 0; table_length: the
 *                                    length of the fixed table it names
 *                                    (facts.h), else 0; keys:
 *                                    the strings an argument that is no
 *                                    literal is known to be (facts.h
 *                                    lc_arg_key), one a line, each '='
 *                                    and a literal's text (an arm of `c ?
 *                                    "a" : "b"`) or '^' and the text it
 *                                    starts with (a local set only to
 *                                    results of `string-prefix` calls),
 *                                    spelled as a literal's without
 *                                    quotes (arg_keys.h), else NULL
 *   fp_store(tu_id, target_kind, target_id, target_record, value_kind,
 *      value_id, value_record, value_param, function_id, file_id, line, col,
 *      value_call_id, conditional, role, target_param)
 *                                    role 0: function-pointer values, and call
 *                                    results (value_kind 'call':
 *                                    value_call_id), stored into a field or
 *                                    variable; 'null' stored into a
 *                                    function-pointer field; into an int, also fields,
 *                                    variables, parameters and 'other'
 *                                    values; target_kind 'call' is the
 *                                    value function target_id returns;
 *                                    conditional as the call's; role 1:
 *                                    any other value but a constant
 *                                    stored into a pointer to a struct
 *                                    (where objects come from); role 2:
 *                                    function_id returns a local whose
 *                                    field target_id it sets to its
 *                                    parameter value_param (a
 *                                    constructor, facts.h LC_STORE_MADE);
 *                                    role 3: an int made from the value
 *                                    place without being it, an element
 *                                    or a negation (LC_STORE_DERIVED);
 *                                    target_kind 'pointee': what parameter
 *                                    target_param of function target_id
 *                                    points to (`*pair = fd`)
 *   loop(id, tu_id, function_id, kind 'for'|'while'|'do'|'goto', file_id,
 *      line, col, parent_id, depth, bound 'small'|'constant'|'data'|
 *      'unbounded', trip_count, bound_text, source 'input'|'string'|'local'|
 *      'parent'|'amortized'|'wait', bound_param, walked_id, guard_param,
 *      guard_test, guard_value, guard_field_id, bound_name, link_id, loop_only,
 *      drain_name, transfer_name, cursor_params, table_walk, owned_field_id)
 *                                    loop statements; source: what the
 *                                    condition reads (facts.h); walked_id:
 *                                    the global variable whose collection
 *                                    it walks, or NULL; guard_*: the test
 *                                    of a parameter it runs under, as a
 *                                    call's; bound_name: what a DATA
 *                                    bound names (a function it calls,
 *                                    "RECORD.FIELD", a global), for
 *                                    `bounded` models; link_id: the
 *                                    link field it steps a pointer up
 *                                    every round (`oo = oo->parent`), or
 *                                    NULL; drain_name: the function whose
 *                                    non-zero result keeps a DATA loop
 *                                    going, for `drains` models;
 *                                    transfer_name: the function whose
 *                                    result alone moves it on (`at +=
 *                                    r`), for blocking models;
 *                                    cursor_params: bit i, a parameter
 *                                    it walks on as a cursor its
 *                                    function hands back (facts.h);
 *                                    table_walk: 1 when it walks the
 *                                    table bound_param points to, to its
 *                                    sentinel (facts.h); owned_field_id:
 *                                    the pointer field of the enclosing
 *                                    loop's element through which it
 *                                    walks a list, its children if the
 *                                    program frees what that field points
 *                                    to (facts.h), or NULL
 *   access(id, tu_id, function_id, variable_id, kind 'read'|'write', atomic,
 *      file_id, line, col, zero_guarded, via_callee_id, via_argument,
 *      indexed, passed_record_id, loop_only, exit_call_id, error_return)
 *                                    reads and writes of globals and statics;
 *                                    loop_only: made only on the loop's
 *                                    thread, past a `loop-thread-test`;
 *                                    exit_call_id: the call ending the
 *                                    `if` branch it is in (`{ warned = 1;
 *                                    die(); }`): when that never returns,
 *                                    the access is on the way out;
 *                                    indexed: through an element of the
 *                                    variable (`g[i]`), which a striped
 *                                    lock may guard;
 *                                    zero_guarded: a write under a test
 *                                    that the variable is 0 (facts.h);
 *                                    via_callee_id: a write only because
 *                                    the address is passed to that function
 *                                    (defined in another TU) at via_argument;
 *                                    passed_record_id: a write only because
 *                                    the variable, a struct of that type
 *                                    (or an array of them), is passed by
 *                                    address: a read unless some TU writes
 *                                    that type through a pointer
 *   held_lock(tu_id, owner 'call'|'access', owner_id, lock_id)
 *                                    locks held at a call or access; lock_id
 *                                    is the symbol of the lock object (a
 *                                    variable or a struct field)
 *   call_guard(tu_id, call_id, variable_id, equal, value, pointer)
 *                                    a call runs only where the global
 *                                    variable_id equals (equal 1) or
 *                                    differs from (0) value (facts.h);
 *                                    pointer: a pointer tested against
 *                                    NULL (for lazy initialisation only)
 *   written_record(tu_id, record_id) the struct types the TU writes through
 *                                    a pointer, or converts a pointer to
 *                                    into another pointer type (facts.h)
 *   defined_variable(tu_id, symbol_id, table_length) the global variables
 *                                    of external linkage the TU defines
 *                                    (initialised or tentative), so a
 *                                    reference to one links to its TU
 *                                    (program_link.c); table_length: the
 *                                    length of the fixed table it holds (an
 *                                    array, or a pointer initialised to
 *                                    one), else 0 (facts.h)
 *   file_scope_name(tu_id, symbol_id) the global variables and functions
 *                                    of external linkage that the TU's
 *                                    file-scope initialisers name
 *                                    (program_link.c)
 *   raised_limit(tu_id, function_id, param, field_id)
 *                                    a definition of function_id raises
 *                                    field field_id of its pointer
 *                                    parameter param - 1 by a factor
 *                                    (facts.h lc_raised_limit)
 *   counted_field(tu_id, function_id, field_id, in_loop)
 *                                    a definition of function_id counts
 *                                    field field_id up through a pointer
 *                                    (`p->n++`), in a loop's round when
 *                                    in_loop is 1 (facts.h
 *                                    lc_counted_field)
 *   helper_lock(tu_id, function_id, param, lock_id)
 *                                    a definition of function_id holds
 *                                    lock lock_id wherever it uses its
 *                                    pointer parameter param (0-based):
 *                                    a write through it, or a read when
 *                                    it writes through none (facts.h
 *                                    lc_helper_lock)
 *   link_write(tu_id, function_id, field_id, object_kind, object_id,
 *      object_record, object_param, value_kind, value_id, value_record,
 *      value_param, made)
 *                                    `X->F = V` to a link field_id (a
 *                                    field of struct S of type `struct S
 *                                    *`): the object X and the value V,
 *                                    kinds as call_arg's; made: X is a
 *                                    new object function_id returns
 *                                    (NULL at file scope; facts.h
 *                                    lc_link_write_fact)
 * Results of the last analysis, rewritten by every run:
 *   registration(function_id, role 'loop'|'pool'|'thread'|'async'|'worker',
 *      api, file_id, line, col)      entry points and offloaded functions
 *   color(function_id, on_loop, on_worker, blocking, entry_points)
 *   thread_role(function_id, role 'loop'|'pool'|'thread'|'worker',
 *      entry_id)                     the threads a function may run on: the
 *                                    loop, or the offloaded function (entry_id)
 *                                    whose thread reaches it
 *   finding(id, rule, level, file_id, line, col, message, suppressed)
 *   finding_step(finding_id, seq, kind 'chain'|'related', file_id, line, col,
 *      message)
 */
#include "store_internal.h"

#include <string.h>

static const char lc_store_schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE file(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);"
    "CREATE TABLE symbol(id INTEGER PRIMARY KEY, usr TEXT NOT NULL UNIQUE, name TEXT NOT NULL);"
    "CREATE TABLE tu(id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL UNIQUE,"
    "  directory TEXT NOT NULL, args_hash INTEGER NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('ok','failed')), error TEXT,"
    "  parse_ms REAL NOT NULL, parsed_at TEXT NOT NULL, target TEXT);"
    "CREATE TABLE tu_input(tu_id INTEGER NOT NULL, file_id INTEGER NOT NULL,"
    "  size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, content_hash INTEGER NOT NULL,"
    "  PRIMARY KEY (tu_id, file_id)) WITHOUT ROWID;"
    "CREATE TABLE function(tu_id INTEGER NOT NULL, symbol_id INTEGER NOT NULL,"
    "  file_id INTEGER NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,"
    "  is_definition INTEGER NOT NULL, is_static INTEGER NOT NULL, annotations INTEGER NOT NULL,"
    "  param_writes INTEGER NOT NULL);"
    "CREATE INDEX function_tu ON function(tu_id);"
    "CREATE INDEX function_symbol ON function(symbol_id);"
    "CREATE TABLE call(id INTEGER PRIMARY KEY, tu_id INTEGER NOT NULL, caller_id INTEGER NOT NULL,"
    "  callee_kind TEXT NOT NULL, callee_id INTEGER, callee_record TEXT, callee_param INTEGER,"
    "  file_id INTEGER NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL, nargs INTEGER NOT NULL,"
    "  loop_id INTEGER, conditional INTEGER NOT NULL DEFAULT 0, zero_guard_id INTEGER,"
    "  after_comma_id INTEGER, element_args INTEGER NOT NULL DEFAULT 0,"
    "  branch_exit_after INTEGER, scaled_args INTEGER NOT NULL DEFAULT 0,"
    "  guard_param INTEGER NOT NULL DEFAULT 0, depth_limit INTEGER NOT NULL DEFAULT 0,"
    "  guard_test INTEGER NOT NULL DEFAULT 0, guard_value INTEGER NOT NULL DEFAULT 0, unreached TEXT,"
    "  guard_field_id INTEGER, changed_param_args INTEGER NOT NULL DEFAULT 0, runs INTEGER NOT NULL DEFAULT 0,"
    "  restart_call INTEGER NOT NULL DEFAULT 0, loop_only INTEGER NOT NULL DEFAULT 0,"
    "  returned_param INTEGER NOT NULL DEFAULT 0, returned_test INTEGER NOT NULL DEFAULT 0,"
    "  returned_value INTEGER NOT NULL DEFAULT 0, nonzero_exit_after INTEGER,"
    "  error_return INTEGER NOT NULL DEFAULT 0, fail_guard_before INTEGER,"
    "  fail_test INTEGER NOT NULL DEFAULT 0, cursor_args INTEGER NOT NULL DEFAULT 0,"
    "  each_round INTEGER NOT NULL DEFAULT 0, counter_args INTEGER NOT NULL DEFAULT 0,"
    "  share INTEGER NOT NULL DEFAULT 0, full_param INTEGER NOT NULL DEFAULT 0, full_field_id INTEGER,"
    "  empty_field_id INTEGER,"
    "  unlikely INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX call_tu ON call(tu_id);"
    "CREATE INDEX call_caller ON call(caller_id);"
    "CREATE INDEX call_callee ON call(callee_id);"
    "CREATE INDEX call_extra ON call(id) WHERE " LC_STORE_CALL_EXTRA_WHERE ";"
    "CREATE TABLE call_arg(call_id INTEGER NOT NULL, position INTEGER NOT NULL, kind TEXT NOT NULL,"
    "  symbol_id INTEGER, record TEXT, param_index INTEGER, int_value INTEGER, text TEXT,"
    "  field_of_param INTEGER NOT NULL DEFAULT 0, child_of_param INTEGER NOT NULL DEFAULT 0,"
    "  slot_of_param INTEGER NOT NULL DEFAULT 0, keys TEXT, at_most INTEGER NOT NULL DEFAULT 0,"
    "  table_length INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (call_id, position)) WITHOUT ROWID;"
    "CREATE TABLE fp_store(tu_id INTEGER NOT NULL, target_kind TEXT NOT NULL, target_id INTEGER NOT NULL,"
    "  target_record TEXT, value_kind TEXT NOT NULL, value_id INTEGER, value_record TEXT,"
    "  value_param INTEGER, function_id INTEGER, file_id INTEGER NOT NULL,"
    "  line INTEGER NOT NULL, col INTEGER NOT NULL, value_call_id INTEGER,"
    "  conditional INTEGER NOT NULL DEFAULT 0, role INTEGER NOT NULL DEFAULT 0,"
    "  target_param INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX fp_store_tu ON fp_store(tu_id);"
    "CREATE TABLE loop(id INTEGER PRIMARY KEY, tu_id INTEGER NOT NULL, function_id INTEGER NOT NULL,"
    "  kind TEXT NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,"
    "  parent_id INTEGER, depth INTEGER NOT NULL, bound TEXT NOT NULL, trip_count INTEGER NOT NULL,"
    "  bound_text TEXT, source TEXT NOT NULL,"
    "  bound_param INTEGER NOT NULL, walked_id INTEGER, guard_param INTEGER NOT NULL DEFAULT 0,"
    "  guard_test INTEGER NOT NULL DEFAULT 0, guard_value INTEGER NOT NULL DEFAULT 0, guard_field_id INTEGER,"
    "  bound_name TEXT, link_id INTEGER, loop_only INTEGER NOT NULL DEFAULT 0, drain_name TEXT,"
    "  transfer_name TEXT, cursor_params INTEGER NOT NULL DEFAULT 0, table_walk INTEGER NOT NULL DEFAULT 0,"
    "  owned_field_id INTEGER);"
    "CREATE INDEX loop_tu ON loop(tu_id);"
    "CREATE TABLE access(id INTEGER PRIMARY KEY, tu_id INTEGER NOT NULL, function_id INTEGER NOT NULL,"
    "  variable_id INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('read','write')),"
    "  atomic INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,"
    "  zero_guarded INTEGER NOT NULL, via_callee_id INTEGER, via_argument INTEGER,"
    "  indexed INTEGER NOT NULL DEFAULT 0, passed_record_id INTEGER, loop_only INTEGER NOT NULL DEFAULT 0,"
    "  exit_call_id INTEGER, error_return INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX access_tu ON access(tu_id);"
    "CREATE TABLE held_lock(tu_id INTEGER NOT NULL, owner TEXT NOT NULL CHECK (owner IN ('call','access')),"
    "  owner_id INTEGER NOT NULL, lock_id INTEGER NOT NULL);"
    "CREATE INDEX held_lock_tu ON held_lock(tu_id);"
    "CREATE TABLE call_guard(tu_id INTEGER NOT NULL, call_id INTEGER NOT NULL, variable_id INTEGER NOT NULL,"
    "  equal INTEGER NOT NULL, value INTEGER NOT NULL, pointer INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX call_guard_tu ON call_guard(tu_id);"
    "CREATE TABLE written_record(tu_id INTEGER NOT NULL, record_id INTEGER NOT NULL,"
    "  PRIMARY KEY (tu_id, record_id)) WITHOUT ROWID;"
    "CREATE TABLE defined_variable(tu_id INTEGER NOT NULL, symbol_id INTEGER NOT NULL,"
    "  table_length INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (tu_id, symbol_id)) WITHOUT ROWID;"
    "CREATE INDEX defined_variable_symbol ON defined_variable(symbol_id);"
    "CREATE TABLE file_scope_name(tu_id INTEGER NOT NULL, symbol_id INTEGER NOT NULL,"
    "  PRIMARY KEY (tu_id, symbol_id)) WITHOUT ROWID;"
    "CREATE TABLE link_write(tu_id INTEGER NOT NULL, function_id INTEGER, field_id INTEGER NOT NULL,"
    "  object_kind TEXT NOT NULL, object_id INTEGER, object_record TEXT, object_param INTEGER,"
    "  value_kind TEXT NOT NULL, value_id INTEGER, value_record TEXT, value_param INTEGER,"
    "  made INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX link_write_tu ON link_write(tu_id);"
    "CREATE TABLE raised_limit(tu_id INTEGER NOT NULL, function_id INTEGER NOT NULL, param INTEGER NOT NULL,"
    "  field_id INTEGER NOT NULL);"
    "CREATE INDEX raised_limit_tu ON raised_limit(tu_id);"
    "CREATE TABLE counted_field(tu_id INTEGER NOT NULL, function_id INTEGER NOT NULL, field_id INTEGER NOT NULL,"
    "  in_loop INTEGER NOT NULL);"
    "CREATE INDEX counted_field_tu ON counted_field(tu_id);"
    "CREATE TABLE helper_lock(tu_id INTEGER NOT NULL, function_id INTEGER NOT NULL, param INTEGER NOT NULL,"
    "  lock_id INTEGER NOT NULL);"
    "CREATE INDEX helper_lock_tu ON helper_lock(tu_id);"
    "CREATE TABLE registration(function_id INTEGER NOT NULL, role TEXT NOT NULL, api TEXT,"
    "  file_id INTEGER, line INTEGER, col INTEGER);"
    "CREATE TABLE color(function_id INTEGER PRIMARY KEY, on_loop INTEGER NOT NULL,"
    "  on_worker INTEGER NOT NULL, blocking INTEGER NOT NULL, entry_points INTEGER NOT NULL);"
    "CREATE TABLE thread_role(function_id INTEGER NOT NULL, role TEXT NOT NULL, entry_id INTEGER);"
    "CREATE TABLE finding(id INTEGER PRIMARY KEY, rule TEXT NOT NULL, level TEXT NOT NULL,"
    "  file_id INTEGER NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,"
    "  message TEXT NOT NULL, suppressed INTEGER NOT NULL);"
    "CREATE TABLE finding_step(finding_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('chain','related')), file_id INTEGER NOT NULL,"
    "  line INTEGER NOT NULL, col INTEGER NOT NULL, message TEXT NOT NULL);"
    "INSERT INTO meta(key, value) VALUES ('tool', 'loopcheck');";

static const char *const lc_store_tables[] = {
    "meta", "file", "symbol", "tu", "tu_input", "function", "call", "call_arg",
    "fp_store", "loop", "access", "held_lock", "call_guard", "written_record", "defined_variable", "file_scope_name", "link_write", "raised_limit", "counted_field", "helper_lock", "registration", "color", "thread_role",
    "finding", "finding_step",
};

/* 1 when the database holds tables but not ours, 0 when it is ours or
 * empty, -1 on error. */
static int store_is_foreign(struct lc_store *store)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT (SELECT count(*) FROM sqlite_schema),"
                           " (SELECT count(*) FROM sqlite_schema WHERE name = 'meta')",
                           -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    int result = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        int tables = sqlite3_column_int(stmt, 0), meta = sqlite3_column_int(stmt, 1);
        result = 0;
        if (tables > 0 && meta == 0)
            result = 1;
        if (meta) {
            sqlite3_stmt *tool;
            if (sqlite3_prepare_v2(store->db, "SELECT value FROM meta WHERE key = 'tool'",
                                   -1, &tool, NULL) != SQLITE_OK)
                result = 1;
            else {
                const unsigned char *value = sqlite3_step(tool) == SQLITE_ROW ? sqlite3_column_text(tool, 0) : NULL;
                result = value && strcmp((const char *)value, "loopcheck") == 0 ? 0 : 1;
                sqlite3_finalize(tool);
            }
        }
    }
    sqlite3_finalize(stmt);
    return result;
}

static int store_create_schema(struct lc_store *store, int drop_old, FILE *err)
{
    if (lc_store_exec(store, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    for (size_t i = 0; drop_old && i < sizeof lc_store_tables / sizeof *lc_store_tables; i++) {
        char sql[80];
        snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s", lc_store_tables[i]);
        if (lc_store_exec(store, sql, err) != 0)
            goto fail;
    }
    char version[64];
    snprintf(version, sizeof version, "PRAGMA user_version = %d", LC_STORE_SCHEMA_VERSION);
    if (lc_store_exec(store, lc_store_schema_sql, err) != 0 || lc_store_exec(store, version, err) != 0)
        goto fail;
    return lc_store_exec(store, "COMMIT", err);
fail:
    sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static int store_user_version(struct lc_store *store)
{
    sqlite3_stmt *stmt;
    int version = -1;
    if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return version;
}

int lc_store_prepare_schema(struct lc_store *store, FILE *err)
{
    int foreign = store_is_foreign(store);
    if (foreign < 0) {
        fprintf(err, "loopcheck: %s: %s (delete it: the database is only a cache)\n",
                store->path, sqlite3_errmsg(store->db));
        return -1;
    }
    if (foreign) {
        fprintf(err, "loopcheck: %s: not a loopcheck database; refusing to overwrite it (choose another --db)\n",
                store->path);
        return -1;
    }
    int version = store_user_version(store);
    if (version == LC_STORE_SCHEMA_VERSION)
        return 0;
    if (version != 0)
        fprintf(err, "loopcheck: %s: schema version %d, expected %d: rebuilding the cache\n",
                store->path, version, LC_STORE_SCHEMA_VERSION);
    return store_create_schema(store, version != 0, err);
}
