/* test_program_link.c — the executables inferred for TUs of no build
 * target (program_link.c), on hand-built TUs: a server and a benchmark
 * (two `main`s) sharing a dict library whose dispatch table names a
 * handler TU; an assertion stub defined both by the server's debug.c and
 * by a small stub TU; a header's static inline helper that only the
 * server uses, naming a server-only TU; a test TU no `main` pulls in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "program_link.h"

enum { SERVER, BENCH, DICT, HANDLERS, ENGINE, DEBUG, ASSERT_STUB, SERVER_HELPER, TESTS, TU_COUNT };
enum { MAIN = 1, SERVER_RUN, BENCH_RUN, TABLE = 10, DICT_ADD = 20, ASSERT_FAIL = 30, DEBUG_COMMAND,
       HANDLER = 40, ENGINE_DISPOSE = 50, CONN_HELPER = 60, SERVER_ONLY = 70, TEST_THING = 80, SYMBOL_COUNT };

#define SERVER_BIT 1u
#define BENCH_BIT 2u

static void test_linked_programs(void **state)
{
    (void)state;
    static const uint8_t defines_main[TU_COUNT] = { [SERVER] = 1, [BENCH] = 1 };
    struct lc_link_definition definitions[] = {
        { SERVER, MAIN, 0 }, { SERVER, SERVER_RUN, 0 }, { SERVER, CONN_HELPER, 1 },
        { BENCH, MAIN, 0 }, { BENCH, BENCH_RUN, 0 }, { BENCH, CONN_HELPER, 1 },
        { DICT, DICT_ADD, 0 }, { DICT, TABLE, 0 },
        { HANDLERS, HANDLER, 0 },
        { ENGINE, ENGINE_DISPOSE, 0 },
        { DEBUG, ASSERT_FAIL, 0 }, { DEBUG, DEBUG_COMMAND, 0 },
        { ASSERT_STUB, ASSERT_FAIL, 0 },
        { SERVER_HELPER, SERVER_ONLY, 0 },
        { TESTS, TEST_THING, 0 },
    };
    struct lc_link_reference references[] = {
        { SERVER, MAIN, TABLE }, { SERVER, MAIN, DICT_ADD }, { SERVER, MAIN, DEBUG_COMMAND },
        { SERVER, MAIN, CONN_HELPER }, { SERVER, SERVER_RUN, ASSERT_FAIL }, { SERVER, CONN_HELPER, SERVER_ONLY },
        /* the benchmark names the server's serverRun (only a `main` TU
         * defines it) and never uses the header's helper */
        { BENCH, MAIN, DICT_ADD }, { BENCH, MAIN, ASSERT_FAIL }, { BENCH, MAIN, SERVER_RUN },
        { BENCH, CONN_HELPER, SERVER_ONLY },
        { DICT, LC_LINK_NONE, HANDLER }, { DICT, DICT_ADD, ASSERT_FAIL },
        { DEBUG, DEBUG_COMMAND, ENGINE_DISPOSE },
        { TESTS, TEST_THING, DICT_ADD },
    };
    struct lc_link_input input = {
        .tu_count = TU_COUNT, .symbol_count = SYMBOL_COUNT, .tu_defines_main = defines_main,
        .definitions = definitions, .definition_count = sizeof definitions / sizeof *definitions,
        .references = references, .reference_count = sizeof references / sizeof *references,
    };
    uint64_t programs[TU_COUNT];
    assert_int_equal(lc_link_programs(&input, programs), 0);
    assert_int_equal(programs[SERVER], SERVER_BIT);
    assert_int_equal(programs[BENCH], BENCH_BIT);
    assert_int_equal(programs[DICT], SERVER_BIT | BENCH_BIT);
    assert_int_equal(programs[HANDLERS], SERVER_BIT | BENCH_BIT);   /* through the dict's table */
    assert_int_equal(programs[ENGINE], SERVER_BIT);
    assert_int_equal(programs[DEBUG], SERVER_BIT);        /* the server's own definition of the stub */
    assert_int_equal(programs[ASSERT_STUB], BENCH_BIT);   /* the smaller one for the benchmark */
    assert_int_equal(programs[SERVER_HELPER], SERVER_BIT);   /* not through the unused inline helper */
    assert_int_equal(programs[TESTS], 0);
}

/* Two TUs define one symbol alike (same score, same size): the tie is
 * broken by tu_rank (the order of their paths), not by their numbers. */
static void test_tie_broken_by_rank(void **state)
{
    (void)state;
    enum { APP, STUB_B, STUB_A, COUNT };
    enum { APP_MAIN = 1, LOG_LINE, SYMBOLS };
    static const uint8_t defines_main[COUNT] = { [APP] = 1 };
    struct lc_link_definition definitions[] = {
        { APP, APP_MAIN, 0 }, { STUB_B, LOG_LINE, 0 }, { STUB_A, LOG_LINE, 0 },
    };
    struct lc_link_reference references[] = { { APP, APP_MAIN, LOG_LINE } };
    uint32_t by_path[COUNT] = { [APP] = 0, [STUB_A] = 1, [STUB_B] = 2 };
    struct lc_link_input input = {
        .tu_count = COUNT, .symbol_count = SYMBOLS, .tu_defines_main = defines_main,
        .definitions = definitions, .definition_count = 3, .references = references, .reference_count = 1,
    };
    uint64_t programs[COUNT];
    assert_int_equal(lc_link_programs(&input, programs), 0);
    assert_int_equal(programs[STUB_B], 1);   /* no ranks: the first TU */
    assert_int_equal(programs[STUB_A], 0);
    input.tu_rank = by_path;
    assert_int_equal(lc_link_programs(&input, programs), 0);
    assert_int_equal(programs[STUB_A], 1);   /* the first path */
    assert_int_equal(programs[STUB_B], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linked_programs),
        cmocka_unit_test(test_tie_broken_by_rank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
