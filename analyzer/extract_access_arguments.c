/* extract_access_arguments.c — what handing a shared variable to a call
 * does to it (extract_access.c claims, on its DeclRefExpr):
 *  - `&g` (`&g.f`, `&g[i]`) passed where a pointer to non-const is
 *    expected is a WRITE, and so is `&g` passed to a variadic or
 *    unprototyped function; an array g (`g.arr`) decaying to a pointer to
 *    non-const is a WRITE when it is a declared parameter, a READ when
 *    variadic (printf("%s", name)); either is a READ when the callee is
 *    defined in the TU and does not write through that parameter
 *    (extract_param_writes.c), or takes a pointer to const;
 *  - such a READ of `&g` (`&g[i]`, `&g.sub`) is a READ of only the fields
 *    the callee reads through its parameter when it is defined in the TU
 *    and reads some, not the whole object (extract_param_reads.c):
 *    `notify(&threads[i])` reading `t->fd` and `t->queue` reads
 *    `threads[*].fd` and `threads[*].queue`;
 *  - a WRITE of a whole struct passed as a pointer to its own type names
 *    the struct (facts.h passed_record_usr), and one through a function
 *    declared but not defined in the TU names it (via_callee_usr): linking
 *    may make either a READ;
 *  - a WRITE through a function defined in the TU holds the locks that
 *    function holds wherever it writes through that parameter, a READ
 *    the locks it holds wherever it uses it (extract_helper_locks.c);
 *  - the lock argument of a lock function is no access at all. */
#include "extract_internal.h"

#include <string.h>

/* How many parameters the callee of `call` declares; -1 when unknown. */
static int extract_parameter_count(CXCursor call)
{
    CXCursor callee;
    if (lc_extract_children(call, &callee, 1) < 1)
        return -1;
    CXType type = clang_getCanonicalType(clang_getCursorType(callee));
    if (type.kind == CXType_Pointer)
        type = clang_getCanonicalType(clang_getPointeeType(type));
    return type.kind == CXType_FunctionProto ? clang_getNumArgTypes(type) : -1;
}

/* A whole struct variable (or array of them) passed as a pointer to its
 * own type, `use(&g)`, `use(table)`: the struct's USR (facts.h
 * passed_record_usr); NULL for a member (`&g.f`), or a conversion to
 * another pointer type (`memset(&g, ...)`: any write may follow). */
static const char *extract_passed_record(struct lc_extract_walk *walk, CXType argument_type, CXCursor passed)
{
    passed = lc_extract_strip(passed);
    CXType type = clang_getCanonicalType(clang_getCursorType(passed));
    CXType element = type.kind == CXType_ConstantArray || type.kind == CXType_IncompleteArray
                         ? clang_getCanonicalType(clang_getArrayElementType(type))
                         : type;
    if (clang_getCursorKind(passed) != CXCursor_DeclRefExpr
        || !clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(argument_type)), element))
        return NULL;
    return lc_extract_record_usr(walk, element);
}

/* `&g[i]` (`&g`, `&g.sub`) handed to a function of the TU that does not
 * write through it (or takes a pointer to const): a read of the fields it
 * reads, when it reads some and not the whole (extract_param_reads.c);
 * else left a read of the whole. */
static void extract_claim_read_fields(struct lc_extract_walk *walk, CXCursor call, unsigned index, CXCursor operand)
{
    struct lc_extract_claim *claim = lc_extract_claim(walk, operand, LC_EXTRACT_CLAIM_FIELDS, 0);
    if (!claim || claim->action != LC_EXTRACT_CLAIM_FIELDS)
        return;
    const char *paths[LC_PARAM_READS_MAX];
    int count = lc_extract_call_read_fields(walk, call, index, paths, LC_PARAM_READS_MAX);
    claim = &walk->claims[walk->claim_count - 1];   /* the scan adds no claims */
    claim->fields = count > 0 ? lc_arena_alloc(&walk->facts->arena, (size_t)count * sizeof *claim->fields) : NULL;
    if (!claim->fields) {
        walk->out_of_memory |= count > 0;
        walk->claim_count--;   /* a read of the whole */
        return;
    }
    memcpy(claim->fields, paths, (size_t)count * sizeof *paths);
    claim->field_count = count;
}

