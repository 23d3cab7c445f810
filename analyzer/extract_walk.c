/* extract_walk.c — the AST visitor: one clang_visitChildren over the TU with
 * CXChildVisit_Recurse, recording functions and calls and handing the rest
 * to the other parts (stores, accesses, statements).  libclang walks
 * expressions with a work list, so a long `a + b + ...` chain does not
 * deepen the C stack; only statements that open a scope, a branch or a loop
 * (extract_flow.c), lock calls and atomic operations visit their children
 * with a nested clang_visitChildren, so the C stack grows with the nesting
 * of blocks, not of expressions.  The enclosing function of a call is the
 * top-level definition being walked (C has no nested functions);
 * declarations in system headers are skipped whole. */
#include "extract_internal.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

/* Every declaration and definition outside system headers; a definition
 * carries the annotations of earlier declarations too (clang inherits
 * attributes on redeclarations). */
static void extract_function(struct lc_extract_walk *walk, CXCursor function)
{
    CXSourceLocation where = clang_getCursorLocation(function);
    struct lc_location loc;
    if (clang_Location_isInSystemHeader(where) || lc_extract_location(walk, where, &loc) != 0)
        return;
    struct lc_function_fact *fact = lc_tu_facts_add_function(walk->facts);
    if (!fact) {
        walk->out_of_memory = 1;
        return;
    }
    fact->usr = lc_extract_usr(walk, function);
    fact->name = lc_extract_string(walk, clang_getCursorSpelling(function));
    fact->loc = loc;
    fact->is_definition = clang_isCursorDefinition(function) != 0;
    fact->is_static = clang_getCursorLinkage(function) == CXLinkage_Internal;
    fact->param_writes = fact->is_definition && !fact->is_static ? lc_extract_param_writes_mask(function) : UINT32_MAX;
    if (fact->is_definition && !fact->is_static)
        lc_extract_helper_locks_export(walk, walk->facts->function_count - 1, function);
    fact->annotations = lc_extract_annotations(function);
    if (fact->is_definition) {
        lc_extract_raised_limits(walk, function, fact);
        lc_extract_counted_fields(walk, function, fact);
    }
}

/* A global variable of external linkage defined at file scope: with an
 * initialiser, or tentatively (`int x;`, which libclang does not call a
 * definition); `extern int x;` only declares it. */
static void extract_defined_variable(struct lc_extract_walk *walk, CXCursor variable)
{
    if (clang_getCursorLinkage(variable) != CXLinkage_External
        || (clang_Cursor_getStorageClass(variable) == CX_SC_Extern
            && clang_Cursor_isNull(clang_Cursor_getVarDeclInitializer(variable))))
        return;
    const char *usr = lc_extract_usr(walk, variable);
    if (!usr || lc_tu_facts_add_defined_variable(walk->facts, usr, lc_extract_variable_table_length(variable)) != 0)
        walk->out_of_memory = 1;
}

/* A global variable or function of external linkage named outside any
 * function (in a file-scope initialiser). */
static void extract_file_scope_name(struct lc_extract_walk *walk, CXCursor reference)
{
    CXCursor named = clang_getCursorReferenced(reference);
    enum CXCursorKind kind = clang_getCursorKind(named);
    if ((kind != CXCursor_VarDecl && kind != CXCursor_FunctionDecl)
        || clang_getCursorLinkage(named) != CXLinkage_External)
        return;
    const char *usr = lc_extract_usr(walk, named);
    if (!usr || lc_tu_facts_add_file_scope_name(walk->facts, usr) != 0)
        walk->out_of_memory = 1;
}

