/* facts.h — the facts the AST walker extracts from one translation unit.
 *
 * A `struct lc_tu_facts` is filled by extract.c (one per TU, on a worker
 * thread), written to the database by store.c and freed.  Every string in it
 * lives in the TU's arena, so freeing the facts is one call.
 *
 * Locations are expansion locations (the macro use, not its definition);
 * file names are absolute and normalised; lines and columns are 1-based.
 */
#ifndef LOOPCHECK_FACTS_H
#define LOOPCHECK_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct lc_location {
    const char *file;
    unsigned line;
    unsigned col;
};

/* Annotation bits from __attribute__((annotate("loopcheck:..."))). */
enum lc_annotation {
    LC_ANNOT_ASYNC = 1u << 0,       /* runs on the loop thread */
    LC_ANNOT_WORKER = 1u << 1,      /* runs on a pool / other thread */
    LC_ANNOT_BLOCKING = 1u << 2,    /* calling it may block */
    LC_ANNOT_NONBLOCKING = 1u << 3, /* asserted never to block */
};

/* A function declaration or definition. */
struct lc_function_fact {
    const char *usr;        /* clang USR: static functions are file-qualified */
    const char *name;
    struct lc_location loc; /* the name in the declaration */
    int is_definition;
    int is_static;
    unsigned annotations;   /* enum lc_annotation bits */
};

/* What an expression of function-pointer type (a callee, an argument, a
 * stored value) refers to.  Linking resolves FIELD/VAR/PARAM to functions. */
enum lc_value_kind {
    LC_VALUE_OTHER = 0,  /* anything loopcheck does not follow */
    LC_VALUE_NULL,       /* NULL, 0, (void *)0 */
    LC_VALUE_INT,        /* an integer constant: int_value is set */
    LC_VALUE_FUNCTION,   /* a function designator: usr/name of the function */
    LC_VALUE_FIELD,      /* s.f, p->f, t[i].f: usr of the field */
    LC_VALUE_VAR,        /* a variable (global, static, local): usr of it */
    LC_VALUE_PARAM,      /* a parameter of the enclosing function */
};

struct lc_value {
    enum lc_value_kind kind;
    const char *usr;    /* FUNCTION: the function; FIELD: the field; VAR: the
                           variable; PARAM: the enclosing function */
    const char *name;   /* FUNCTION/VAR/PARAM: its name; FIELD: field name */
    const char *record; /* FIELD: the struct/union name ("uv_timer_s", or the
                           typedef name of an anonymous one) */
    int param_index;    /* PARAM: 0-based parameter index */
    long long int_value;/* INT */
};

/* A call expression inside a function body. */
struct lc_call_fact {
    const char *caller_usr;
    struct lc_value callee;   /* FUNCTION for a direct call */
    struct lc_location loc;   /* expansion location of the call */
    size_t nargs;
    struct lc_value *args;    /* nargs values */
    const char **arg_texts;   /* nargs source spellings (may be truncated) */
};

/* A function-pointer value stored into a field or variable:
 * `s.cb = f`, `p->cb = f`, `{ .cb = f }`, `fp_t fp = f`, `table[] = { f }`. */
struct lc_store_fact {
    struct lc_value target;   /* FIELD or VAR */
    struct lc_value value;    /* FUNCTION, FIELD, VAR or PARAM */
    const char *in_function_usr; /* NULL at file scope */
    struct lc_location loc;
};

struct lc_tu_facts {
    struct lc_arena arena;
    const char *path;          /* the main file */

    struct lc_function_fact *functions;
    size_t function_count, function_cap;
    struct lc_call_fact *calls;
    size_t call_count, call_cap;
    struct lc_store_fact *stores;
    size_t store_count, store_cap;

    const char **included_files; /* every header the TU read (absolute) */
    size_t included_count, included_cap;

    const char *error;         /* set when the TU failed: "file:line:col: msg" */
};

void lc_tu_facts_init(struct lc_tu_facts *facts);
void lc_tu_facts_free(struct lc_tu_facts *facts);

/* Append one element and return it zeroed; NULL when memory runs out. */
struct lc_function_fact *lc_tu_facts_add_function(struct lc_tu_facts *facts);
struct lc_call_fact *lc_tu_facts_add_call(struct lc_tu_facts *facts);
struct lc_store_fact *lc_tu_facts_add_store(struct lc_tu_facts *facts);
int lc_tu_facts_add_include(struct lc_tu_facts *facts, const char *path);

#endif
