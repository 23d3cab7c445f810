/* extract_access.c — reads and writes of shared variables inside function
 * bodies: globals, file-scope statics and static locals (variables with
 * global storage), not thread-locals and not const objects.  Each access
 * fact carries the locks held and whether it is atomic.
 *
 * A DeclRefExpr naming such a variable is a READ unless an expression above
 * it claimed it first (the walk meets parents before children):
 *  - the left side of `=` or `op=` and the operand of `++`/`--` are WRITEs,
 *    through `.f`, `->f`, `[i]` and `*` (`g.f = 1`, `g[i] = 1`, `g->n++`
 *    and `*g = 1` write g), except behind a pointer read from an element
 *    (`g[i]->n = 1` writes what g[i] points to and reads g);
 *  - `&g` (`&g.f`, `&g[i]`) or an array handed to a call is a WRITE when
 *    the callee may write through it, and a READ of the fields the callee
 *    reads through it when it is defined in the TU and reads only some
 *    (extract_access_arguments.c);
 *  - the lock argument of a lock function is no access at all, and neither
 *    is any use of a synchronisation object: an object (or array of them)
 *    whose type, or a typedef on the way to it, is named by a `sync-type`
 *    model (pthread_mutex_t, pthread_cond_t, uv_once_t, GMutex ...):
 *    `pthread_cond_signal(&cond)` or `&s.lock` handed on is no write.
 * An access of `g.f.h`, `g->f` or `g[i].f` is keyed by its field path
 * (extract_field_path.c): variable "g.f.h", USR g's + "@FP@.f.h"; "g[*].f",
 * USR g's + "@FP@[*].f".
 * Within one full expression a variable gets one fact per kind, and a READ
 * after a WRITE of it is dropped: `x += x` and `x = x + 1` give one WRITE.
 * Atomic: the variable's type is _Atomic (behind typedefs and arrays), the
 * written lvalue's is (`s.count++` with an atomic_int member), or the access
 * is inside an operand of an atomic operation: a call of __atomic_*,
 * __sync_*, atomic_* or __c11_atomic_*.  The GCC __atomic_* and C11
 * builtins are AtomicExprs, which libclang leaves unexposed: they are known
 * by the name spelled where they start, and `&g` among their operands is a
 * WRITE unless that name says "load" (extract_atomics.c).  sizeof
 * operands are not walked. */
#include "extract_internal.h"

#include <string.h>

static CXType extract_element_type(CXType type)
{
    type = clang_getCanonicalType(type);
    while (type.kind == CXType_ConstantArray || type.kind == CXType_IncompleteArray ||
           type.kind == CXType_VariableArray)
        type = clang_getCanonicalType(clang_getArrayElementType(type));
    return type;
}

/* A const object; libclang puts the const of `const int a[2]` on the
 * canonical array type, not on its elements. */
static int extract_is_const(CXType type)
{
    type = clang_getCanonicalType(type);
    while (!clang_isConstQualifiedType(type) &&
           (type.kind == CXType_ConstantArray || type.kind == CXType_IncompleteArray ||
            type.kind == CXType_VariableArray))
        type = clang_getCanonicalType(clang_getArrayElementType(type));
    return clang_isConstQualifiedType(type);
}

int lc_extract_is_atomic_type(CXType type)
{
    return extract_element_type(type).kind == CXType_Atomic;
}

static int extract_is_sync_name(const struct lc_lock_vocabulary *vocabulary, CXString spelling)
{
    const char *name = clang_getCString(spelling);
    int found = 0;
    for (size_t i = 0; name && i < vocabulary->sync_type_count && !found; i++)
        found = strcmp(vocabulary->sync_types[i], name) == 0;
    clang_disposeString(spelling);
    return found;
}

/* Is `type` (or its element type) a synchronisation type: named by a
 * `sync-type` model itself, through a typedef, or as a struct/union? */
int lc_extract_is_sync_type(const struct lc_extract_walk *walk, CXType type)
{
    const struct lc_lock_vocabulary *vocabulary = walk->vocabulary;
    if (!vocabulary || vocabulary->sync_type_count == 0)
        return 0;
    for (unsigned depth = 0; depth < 16; depth++) {
        switch (type.kind) {
        case CXType_ConstantArray:
        case CXType_IncompleteArray:
        case CXType_VariableArray:
            type = clang_getArrayElementType(type);
            break;
        case CXType_Elaborated:
            type = clang_Type_getNamedType(type);
            break;
        case CXType_Typedef:
            if (extract_is_sync_name(vocabulary, clang_getTypedefName(type)))
                return 1;
            type = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(type));
            break;
        case CXType_Record:
            return extract_is_sync_name(vocabulary, clang_getCursorSpelling(clang_getTypeDeclaration(type)));
        default:
            return 0;
        }
    }
    return 0;
}

static int extract_is_shared(CXCursor declaration)
{
    return clang_getCursorKind(declaration) == CXCursor_VarDecl &&
           clang_Cursor_hasVarDeclGlobalStorage(declaration) == 1 &&
           clang_getCursorTLSKind(declaration) == CXTLS_None &&
           !extract_is_const(clang_getCursorType(declaration));
}