/* A new top-level declaration: `usr` is the function defined, or NULL. */
static void extract_function_begin(struct lc_extract_walk *walk, const char *usr)
{
    lc_extract_reach_function_end(walk);
    lc_extract_gates_function_end(walk);
    walk->function_usr = usr;
    walk->export_current = -1;
    walk->locks = (struct lc_lockset){ NULL, 0 };
    walk->switch_locks = walk->locks;
    walk->loop_index = -1;
    walk->loop_parts = NULL;
    walk->loop_statement = clang_getNullCursor();
    walk->conditionals = walk->open_conditional = walk->loop_conditional = 0;
    walk->guard = clang_getNullCursor();
    walk->atomic_depth = 0;
    walk->label_count = walk->claim_count = walk->recent_count = walk->pending_count = 0;
    walk->conditional_count = 0;
    walk->zero_guard = walk->switch_guard = walk->switch_outer_guard = walk->fail_guard = -1;
    walk->loop_only = walk->switch_loop_only = walk->unlikely = 0;
    walk->value_guards = walk->switch_value_guards = (struct lc_value_guards){ NULL, 0 };
    walk->try_call = -1;
    walk->result_count = walk->flag_count = 0;
    walk->comma_left = walk->comma_right = clang_getNullCursor();
    walk->comma_left_index = -1;
    walk->branch_end = clang_getNullCursor();
    walk->branch_end_index = -1;
    walk->param_guard = walk->switch_param_guard = (struct lc_param_guard){ 0 };
    walk->changed_params = 0;
    walk->changed_params_known = 0;
    walk->returned_params = 0;
    walk->returned_params_known = 0;
    walk->cursor_call = walk->cursor_variable = clang_getNullCursor();
    walk->cursor_pointed = 0;
    walk->made_local = clang_getNullCursor();
    walk->made_local_known = 0;
    walk->changes_known = 0;
    walk->function = clang_getNullCursor();
    walk->reach_breakable = walk->reach_loop_body = clang_getNullCursor();
    walk->alias_count = 0;
    walk->aliases_known = 0;
    walk->string_start_count = 0;
    walk->string_starts_known = 0;
    walk->variable_event_count = 0;
    walk->variable_events_known = 0;
    walk->statement_span_count = 0;
    walk->statement_spans_known = 0;
    lc_extract_runs_begin(walk);
}

static void extract_call_arguments(struct lc_extract_walk *walk, CXCursor call,
                                   struct lc_call_fact *fact)
{
    int nargs = clang_Cursor_getNumArguments(call);
    if (nargs <= 0)
        return;
    fact->args = lc_arena_alloc(&walk->facts->arena, (size_t)nargs * sizeof *fact->args);
    fact->arg_texts = lc_arena_alloc(&walk->facts->arena,
                                     (size_t)nargs * sizeof *fact->arg_texts);
    if (!fact->args || !fact->arg_texts) {
        walk->out_of_memory = 1;
        return;
    }
    fact->nargs = (size_t)nargs;
    for (int i = 0; i < nargs; i++) {
        CXCursor argument = clang_Cursor_getArgument(call, (unsigned)i);
        lc_extract_operand(walk, argument, 1, &fact->args[i]);
        fact->args[i].field_of_param = lc_extract_field_of_parameter(walk, argument);
        fact->args[i].child_of_param = lc_extract_child_argument(walk, argument);
        fact->args[i].slot_of_param = lc_extract_slot_of_parameter(walk, argument);
        fact->args[i].at_most = lc_extract_argument_at_most(argument);
        fact->args[i].table_length = lc_extract_table_length(argument);
    }
    lc_extract_argument_texts(walk, call, fact->nargs, fact->arg_texts);
    for (int i = 0; i < nargs; i++) {
        CXCursor argument = clang_Cursor_getArgument(call, (unsigned)i);
        fact->arg_texts[i] = lc_extract_flag_text(walk, argument, fact->arg_texts[i]);
        lc_extract_string_argument(walk, argument, &fact->args[i], &fact->arg_texts[i]);
    }
    lc_extract_arg_keys(walk, call, fact);
}