/* A claim through argument `index` of `call` names its callee when that is
 * defined in the TU: the locks it holds there guard the access
 * (extract_helper_locks.c). */
static void extract_guard_callee(CXCursor call, int index, struct lc_extract_claim *claim)
{
    CXCursor callee = lc_extract_called_function(call);
    CXCursor definition = clang_Cursor_isNull(callee) ? callee : clang_getCursorDefinition(callee);
    if (clang_Cursor_isNull(definition))
        return;
    claim->guard_definition = definition;
    claim->guard_argument = index + 1;
}

/* `&g` (an array g) read through argument `index` by a function of the
 * TU: a GUARD claim, for the locks the callee holds wherever it uses it. */
static void extract_claim_guard(struct lc_extract_walk *walk, CXCursor call, int index, CXCursor operand)
{
    struct lc_extract_claim *claim = lc_extract_claim(walk, operand, LC_EXTRACT_CLAIM_GUARD, 0);
    if (claim && claim->action == LC_EXTRACT_CLAIM_GUARD)
        extract_guard_callee(call, index, claim);
}

void lc_extract_access_arguments(struct lc_extract_walk *walk, CXCursor call,
                                 int lock_position)
{
    int nargs = clang_Cursor_getNumArguments(call);
    int declared = nargs > 0 ? extract_parameter_count(call) : -1;
    for (int i = 0; i < nargs; i++) {
        CXCursor arg = clang_Cursor_getArgument(call, (unsigned)i);
        CXCursor stripped = lc_extract_strip(arg), operand;
        int address = clang_getCursorKind(stripped) == CXCursor_UnaryOperator &&
                      clang_getCursorUnaryOperatorKind(stripped) == CXUnaryOperator_AddrOf &&
                      lc_extract_children(stripped, &operand, 1) == 1;
        if (i + 1 == lock_position) {
            lc_extract_claim(walk, address ? operand : stripped, LC_EXTRACT_CLAIM_SKIP, 0);
            continue;
        }
        CXType type = clang_getCanonicalType(clang_getCursorType(arg));
        if (type.kind != CXType_Pointer)
            continue;
        CXType stripped_type = clang_getCanonicalType(clang_getCursorType(stripped));
        if (clang_isConstQualifiedType(clang_getPointeeType(type))
            || ((address || i < declared) && !lc_extract_call_writes_argument(call, (unsigned)i))) {
            if (address)
                extract_claim_read_fields(walk, call, (unsigned)i, operand);
            if (i < declared && (address || stripped_type.kind == CXType_ConstantArray
                                 || stripped_type.kind == CXType_IncompleteArray))
                extract_claim_guard(walk, call, i, address ? operand : stripped);
            continue;
        }
        struct lc_extract_claim *claim = NULL;
        if (address)
            claim = lc_extract_claim(walk, operand, LC_EXTRACT_CLAIM_WRITE,
                                  lc_extract_is_atomic_type(clang_getCursorType(operand)));
        else if (i < declared && (stripped_type.kind == CXType_ConstantArray ||
                                  stripped_type.kind == CXType_IncompleteArray))
            claim = lc_extract_claim(walk, stripped, LC_EXTRACT_CLAIM_WRITE, 0);
        if (claim)
            claim->passed_record_usr = extract_passed_record(walk, type, address ? operand : stripped);
        CXCursor external = claim ? lc_extract_call_external_callee(call) : clang_getNullCursor();
        if (!clang_Cursor_isNull(external)) {
            claim->via_callee_usr = lc_extract_usr(walk, external);
            claim->via_argument = i;
        }
        if (claim && i < declared)
            extract_guard_callee(call, i, claim);
    }
}