/* The DeclRefExpr at the base of an lvalue: `g`, `g.f`, `g->f`, `g[i]`,
 * `*g`, with casts and parentheses; null when there is none.  Sets
 * *through_element when the lvalue lies behind a pointer read from an
 * element (`g[i]->f`, `*g[i]`, `g.slots[i]->n`): such a write changes the
 * object pointed to, and only reads g. */
static CXCursor extract_base_reference(CXCursor expr, int *through_element)
{
    CXCursor base;
    int dereferenced = 0;
    *through_element = 0;
    for (;;) {
        expr = lc_extract_strip(expr);
        switch (clang_getCursorKind(expr)) {
        case CXCursor_DeclRefExpr:
            return expr;
        case CXCursor_UnaryOperator:
            if (clang_getCursorUnaryOperatorKind(expr) != CXUnaryOperator_Deref)
                return clang_getNullCursor();
            dereferenced = 1;
            break;
        case CXCursor_ArraySubscriptExpr:
            *through_element |= dereferenced;
            break;
        case CXCursor_MemberRefExpr:
            break;
        default:
            return clang_getNullCursor();
        }
        if (lc_extract_children(expr, &base, 1) < 1)
            return clang_getNullCursor();
        if (clang_getCursorKind(expr) == CXCursor_MemberRefExpr &&
            clang_getCanonicalType(clang_getCursorType(lc_extract_strip(base))).kind == CXType_Pointer)
            dereferenced = 1;
        expr = base;
    }
}

/* Claim the variable at the base of `lvalue`; the claim, or NULL when there
 * is none to make. */
struct lc_extract_claim *lc_extract_claim(struct lc_extract_walk *walk, CXCursor lvalue,
                                          enum lc_extract_claim_action action, int atomic)
{
    int through_element;
    CXCursor reference = extract_base_reference(lvalue, &through_element);
    if (clang_Cursor_isNull(reference) || !extract_is_shared(clang_getCursorReferenced(reference)))
        return NULL;
    if (action == LC_EXTRACT_CLAIM_WRITE && through_element)
        return NULL;   /* a read of g, left to its DeclRefExpr */
    if (lc_extract_is_sync_type(walk, clang_getCursorType(lvalue)))
        action = LC_EXTRACT_CLAIM_SKIP;
    struct lc_extract_claim *claim = lc_extract_append(walk, &walk->claims, &walk->claim_count,
                                                       &walk->claim_cap, sizeof *claim);
    if (claim)
        *claim = (struct lc_extract_claim){ .reference = reference, .action = action, .atomic = atomic };
    return claim;
}

void lc_extract_access_begin_expression(struct lc_extract_walk *walk)
{
    walk->recent_count = 0;
    walk->claim_count = 0;
}

void lc_extract_access_operator(struct lc_extract_walk *walk, CXCursor operator)
{
    int writes;
    switch (clang_getCursorKind(operator)) {
    case CXCursor_BinaryOperator:
        writes = clang_getCursorBinaryOperatorKind(operator) == CXBinaryOperator_Assign;
        break;
    case CXCursor_CompoundAssignOperator:
        writes = 1;
        break;
    case CXCursor_UnaryOperator:
        writes = clang_getCursorUnaryOperatorKind(operator) >= CXUnaryOperator_PostInc &&
                 clang_getCursorUnaryOperatorKind(operator) <= CXUnaryOperator_PreDec;
        break;
    default:
        writes = 0;
        break;
    }
    CXCursor lvalue;
    if (writes && lc_extract_children(operator, &lvalue, 1) >= 1)
        lc_extract_claim(walk, lvalue, LC_EXTRACT_CLAIM_WRITE,
                      lc_extract_is_atomic_type(clang_getCursorType(lvalue)));
}