/* Record the call with the loop and the locks around it.  A lock function,
 * or a call that pauses or resumes the other threads, acts once its
 * arguments are walked (the call itself carries the locks held before it);
 * the operands of an atomic operation are walked as atomic accesses. */
static enum CXChildVisitResult extract_call(struct lc_extract_walk *walk, CXCursor call)
{
    struct lc_location loc;
    if (!walk->function_usr ||
        lc_extract_location(walk, clang_getCursorLocation(call), &loc) != 0)
        return CXChildVisit_Recurse;
    struct lc_call_fact *fact = lc_tu_facts_add_call(walk->facts);
    if (!fact) {
        walk->out_of_memory = 1;
        return CXChildVisit_Break;
    }
    size_t index = walk->facts->call_count - 1;
    fact->caller_usr = walk->function_usr;
    fact->loc = loc;
    fact->loop_index = walk->loop_index;
    if (walk->loop_index >= 0 && walk->loop_parts && lc_extract_loop_is_step(walk->loop_parts, call))
        fact->loop_index = walk->facts->loops[walk->loop_index].parent_index;
    fact->conditional = lc_extract_is_conditional(walk, call);
    fact->runs = lc_extract_call_runs(walk, call, fact->conditional);
    fact->branch_serial = walk->branch_serial;
    fact->jumps_before = walk->jumps_seen;
    fact->returned_guard = lc_extract_call_returned_guard(walk, fact->runs);
    if (fact->loop_index == walk->loop_index && walk->loop_parts) {
        fact->element_args = lc_extract_element_arguments(walk, walk->loop_parts, call);
        fact->cursor_args = lc_extract_cursor_arguments(walk, call);
        fact->counter_args = lc_extract_counter_arguments(walk->loop_parts, call);
        fact->each_round = (fact->element_args || fact->counter_args) && walk->open_conditional == walk->loop_conditional
                           && walk->jumps_seen == walk->loop_jumps && !lc_extract_in_conditional_expression(walk, call);
    }
    fact->element_args |= lc_extract_marked_slot_arguments(walk, call);
    fact->scaled_args = lc_extract_scaled_arguments(call);
    fact->restart_call = lc_extract_restart_call(walk, call);
    fact->share = lc_extract_call_share(call);
    fact->depth_limit = lc_extract_depth_limit(walk, call);
    fact->stack_text_args = lc_extract_stack_text_arguments(call);
    fact->locks = lc_extract_gates_locks(walk);
    fact->zero_guard = walk->zero_guard;
    fact->fail_guard = walk->fail_guard;
    fact->fail_test = walk->fail_test;
    fact->unlikely = walk->unlikely;
    fact->loop_only = walk->loop_only;
    fact->value_guards = walk->value_guards;
    fact->param_guard = walk->param_guard;
    if (!clang_Cursor_isNull(walk->branch_end) && lc_extract_same_expression(call, walk->branch_end))
        walk->branch_end_index = (int)index;
    CXCursor callee;
    if (lc_extract_children(call, &callee, 1) >= 1)
        lc_extract_operand(walk, callee, 0, &fact->callee);
    extract_call_arguments(walk, call, fact);
    fact->changed_param_args = lc_extract_changed_param_arguments(walk, fact);
    lc_extract_flag_call(walk, call);
    fact = &walk->facts->calls[index];   /* the operands may have added stores, not calls */
    lc_extract_call_result(walk, call, index);
    lc_extract_comma_call(walk, call, index);
    lc_extract_gates_call(walk, index);
    const struct lc_lock_function *lock = lc_extract_lock_function(walk, &fact->callee);
    /* A lock passed on (the lock model's argument, `pthread_cond_wait(&c,
     * &locks[i])`, a wrapper given `&locks[i]`) names the lock's identity. */
    for (size_t i = 0; i < fact->nargs; i++) {
        CXCursor arg = clang_Cursor_getArgument(call, (unsigned)i);
        CXType type = clang_getCursorType(arg);
        if ((lock && (size_t)lock->position == i + 1)
            || (clang_getCanonicalType(type).kind == CXType_Pointer
                && lc_extract_is_sync_type(walk, clang_getPointeeType(type))))
            lc_extract_lock_argument(walk, arg, &fact->args[i]);
    }
    lc_extract_access_arguments(walk, call, lock ? lock->position : 0);
    int atomic = fact->callee.kind == LC_VALUE_FUNCTION &&
                 lc_extract_atomic_operation(walk, call, fact->callee.name);
    int pause = lc_extract_pause_action(walk, fact);
    if (!lock && !atomic && !pause)
        return CXChildVisit_Recurse;
    walk->atomic_depth += (unsigned)atomic;
    clang_visitChildren(call, lc_extract_visit, walk);
    walk->atomic_depth -= (unsigned)atomic;
    if (lock)
        lc_extract_lock_apply(walk, lock, call, index);
    if (pause)
        lc_extract_pause_apply(walk, pause);
    return CXChildVisit_Continue;
}

