/* program_load_internal.h — the loading state shared by program_load.c
 * (functions, calls, arguments, stores) and program_load_bodies.c (loops,
 * accesses, held locks; the objects they name: program_load_objects.c).
 * Not for use outside the loader. */
#ifndef LOOPCHECK_PROGRAM_LOAD_INTERNAL_H
#define LOOPCHECK_PROGRAM_LOAD_INTERNAL_H

#include "program.h"
#include "strmap.h"

/* A TU whose copy of a function's body is used.  One per distinct
 * definition: a header's inline function stored by many TUs has one owner,
 * while the `main`s of several programs in one compile database each own
 * their own body. */
struct program_owner {
    int64_t tu_id, file_id;
    int line;
    struct program_owner *next;
};

/* Loading state: dense arrays indexed by database ids. */
struct program_loader {
    struct lc_program *program;
    sqlite3 *db;
    const char *path;            /* the store, when it may be opened again
                                    (more read-only connections); else NULL */
    FILE *err;
    const char **file_paths;     /* file.id -> path */
    int64_t file_max;
    const char **symbol_names;   /* symbol.id -> name */
    int64_t symbol_max;
    uint32_t *symbol_function;   /* symbol.id -> function index */
    struct program_owner **function_owners; /* function index -> owners */
    struct lc_arena owners;      /* the owners, freed with the loader */
    uint8_t *function_is_static;
    uint32_t *function_param_writes;  /* per function: what its definitions
                                         may write through (facts.h), 0
                                         before one is read */
    size_t function_cap, call_cap, arg_cap, store_cap, null_store_cap, object_store_cap, made_store_cap,
        derived_store_cap;
    int64_t *tu_order;           /* TU ids by path: the order rows are read in */
    size_t tu_count;
    int64_t current_tu;          /* the TU whose rows are being read */
    int corrupt;                 /* an id beyond LC_PROGRAM_LOADER_MAX_ROW_ID was met */
};

/* Row ids index tables sized max id + 1: a larger id can only come from a
 * corrupt database (and would overflow the size of those tables). */
#define LC_PROGRAM_LOADER_MAX_ROW_ID INT32_MAX


/* The single integer `sql` selects (-1 when unreadable); an id over
 * LC_PROGRAM_LOADER_MAX_ROW_ID is reported, marks the loader corrupt and
 * gives 0. */
int64_t program_loader_max_id(struct program_loader *loader, const char *sql);
/* program_load_programs.c: the executables and the functions' (program.h);
 * 0, or -1 when memory runs out. */
int program_loader_read_programs(struct program_loader *loader);
/* program_load_link.c: for the TUs `tu_ids` (ascending) of no build
 * target, the executables each is linked into (program_link.h: bit k for
 * the k-th of them defining `main`, 0 for none); 0, or -1. */
int program_loader_link_tus(struct program_loader *loader, const int64_t *tu_ids, const uint8_t *defines_main,
                            uint32_t count, uint64_t *programs);
/* program_load_hosts.c: the build's targets (numbered in the order of
 * their names) and the programs each runs in (program_hosts.h): an
 * executable its own bit; a library the bits of the programs that link
 * or load it, or a program of its own (appended to program_names). */
struct program_libraries {
    struct lc_strmap index;   /* target name -> number */
    const char **names;       /* number -> name */
    uint64_t *bits;           /* number -> programs (NULL: none read) */
    uint32_t target_count;
};
/* Needs the executables read first; 0, or -1 when memory runs out. */
int program_loader_library_programs(struct program_loader *loader, struct program_libraries *libraries);
/* The programs of target `name` (of `length`), 0 when unknown. */
uint64_t program_libraries_bits(const struct program_libraries *libraries, const char *name, size_t length);
void program_libraries_free(struct program_libraries *libraries);
/* program_load_link.c: the definitions and the references of the TUs
 * `tu_ids` (ascending), numbered by their place there, into `input`
 * (whose arrays the caller frees); 0, or -1. */
struct lc_link_input;
int program_loader_link_facts(struct program_loader *loader, const int64_t *tu_ids, uint32_t count,
                              struct lc_link_input *input);
sqlite3_stmt *program_loader_prepare(struct program_loader *loader, const char *sql);
/* Does this TU provide the body of `function` that is used? */
int program_loader_owns(const struct program_loader *loader, uint32_t function, int64_t tu_id);
const char *program_loader_file(struct program_loader *loader, int64_t file_id);
/* The function for a symbol, created on first use; LC_NONE on failure. */
uint32_t program_loader_function(struct program_loader *loader, int64_t symbol_id);
/* Fill a value from the columns kind, symbol_id, record, param_index. */
int program_loader_value(struct program_loader *loader, sqlite3_stmt *stmt, int first, struct lc_program_value *value);
/* The same from decoded columns; the kind from its stored spelling. */
int program_loader_value_of(struct program_loader *loader, enum lc_value_kind kind, int64_t symbol_id,
                            const char *record, int param_index, struct lc_program_value *value);
enum lc_value_kind program_loader_value_kind(const char *kind);

/* program_load_call_rows.c: the rows of the call table decoded on one
 * thread per core (each with a read-only connection of its own) straight
 * into program->calls, which it allocates, while the loader reads the
 * functions: program_loader_start_calls needs the file paths and the TU
 * order, and starts the threads; program_loader_finish_calls waits for
 * them (to be called whenever start returned 0).  Meanwhile the threads
 * read nothing of the loader but its file paths.  A row's place in
 * program->calls is its TU's first place plus its distance from the TU's
 * first row; a place with no row of the TU has caller LC_NONE.  Until
 * program_load_calls.c links the calls, `caller` holds the caller's symbol
 * id, the callee its kind and, in `function`, its symbol id (the record and
 * parameter of a callee named by flow node are in `indirect`), `loop` and,
 * in its extra (program->call_extras, gathered by finish), `zero_guard`,
 * `after_comma` and `branch_exit` the ids of the rows they refer to; an id
 * that does not fit is LC_NONE. */
