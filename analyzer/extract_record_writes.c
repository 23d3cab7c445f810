/* extract_record_writes.c — the struct types a TU writes through a
 * pointer (facts.h written_records).  A global struct whose address is
 * passed to a call is written only when some code writes a struct of its
 * type through a pointer: `p->f = v`, `(*p).f += v`, `p[i].f++`, `*p = v`,
 * or when a pointer to one becomes another pointer type (`memset(p, 0,
 * n)`, `(char *)p`, a `void *` argument or field), after which any write
 * may reach it.  A write into a struct held by value inside another one
 * (`kvs->dtype.userdata = kvs`, `memcpy(&kvs->dtype, ...)`) writes the
 * outer struct, reached through the pointer, not its member's type: no
 * standalone object of the member's type is touched.  Direct writes of a
 * variable (`g.f = v`) are accesses of it already.  Struct types declared
 * in system headers are always taken as written (a library writes them). */
#include "extract_internal.h"

const char *lc_extract_record_usr(struct lc_extract_walk *walk, CXType type)
{
    type = clang_getCanonicalType(type);
    while (type.kind == CXType_ConstantArray || type.kind == CXType_IncompleteArray
           || type.kind == CXType_VariableArray)
        type = clang_getCanonicalType(clang_getArrayElementType(type));
    CXCursor declaration = clang_getTypeDeclaration(type);
    if (type.kind != CXType_Record || clang_getCursorKind(declaration) != CXCursor_StructDecl
        || clang_Location_isInSystemHeader(clang_getCursorLocation(declaration)))
        return NULL;
    return lc_extract_usr(walk, clang_getCanonicalCursor(declaration));
}

static void record_writes_note(struct lc_extract_walk *walk, CXType pointee)
{
    const char *usr = lc_extract_record_usr(walk, pointee);
    if (usr && lc_tu_facts_add_written_record(walk->facts, usr) != 0)
        walk->out_of_memory = 1;
}

/* The struct reached through a pointer that an lvalue is part of: for
 * `p->a.b`, `(*p).a`, `p[i].a`, `*p`, `p[i]`, the type p points to; noted,
 * and 1.  An lvalue rooted at a variable (`g.a.b`, `local`) notes nothing:
 * 0. */
static int record_writes_lvalue(struct lc_extract_walk *walk, CXCursor lvalue)
{
    CXCursor base;
    for (unsigned depth = 0; depth < 64; depth++) {
        lvalue = lc_extract_strip(lvalue);
        enum CXCursorKind kind = clang_getCursorKind(lvalue);
        if (kind == CXCursor_MemberRefExpr && lc_extract_children(lvalue, &base, 1) == 1) {
            CXType base_type = clang_getCanonicalType(clang_getCursorType(lc_extract_strip(base)));
            if (base_type.kind == CXType_Pointer) {   /* `p->f` */
                record_writes_note(walk, clang_getPointeeType(base_type));
                return 1;
            }
            lvalue = base;
        } else if (kind == CXCursor_ArraySubscriptExpr && lc_extract_children(lvalue, &base, 1) >= 1) {
            CXType base_type = clang_getCanonicalType(clang_getCursorType(lc_extract_strip(base)));
            if (base_type.kind == CXType_Pointer) {   /* `p[i]` */
                record_writes_note(walk, clang_getPointeeType(base_type));
                return 1;
            }
            lvalue = base;
        } else if (kind == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(lvalue) == CXUnaryOperator_Deref
                   && lc_extract_children(lvalue, &base, 1) == 1) {   /* `*p` */
            record_writes_note(walk, clang_getCursorType(lvalue));
            return 1;
        } else {
            return 0;
        }
    }
    return 0;
}

static void record_writes_conversion(struct lc_extract_walk *walk, CXCursor cast)
{
    CXCursor operand;
    CXType to = clang_getCanonicalType(clang_getCursorType(cast));
    if (to.kind != CXType_Pointer || lc_extract_children(cast, &operand, 1) != 1)
        return;
    CXType from = clang_getCanonicalType(clang_getCursorType(operand));
    CXType pointee = clang_getCanonicalType(clang_getPointeeType(from));
    if (from.kind != CXType_Pointer || pointee.kind != CXType_Record || clang_isConstQualifiedType(pointee)
        || clang_isConstQualifiedType(clang_getPointeeType(to))
        || clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(to)), pointee))
        return;
    /* `&s->member` converted: the write lands in the struct s points to
     * (noted), not in a standalone object of the member's type. */
    CXCursor stripped = lc_extract_strip(operand), member;
    if (clang_getCursorKind(stripped) == CXCursor_UnaryOperator
        && clang_getCursorUnaryOperatorKind(stripped) == CXUnaryOperator_AddrOf
        && lc_extract_children(stripped, &member, 1) == 1
        && clang_getCursorKind(lc_extract_strip(member)) == CXCursor_MemberRefExpr) {
        if (record_writes_lvalue(walk, member))
            return;
    }
    record_writes_note(walk, pointee);
}

void lc_extract_record_writes(struct lc_extract_walk *walk, CXCursor cursor, enum CXCursorKind kind)
{
    CXCursor target;
    if (kind == CXCursor_UnexposedExpr || kind == CXCursor_CStyleCastExpr)
        record_writes_conversion(walk, cursor);
    else if (!walk->function_usr)
        return;
    else if (!clang_Cursor_isNull(target = lc_extract_assigned_operand(cursor)))
        (void)record_writes_lvalue(walk, target);
}