static int extract_same_path(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether the access was recorded already in this full expression. */
static int extract_is_recent(struct lc_extract_walk *walk, CXCursor variable, const char *path,
                             enum lc_access_kind kind, int atomic)
{
    for (size_t i = 0; i < walk->recent_count; i++) {
        const struct lc_extract_recent_access *recent = &walk->recent[i];
        if (clang_equalCursors(recent->variable, variable) && extract_same_path(recent->path, path) &&
            recent->locks == lc_extract_gates_locks(walk).locks && recent->atomic == atomic &&
            (recent->kind == kind || recent->kind == LC_ACCESS_WRITE))
            return 1;
    }
    return 0;
}

/* Whether the tests holding here say the variable (by USR) is 0 / NULL /
 * false. */
static int extract_is_zero_here(const struct lc_extract_walk *walk, const char *variable_usr)
{
    for (size_t i = 0; variable_usr && i < walk->value_guards.count; i++) {
        const struct lc_value_guard *guard = &walk->value_guards.items[i];
        if (guard->equal && guard->value == 0 && guard->variable_usr && strcmp(guard->variable_usr, variable_usr) == 0)
            return 1;
    }
    return 0;
}

/* What an access of a variable is, as its claims decided. */
struct extract_access {
    enum lc_access_kind kind;
    int atomic, via_argument, indexed;
    const char *path, *via_callee_usr, *passed_record_usr;
    CXCursor guard_definition;   /* as the claim's, when guard_argument */
    int guard_argument;
    const char **fields;   /* a READ of these parts of `path` instead */
    int field_count;
};

/* Record the access of the variable `declaration` at `reference`, of the
 * field path `path` (or none), unless it was recorded in this full
 * expression already. */
static void extract_add_access(struct lc_extract_walk *walk, CXCursor reference, CXCursor declaration,
                               const struct extract_access *access, const char *path)
{
    CXCursor variable = clang_getCanonicalCursor(declaration);
    struct lc_location loc;
    if (extract_is_recent(walk, variable, path, access->kind, access->atomic) ||
        lc_extract_location(walk, clang_getCursorLocation(reference), &loc) != 0)
        return;
    struct lc_access_fact *fact = lc_tu_facts_add_access(walk->facts);
    struct lc_extract_recent_access *recent =
        lc_extract_append(walk, &walk->recent, &walk->recent_count, &walk->recent_cap,
                          sizeof *recent);
    if (!fact || !recent) {
        walk->out_of_memory = 1;
        return;
    }
    *recent = (struct lc_extract_recent_access){ variable, path, access->kind, access->atomic,
                                                 lc_extract_gates_locks(walk).locks };
    fact->function_usr = walk->function_usr;
    fact->variable_usr = lc_extract_usr(walk, declaration);
    fact->variable_name = lc_extract_string(walk, clang_getCursorSpelling(declaration));
    fact->zero_guarded = access->kind == LC_ACCESS_WRITE && !path && extract_is_zero_here(walk, fact->variable_usr);
    fact->via_callee_usr = access->via_callee_usr;
    fact->via_argument = access->via_argument;
    fact->passed_record_usr = access->passed_record_usr;
    fact->indexed = access->indexed;
    fact->loop_only = walk->loop_only;
    if (path && fact->variable_usr && fact->variable_name) {
        fact->variable_usr = lc_arena_printf(&walk->facts->arena, "%s" LC_ACCESS_PATH_MARK "%s",
                                             fact->variable_usr, path);
        fact->variable_name = lc_arena_printf(&walk->facts->arena, "%s%s", fact->variable_name, path);
    }
    fact->kind = access->kind;
    fact->atomic = access->atomic;
    fact->loc = loc;
    fact->locks = lc_extract_gates_locks(walk);
    if (access->guard_argument > 0)
        lc_extract_helper_locks_request(walk, walk->facts->access_count - 1, access->guard_definition,
                                       (unsigned)access->guard_argument - 1, access->kind == LC_ACCESS_READ);
}

void lc_extract_access_reference(struct lc_extract_walk *walk, CXCursor reference)
{
    CXCursor declaration = clang_getCursorReferenced(reference);
    if (!extract_is_shared(declaration) || lc_extract_is_sync_type(walk, clang_getCursorType(declaration)))
        return;
    struct extract_access access = {
        .kind = LC_ACCESS_READ,
        .atomic = walk->atomic_depth > 0 || lc_extract_is_atomic_type(clang_getCursorType(declaration)),
    };
    for (size_t i = 0; i < walk->claim_count; i++) {
        const struct lc_extract_claim *claim = &walk->claims[i];
        if (!lc_extract_same_expression(claim->reference, reference))
            continue;
        if (claim->action == LC_EXTRACT_CLAIM_SKIP)
            return;
        if (claim->action == LC_EXTRACT_CLAIM_PATH) {
            access.path = access.path ? access.path : claim->path;
            continue;
        }
        if (claim->action == LC_EXTRACT_CLAIM_INDEXED) {
            access.indexed = 1;
            continue;
        }
        if (claim->action == LC_EXTRACT_CLAIM_FIELDS) {
            access.fields = claim->fields;
            access.field_count = claim->field_count;
            continue;
        }
        if (claim->action == LC_EXTRACT_CLAIM_GUARD) {
            if (access.kind == LC_ACCESS_READ) {
                access.guard_definition = claim->guard_definition;
                access.guard_argument = claim->guard_argument;
            }
            continue;
        }
        if (access.kind == LC_ACCESS_WRITE)
            continue;
        access.kind = LC_ACCESS_WRITE;   /* one write claim is used up by one reference */
        access.atomic |= claim->atomic;
        access.via_callee_usr = claim->via_callee_usr;
        access.via_argument = claim->via_argument;
        access.passed_record_usr = claim->passed_record_usr;
        access.guard_definition = claim->guard_definition;
        access.guard_argument = claim->guard_argument;
        walk->claims[i--] = walk->claims[--walk->claim_count];
    }
    if (access.kind == LC_ACCESS_WRITE || access.field_count == 0) {
        extract_add_access(walk, reference, declaration, &access, access.path);
        return;
    }
    for (int i = 0; i < access.field_count; i++) {
        const char *path = lc_arena_printf(&walk->facts->arena, "%s%s", access.path ? access.path : "",
                                           access.fields[i]);
        if (!path) {
            walk->out_of_memory = 1;
            return;
        }
        extract_add_access(walk, reference, declaration, &access, path);
    }
}