/* `__atomic_fetch_add(&g, ...)` and C11's atomic_* are AtomicExprs, which
 * libclang shows as unexposed expressions: walk their operands as atomic. */
static enum CXChildVisitResult extract_unexposed(struct lc_extract_walk *walk, CXCursor expr)
{
    if (!walk->function_usr || !lc_extract_atomic_operation(walk, expr, NULL))
        return CXChildVisit_Recurse;
    walk->atomic_depth++;
    clang_visitChildren(expr, lc_extract_visit, walk);
    walk->atomic_depth--;
    return CXChildVisit_Continue;
}

/* What a cursor inside a function body means beyond calls and stores. */
static enum CXChildVisitResult extract_in_function(struct lc_extract_walk *walk,
                                                   CXCursor cursor, enum CXCursorKind kind,
                                                   CXCursor parent)
{
    switch (kind) {
    case CXCursor_DeclRefExpr:
        lc_extract_access_reference(walk, cursor);
        lc_extract_helper_locks_note_use(walk, cursor);
        return CXChildVisit_Recurse;
    case CXCursor_UnaryOperator:
        lc_extract_link_address(walk, cursor);
        lc_extract_access_operator(walk, cursor);
        return CXChildVisit_Recurse;
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        lc_extract_access_operator(walk, cursor);
        return CXChildVisit_Recurse;
    case CXCursor_MemberRefExpr:
        lc_extract_access_member(walk, cursor);
        return CXChildVisit_Recurse;
    case CXCursor_ArraySubscriptExpr:
        lc_extract_access_subscript(walk, cursor);
        return CXChildVisit_Recurse;
    case CXCursor_UnaryExpr:   /* sizeof, _Alignof: not evaluated */
        return CXChildVisit_Continue;
    case CXCursor_UnexposedExpr:
        return extract_unexposed(walk, cursor);
    default:
        if (kind == CXCursor_CompoundStmt)   /* apart: a block's frame is small */
            return lc_extract_block(walk, cursor, parent);
        return clang_isStatement(kind) ? lc_extract_statement(walk, cursor) : CXChildVisit_Recurse;
    }
}

