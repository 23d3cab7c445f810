/* program_load_gates.c — the marks of hand-off windows (`gated-thread`,
 * facts.h lc_gate_function) among the lock objects the store holds: they
 * are no locks, and become the gate bits of the calls and accesses that
 * hold them (program.h gate_windows, gate_unclosed). */
#include "program_load_internal.h"

#include <string.h>

void program_load_gate_object(struct lc_program *program, const char *usr, struct lc_program_object *object)
{
    size_t window = strlen(LC_LOCK_GATE_PREFIX), unclosed = strlen(LC_LOCK_GATE_UNCLOSED);
    object->gate_unclosed = usr && strncmp(usr, LC_LOCK_GATE_UNCLOSED, unclosed) == 0;
    if (object->gate_unclosed || (usr && strncmp(usr, LC_LOCK_GATE_PREFIX, window) == 0))
        object->gate_role = lc_arena_strdup(&program->arena, usr + (object->gate_unclosed ? unclosed : window));
}

uint8_t program_load_gate_bit(struct lc_program *program, const char *role)
{
    uint32_t g = 0;
    while (g < program->gate_count && strcmp(program->gate_roles[g], role) != 0)
        g++;
    if (g == LC_GATE_MAX)
        return 0;
    program->gate_roles[g] = role;
    program->gate_count += g == program->gate_count;
    return (uint8_t)(1u << g);
}
