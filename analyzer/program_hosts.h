/* program_hosts.h — in which processes the code of each library target of
 * a CMake build runs, inferred from the symbols the targets define and
 * name (program_hosts.c).  Used by program_load_programs.c; a plain data
 * interface so it can be tested on hand-built targets. */
#ifndef LOOPCHECK_PROGRAM_HOSTS_H
#define LOOPCHECK_PROGRAM_HOSTS_H

#include <stdint.h>

#define LC_HOSTS_PROGRAMS_MAX 64

/* Symbol `symbol` defined (with external linkage) or named by the code of
 * target `target`; symbols are small numbers, targets below
 * lc_hosts_input.target_count.  A name's `unit` is the file (TU) whose code
 * names it. */
struct lc_hosts_pair {
    uint32_t target, symbol, unit;
};

struct lc_hosts_input {
    uint32_t target_count;
    const uint8_t *is_executable;       /* per target: it defines `main` */
    struct lc_hosts_pair *definitions;  /* reordered by the call */
    uint32_t definition_count;
    struct lc_hosts_pair *names;        /* reordered by the call */
    uint32_t name_count;
    /* The targets each unit is built for: unit_targets[unit_start[u] ..
     * unit_start[u + 1]); NULL when no unit is built for several. */
    const uint32_t *unit_start, *unit_targets;
};

/* `bits` holds, per target, the programs it runs in: the caller sets each
 * executable's own bit and 0 for the libraries.  A library gets the bits
 * of every target that names a symbol the library defines and that target
 * does not (it links the library; not when the naming file is built for
 * the library too: a file built for several targets is parsed once, with
 * one target's command, so what it names says nothing of how the others
 * link to each other), and of every executable that defines a symbol the
 * library names when only executables define it (the library is a plugin
 * it loads; a name executables and libraries both define proves
 * nothing).  A library no known program links or loads is a
 * program of its own (a library built for others): it gets the next free
 * bit, `*program_count` grows, and `own_program[target]` says which (else
 * UINT32_MAX); libraries it links get that bit too.  Past
 * LC_HOSTS_PROGRAMS_MAX programs, such a library gets every bit.  0, or
 * -1 when memory runs out. */
int lc_hosts_spread(struct lc_hosts_input *input, uint64_t *bits, uint32_t *program_count, uint32_t *own_program);

#endif