enum CXChildVisitResult lc_extract_visit(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct lc_extract_walk *walk = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    enum CXCursorKind parent_kind = clang_getCursorKind(parent);
    if (parent_kind == CXCursor_TranslationUnit) {
        if (clang_Location_isInSystemHeader(clang_getCursorLocation(cursor)))
            return CXChildVisit_Continue;
        int definition = kind == CXCursor_FunctionDecl && clang_isCursorDefinition(cursor);
        extract_function_begin(walk, definition ? lc_extract_usr(walk, cursor) : NULL);
        if (definition)
            walk->function = cursor;
        if (kind == CXCursor_VarDecl)
            extract_defined_variable(walk, cursor);
    }
    if (walk->function_usr && clang_isExpression(kind) && !clang_isExpression(parent_kind))
        lc_extract_access_begin_expression(walk);
    enum CXChildVisitResult next = CXChildVisit_Recurse;
    lc_extract_record_writes(walk, cursor, kind);
    if (walk->function_usr)
        lc_extract_runs_jump(walk, kind);
    else if (kind == CXCursor_DeclRefExpr)
        extract_file_scope_name(walk, cursor);
    switch (kind) {
    case CXCursor_FunctionDecl:
        extract_function(walk, cursor);
        break;
    case CXCursor_CallExpr:
        next = extract_call(walk, cursor);
        break;
    case CXCursor_CompoundAssignOperator:
        lc_extract_flag_assignment(walk, cursor);
        break;
    case CXCursor_BinaryOperator:
        if (walk->function_usr)
            lc_extract_lock_store(walk, cursor);
        lc_extract_assignment(walk, cursor);
        lc_extract_flag_assignment(walk, cursor);
        lc_extract_cursor_assignment(walk, cursor);
        lc_extract_comma(walk, cursor);
        if (walk->function_usr && (clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_LAnd
                                   || clang_getCursorBinaryOperatorKind(cursor) == CXBinaryOperator_LOr)) {
            lc_extract_conditional_expression(walk, cursor);
            next = lc_extract_unlikely_arms(walk, cursor);
        }
        break;
    case CXCursor_ConditionalOperator:
        if (walk->function_usr) {
            lc_extract_conditional_expression(walk, cursor);
            next = lc_extract_unlikely_arms(walk, cursor);
        }
        break;
    case CXCursor_VarDecl:
        lc_extract_variable(walk, cursor);
        lc_extract_flag_variable(walk, cursor);
        break;
    case CXCursor_CompoundLiteralExpr:
        lc_extract_compound_literal(walk, cursor);
        break;
    case CXCursor_ReturnStmt:
        lc_extract_return(walk, cursor);
        if (walk->function_usr)
            lc_extract_gates_jump(walk);
        break;
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
        if (walk->function_usr)
            lc_extract_gates_jump(walk);
        break;
    default:
        break;
    }
    if (walk->function_usr && next == CXChildVisit_Recurse && kind != CXCursor_FunctionDecl)
        next = extract_in_function(walk, cursor, kind, parent);
    return walk->out_of_memory ? CXChildVisit_Break : next;
}

void lc_extract_visit_child(struct lc_extract_walk *walk, CXCursor child, CXCursor parent)
{
    if (lc_extract_visit(child, parent, walk) == CXChildVisit_Recurse)
        clang_visitChildren(child, lc_extract_visit, walk);
}

void lc_extract_walk_tu(struct lc_extract_walk *walk)
{
    extract_function_begin(walk, NULL);
    clang_visitChildren(clang_getTranslationUnitCursor(walk->tu), lc_extract_visit, walk);
    lc_extract_reach_function_end(walk);
    lc_extract_gates_function_end(walk);
    lc_extract_stack_text_loops(walk->facts);
    lc_extract_helper_locks_apply(walk);
    free(walk->use_locks);
    free(walk->guard_requests);
    free(walk->exports);
    walk->use_locks = NULL;
    walk->guard_requests = NULL;
    walk->exports = NULL;
    free(walk->labels);
    free(walk->changes);
    free(walk->claims);
    free(walk->recent);
    free(walk->pending);
    free(walk->conditional_spans);
    free(walk->results);
    free(walk->flags);
    free(walk->aliases);
    walk->aliases = NULL;
    free(walk->string_starts);
    walk->string_starts = NULL;
    free(walk->variable_events);
    walk->variable_events = NULL;
    free(walk->statement_spans);
    walk->statement_spans = NULL;
    walk->conditional_spans = NULL;
    walk->results = NULL;
    walk->flags = NULL;
    walk->labels = NULL;
    walk->claims = NULL;
    walk->recent = NULL;
    walk->pending = NULL;
}
