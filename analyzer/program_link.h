/* program_link.h — which executables a TU of no build target is linked
 * into, inferred as a linker resolves symbols (program_link.c).  Used by
 * program_load_programs.c for make- and bear-style compile databases; a
 * plain data interface so it can be tested on hand-built TUs. */
#ifndef LOOPCHECK_PROGRAM_LINK_H
#define LOOPCHECK_PROGRAM_LINK_H

#include <stdint.h>

#define LC_LINK_NONE UINT32_MAX
#define LC_LINK_PROGRAMS_MAX 64

/* A function or global variable a TU defines; symbols are small dense
 * numbers below lc_link_input.symbol_count. */
struct lc_link_definition {
    uint32_t tu, symbol;
    uint8_t is_static;   /* a static function: linked to nothing else */
};

/* A symbol named by the code of a TU: `from` is the function whose body
 * names it (LC_LINK_NONE: a file-scope initialiser), `to` a function called
 * or whose address is taken, or a global variable read or written. */
struct lc_link_reference {
    uint32_t tu, from, to;
};

struct lc_link_input {
    uint32_t tu_count, symbol_count;
    const uint8_t *tu_defines_main;          /* per TU */
    const uint32_t *tu_rank;                 /* per TU: its place in the order of the
                                                TUs' paths, the last tie-break between
                                                definitions (NULL: TU order) */
    struct lc_link_definition *definitions;  /* reordered by the call */
    uint32_t definition_count;
    struct lc_link_reference *references;    /* reordered by the call */
    uint32_t reference_count;
};

/* Per TU, the executables it is linked into: bit i for the i-th TU that
 * defines `main` (in TU order; only the first LC_LINK_PROGRAMS_MAX), 0 for
 * a TU no `main` pulls in.  Each `main` TU starts a set; a TU joins when it
 * defines a symbol that the live code of a TU of the set names (its
 * non-static functions, its file-scope initialisers, and the static
 * functions those name) and no TU of the set defines it.  Of several TUs
 * defining one symbol: the one that defines the most symbols the set
 * names, then the one naming the fewest symbols itself, then the first
 * by tu_rank;
 * never one that defines another `main`.  `programs` has tu_count
 * elements; 0, or -1 when memory runs out. */
int lc_link_programs(struct lc_link_input *input, uint64_t *programs);

#endif
