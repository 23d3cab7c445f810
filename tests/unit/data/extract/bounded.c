/* bounded.c — what a loop's bound names, for `bounded` models: a function
 * it calls, a field (RECORD.FIELD), a global variable; nothing for a
 * parameter or a constant (input of tests/unit/test_extract_loops.c). */
struct grid {
    unsigned sx, sy;
};

unsigned screen_rows(const struct grid *g);
void touch(unsigned x, unsigned y);

unsigned protocol_count;

void walk(const struct grid *g, unsigned n)
{
    for (unsigned y = 0; y < screen_rows(g); y++) /* by_call */
        touch(0, y);
    for (unsigned x = 0; x < g->sx; x++) /* by_field */
        touch(x, 0);
    for (unsigned i = 0; i < protocol_count; i++) /* by_global */
        touch(i, i);
    for (unsigned i = 0; i < n; i++) /* by_param */
        touch(i, 1);
    for (unsigned i = 0; i < 8; i++) /* by_constant */
        touch(i, 2);
}
