/* test_program_hosts.c — the programs a CMake build's libraries run in
 * (program_hosts.c), on hand-built targets: a server linking a utility
 * library; a plugin naming the server's own API; a client library no
 * program links, with the library it links in turn; sources built into
 * both the server and the client library (names of both prove nothing,
 * and what such a file names proves no link between the two); more
 * programs than fit in the bits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "program_hosts.h"

enum { CLIENT, SERVER, BENCH, PLUGIN, TLS, UTIL, TARGET_COUNT };
enum { SERVER_API = 1, UTIL_HASH, CLIENT_NEW, TLS_WRITE, SHARED_PARSE, BENCH_RUN };
/* The files: one per target, and SHARED, built for the client and the
 * server (parsed with the client's command). */
enum { IN_CLIENT, IN_SERVER, IN_BENCH, IN_PLUGIN, IN_TLS, IN_UTIL, SHARED, UNIT_COUNT };
static const uint32_t unit_start[UNIT_COUNT + 1] = { 0, 1, 2, 3, 4, 5, 6, 8 };
static const uint32_t unit_targets[8] = { CLIENT, SERVER, BENCH, PLUGIN, TLS, UTIL, CLIENT, SERVER };

static const uint8_t is_executable[TARGET_COUNT] = { [SERVER] = 1, [BENCH] = 1 };

/* CLIENT and SERVER both define SHARED_PARSE (a source built into both);
 * the plugin names it too. */
static struct lc_hosts_pair definitions[] = {
    { SERVER, SERVER_API, IN_SERVER }, { UTIL, UTIL_HASH, IN_UTIL }, { CLIENT, CLIENT_NEW, IN_CLIENT },
    { TLS, TLS_WRITE, IN_TLS }, { CLIENT, SHARED_PARSE, SHARED }, { SERVER, SHARED_PARSE, SHARED },
    { BENCH, BENCH_RUN, IN_BENCH },
};

/* Spread over copies of `definitions` and `names` (the call sorts them). */
static void spread(const struct lc_hosts_pair *names, uint32_t name_count, uint64_t *bits, uint32_t *count,
                   uint32_t *own)
{
    struct lc_hosts_pair defined[7], named[10];
    for (uint32_t i = 0; i < 7; i++)
        defined[i] = definitions[i];
    for (uint32_t i = 0; i < name_count; i++)
        named[i] = names[i];
    struct lc_hosts_input input = { .target_count = TARGET_COUNT, .is_executable = is_executable,
                                    .definitions = defined, .definition_count = 7,
                                    .names = named, .name_count = name_count,
                                    .unit_start = unit_start, .unit_targets = unit_targets };
    assert_int_equal(lc_hosts_spread(&input, bits, count, own), 0);
}

static const struct lc_hosts_pair names[] = {
    { SERVER, UTIL_HASH, IN_SERVER },      /* the server links util */
    { SERVER, SHARED_PARSE, IN_SERVER },   /* its own */
    { PLUGIN, SERVER_API, IN_PLUGIN },     /* a plugin of the server */
    { PLUGIN, SHARED_PARSE, IN_PLUGIN },   /* the server's and the client's: no evidence */
    { CLIENT, TLS_WRITE, IN_CLIENT },      /* the client links tls */
    { BENCH, BENCH_RUN, IN_BENCH },        /* its own */
    { CLIENT, CLIENT_NEW, SHARED },        /* the shared file, as the client's */
    { SERVER, CLIENT_NEW, SHARED },        /* ...says nothing of the server */
    { CLIENT, SERVER_API, IN_CLIENT },     /* the client naming the server's API: a plugin */
};

static void test_links_and_plugins(void **state)
{
    (void)state;
    uint64_t bits[TARGET_COUNT] = { [SERVER] = 1, [BENCH] = 2 };
    uint32_t count = 2, own[TARGET_COUNT];
    spread(names, 9, bits, &count, own);
    assert_int_equal(count, 2);
    assert_int_equal(bits[UTIL], 1);
    assert_int_equal(bits[PLUGIN], 1);
    assert_int_equal(bits[CLIENT], 1);   /* through SERVER_API */
    assert_int_equal(bits[TLS], 1);      /* linked by the client */
    assert_int_equal(bits[BENCH], 2);
    for (int t = 0; t < TARGET_COUNT; t++)
        assert_int_equal(own[t], UINT32_MAX);
}

/* Without SERVER_API, nothing of the build links or loads the client. */
static void test_library_of_its_own(void **state)
{
    (void)state;
    uint64_t bits[TARGET_COUNT] = { [SERVER] = 1, [BENCH] = 2 };
    uint32_t count = 2, own[TARGET_COUNT];
    spread(names, 8, bits, &count, own);
    assert_int_equal(count, 3);
    assert_int_equal(own[CLIENT], 2);    /* a program of its own */
    assert_int_equal(bits[CLIENT], 4);
    assert_int_equal(bits[TLS], 4);      /* linked by the client only */
    assert_int_equal(own[TLS], UINT32_MAX);
    assert_int_equal(bits[PLUGIN], 1);   /* SHARED_PARSE did not tie it to the client */
    assert_int_equal(bits[UTIL], 1);
}

/* With every bit taken, a library of no program runs anywhere. */
static void test_out_of_bits(void **state)
{
    (void)state;
    struct lc_hosts_pair definitions_of_client[] = { { CLIENT, CLIENT_NEW, IN_CLIENT } };
    struct lc_hosts_input input = { .target_count = TARGET_COUNT, .is_executable = is_executable,
                                    .definitions = definitions_of_client, .definition_count = 1,
                                    .names = NULL, .name_count = 0 };
    uint64_t bits[TARGET_COUNT] = { [SERVER] = 1, [BENCH] = 2 };
    uint32_t count = LC_HOSTS_PROGRAMS_MAX, own[TARGET_COUNT];
    assert_int_equal(lc_hosts_spread(&input, bits, &count, own), 0);
    assert_int_equal(count, LC_HOSTS_PROGRAMS_MAX);
    assert_true(bits[CLIENT] == UINT64_MAX);
    assert_int_equal(own[CLIENT], UINT32_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_links_and_plugins),
        cmocka_unit_test(test_library_of_its_own),
        cmocka_unit_test(test_out_of_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