struct program_call_rows_tu {
    int64_t tu_id, first_row, last_row;
    size_t first_place;
};
struct program_call_rows_indirect {
    size_t place;
    char *record;                /* malloc'd; NULL when none */
    int param_index;
};
struct program_call_rows_extra {
    size_t place;
    struct lc_program_call_extra extra;
};
struct program_call_rows_slice;  /* program_load_call_rows.c */
struct program_call_rows {
    struct program_call_rows_tu *tus;   /* the TUs with calls, in path order */
    size_t tu_count, place_count;
    struct program_call_rows_indirect *indirect;   /* by place */
    size_t indirect_count;
    struct program_call_rows_slice *slices;
    size_t slice_count;
};
int program_loader_start_calls(struct program_loader *loader, struct program_call_rows *rows);
int program_loader_finish_calls(struct program_loader *loader, struct program_call_rows *rows);
void program_call_rows_free(struct program_call_rows *rows);

/* program_load_calls.c.  The TUs by path into loader->tu_order; then `row`
 * (with `data`) on every row `sql` gives, TU by TU in that order: `sql` is a
 * query on `table` whose ?1 and ?2 bound a range of rowids and ?3 is the TU
 * id; loader->current_tu is that TU meanwhile.  0 or -1. */
typedef int program_loader_row_fn(struct program_loader *loader, sqlite3_stmt *stmt, void *data);
int program_loader_read_tu_order(struct program_loader *loader);
int program_loader_each_tu(struct program_loader *loader, const char *table, const char *sql,
                           program_loader_row_fn *row, void *data);
/* Calls (decoded by program_load_call_rows.c), their arguments, grouped by
 * caller, and stores; *call_of_row maps call.id to the call's index
 * (malloc'd, up to *call_row_max).  0 or -1. */
int program_loader_read_calls(struct program_loader *loader, const struct program_call_rows *rows,
                              uint32_t **call_of_row, int64_t *call_row_max);

/* program_load_bodies.c: loops, accesses and held locks (after calls).
 * Until it runs, program->calls[c].loop holds the id of the call's loop row
 * (LC_NONE: none); it makes it the loop's index. */
int program_loader_read_bodies(struct program_loader *loader, const uint32_t *call_of_row, int64_t call_row_max);

/* The state of program_loader_read_bodies (program_load_bodies.c). */
/* An access made by handing a variable's address to argument `argument`
 * (0-based) of `function`, defined in another TU. */
struct program_access_via {
    uint32_t access, function;
    int argument;
};

struct program_bodies_loader {
    struct program_loader *loader;
    uint32_t *symbol_object;      /* symbol.id -> object index */
    size_t object_cap, loop_cap, access_cap, held_cap, guard_cap;
    size_t call_extra_cap;        /* of program->call_extras: as many as it
                                     holds when the bodies are read */
    sqlite3_stmt *usr_of_symbol;
    struct lc_strmap families;    /* variable USR (before a field path) -> family */
    struct program_access_via *vias;   /* the accesses made through a callee */
    size_t via_count, via_cap;
};

/* program_load_helper_locks.c: add to each access of b->vias the locks
 * its callee holds for it (the helper_lock table, facts.h
 * lc_helper_lock); once the held locks are read. */
int program_bodies_helper_locks(struct program_bodies_loader *b);
/* program_load_objects.c: the object of a variable or lock symbol, made
 * when new (program->objects; b->symbol_object); LC_NONE for no symbol or
 * when memory runs out. */
uint32_t program_bodies_object(struct program_bodies_loader *b, int64_t symbol_id);

/* program_load_gates.c: the hand-off windows' marks among the lock
 * objects (facts.h LC_LOCK_GATE_PREFIX, LC_LOCK_GATE_UNCLOSED): sets the
 * object's gate_role (and gate_unclosed) from its USR (NULL: none); and
 * the gate bit of a role, numbered when new (program->gate_roles), 0 when
 * LC_GATE_MAX roles are numbered already: none of its windows is seen, so
 * its pairs stay reported. */
void program_load_gate_object(struct lc_program *program, const char *usr, struct lc_program_object *object);
uint8_t program_load_gate_bit(struct lc_program *program, const char *role);

/* program_load_writes.c: the function defined in the program that an
 * access's `via_callee` (a symbol) names, when `argument` is one its
 * param_writes mask covers, else LC_NONE (a write through it stays one
 * only when the mask says it writes there); the struct types some TU
 * writes through a pointer, by symbol (NULL when out of memory); does a
 * write by passing a struct of type `record` whole stay one. */
uint32_t program_loader_via_callee(const struct program_loader *loader, int64_t via_callee, int argument);
uint8_t *program_loader_written_records(struct program_loader *loader);
/* program_load_tables.c: the length of the fixed table a global pointer
 * no function writes holds, given to the arguments naming it (call_arg
 * table_length); 0 or -1. */
int program_loader_read_tables(struct program_loader *loader);
/* program_load_links.c: program->link_writes; 0 or -1. */
int program_loader_read_link_writes(struct program_loader *loader);
int program_loader_read_raised_limits(struct program_loader *loader);
int program_loader_read_counted_fields(struct program_loader *loader);
int program_loader_passed_record_writes(struct program_loader *loader, const uint8_t *written, int64_t record);

#endif
