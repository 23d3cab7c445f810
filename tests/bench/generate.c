/* generate.c — a synthetic libuv code base for the benchmark
 * (tests/bench/run_bench.sh): UNITS translation units of FUNCTIONS
 * functions each, with cross-unit calls, loop callbacks registered with
 * uv_timer_start (directly, or through a wrapper that takes the callback as
 * a parameter), uv_read_start and uv_fs_stat, work offloaded with
 * uv_queue_work, and blocking calls planted in them (sleep, fsync,
 * uv_fs_stat with a NULL callback) — some reachable from the loop, some
 * only from a worker, from main or from nowhere.
 *
 * It writes, under OUTDIR:
 *   include/bench.h, include/setups.h, include/unit_K.h   headers
 *   src/common.c, src/main.c, src/unit_K.c               the TUs
 *   build/compile_commands.json
 *   expected_findings.txt    "src/unit_K.c:LINE" of every blocking call the
 *                            loop reaches, sorted (its own breadth-first
 *                            search over the call graph it generated)
 *   expected_includers.txt   "include/unit_K.h TU..." for every unit header
 *
 * Unit K includes include/unit_K.h and include/unit_(K+1).h, so editing a
 * unit header re-parses exactly two TUs.
 *
 * Usage: generate OUTDIR UNITS FUNCTIONS [SEED] */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Function slots of a unit: callbacks first, then helpers. */
enum { SLOT_SETUP, SLOT_TIMER, SLOT_WORK, SLOT_AFTER, SLOT_READ, SLOT_FIRST_HELPER };
enum { ZONE_LOOP, ZONE_WORKER, ZONE_MAIN, ZONE_COUNT };
enum plant { PLANT_NONE, PLANT_SLEEP, PLANT_FSYNC, PLANT_STAT_SYNC, PLANT_STAT_ASYNC, PLANT_KINDS };
#define MAX_CALLEES 3

struct gen_function {
    uint32_t callees[MAX_CALLEES];   /* global function numbers */
    int callee_count;
    enum plant plant;
    int plant_line;
    int on_loop;
};

struct generator {
    const char *outdir;
    int units, functions;            /* functions per unit */
    uint64_t rng;
    struct gen_function *fns;        /* units * functions */
    FILE *out;                       /* the file being written */
    int line;                        /* lines written to it so far */
};

static uint64_t gen_random(struct generator *g)
{
    g->rng ^= g->rng << 13;
    g->rng ^= g->rng >> 7;
    g->rng ^= g->rng << 17;
    return g->rng;
}

static int gen_chance(struct generator *g, int one_in)
{
    return gen_random(g) % (uint64_t)one_in == 0;
}

static uint32_t gen_number(const struct generator *g, int unit, int slot)
{
    return (uint32_t)unit * (uint32_t)g->functions + (uint32_t)slot;
}

static int gen_zone(int slot)
{
    return (slot - SLOT_FIRST_HELPER) % ZONE_COUNT;
}

/* A random helper of `zone` in `unit`, or -1 when the unit has none. */
static int gen_helper_in_zone(struct generator *g, int zone)
{
    int helpers = g->functions - SLOT_FIRST_HELPER;
    int in_zone = (helpers - zone + ZONE_COUNT - 1) / ZONE_COUNT;
    if (in_zone <= 0)
        return -1;
    return SLOT_FIRST_HELPER + zone + ZONE_COUNT * (int)(gen_random(g) % (uint64_t)in_zone);
}

static void gen_add_callee(struct generator *g, struct gen_function *fn, int unit, int slot)
{
    if (slot >= 0 && fn->callee_count < MAX_CALLEES)
        fn->callees[fn->callee_count++] = gen_number(g, unit, slot);
}

/* The call graph: each function calls into its zone, now and then into
 * the next unit or another zone; a quarter of the helpers and callbacks
 * make one planted call. */
static void gen_plan(struct generator *g)
{
    for (int u = 0; u < g->units; u++) {
        int next = (u + 1) % g->units;
        for (int s = 0; s < g->functions; s++) {
            struct gen_function *fn = &g->fns[gen_number(g, u, s)];
            int zone = s == SLOT_SETUP ? ZONE_MAIN : s == SLOT_WORK ? ZONE_WORKER
                     : s < SLOT_FIRST_HELPER ? ZONE_LOOP : gen_zone(s);
            gen_add_callee(g, fn, u, gen_helper_in_zone(g, zone));
            if (gen_chance(g, 3))
                gen_add_callee(g, fn, next, gen_helper_in_zone(g, zone));
            if (gen_chance(g, 16))
                gen_add_callee(g, fn, u, gen_helper_in_zone(g, (zone + 1) % ZONE_COUNT));
            if (s != SLOT_SETUP && gen_chance(g, 4))
                fn->plant = (enum plant)(1 + gen_random(g) % (PLANT_KINDS - 1));
        }
    }
}

/* Breadth-first from the loop's entry points, as loopcheck colors. */
static int gen_reach(struct generator *g)
{
    size_t total = (size_t)g->units * (size_t)g->functions;
    uint32_t *queue = malloc(total * sizeof *queue);
    if (!queue)
        return -1;
    size_t head = 0, tail = 0;
    for (int u = 0; u < g->units; u++) {
        static const int entries[] = { SLOT_TIMER, SLOT_AFTER, SLOT_READ };
        for (size_t e = 0; e < sizeof entries / sizeof *entries; e++) {
            if (entries[e] == SLOT_READ && u % 4 != 0)
                continue;   /* only every fourth unit starts reading */
            uint32_t n = gen_number(g, u, entries[e]);
            g->fns[n].on_loop = 1;
            queue[tail++] = n;
        }
    }
    while (head < tail) {
        const struct gen_function *fn = &g->fns[queue[head++]];
        for (int c = 0; c < fn->callee_count; c++) {
            struct gen_function *callee = &g->fns[fn->callees[c]];
            if (!callee->on_loop) {
                callee->on_loop = 1;
                queue[tail++] = fn->callees[c];
            }
        }
    }
    free(queue);
    return 0;
}

static void gen_emit(struct generator *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void gen_emit(struct generator *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(g->out, fmt, ap);
    va_end(ap);
    for (const char *p = fmt; *p; p++)
        g->line += *p == '\n';
}

static int gen_open(struct generator *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int gen_open(struct generator *g, const char *fmt, ...)
{
    char relative[256], path[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(relative, sizeof relative, fmt, ap);
    va_end(ap);
    snprintf(path, sizeof path, "%s/%s", g->outdir, relative);
    g->out = fopen(path, "w");
    g->line = 1;
    if (!g->out)
        fprintf(stderr, "generate: %s: %s\n", path, strerror(errno));
    return g->out ? 0 : -1;
}

static int gen_close(struct generator *g)
{
    int rc = ferror(g->out) || fclose(g->out) != 0 ? -1 : 0;
    g->out = NULL;
    return rc;
}

static void gen_function_name(const struct generator *g, uint32_t number, char *name, size_t size)
{
    static const char *const callbacks[] = { "setup", "on_timer", "work", "after_work", "on_read" };
    int unit = (int)(number / (uint32_t)g->functions), slot = (int)(number % (uint32_t)g->functions);
    if (slot < SLOT_FIRST_HELPER)
        snprintf(name, size, "u%d_%s", unit, callbacks[slot]);
    else
        snprintf(name, size, "u%d_h%d", unit, slot);
}

/* The planted call and the calls of one function body. */
static void gen_body(struct generator *g, uint32_t number, const char *fd)
{
    struct gen_function *fn = &g->fns[number];
    fn->plant_line = g->line;
    switch (fn->plant) {
    case PLANT_SLEEP: gen_emit(g, "    sleep(1);\n"); break;
    case PLANT_FSYNC: gen_emit(g, "    fsync(%s);\n", fd); break;
    case PLANT_STAT_SYNC:
        gen_emit(g, "    uv_fs_t stat_req;\n");
        fn->plant_line = g->line;
        gen_emit(g, "    uv_fs_stat(uv_default_loop(), &stat_req, \"/tmp\", NULL);\n");
        break;
    case PLANT_STAT_ASYNC:
        gen_emit(g, "    uv_fs_stat(uv_default_loop(), bench_fs_req(), \"/tmp\", bench_on_stat);\n");
        break;
    case PLANT_NONE:
    case PLANT_KINDS: break;
    }
    for (int c = 0; c < fn->callee_count; c++) {
        char name[64];
        gen_function_name(g, fn->callees[c], name, sizeof name);
        gen_emit(g, "    %s(%s + %d);\n", name, fd, c);
    }
}

static int gen_write_common(struct generator *g)
{
    if (gen_open(g, "include/bench.h") != 0)
        return -1;
    gen_emit(g, "#ifndef BENCH_H\n#define BENCH_H\n#include <fcntl.h>\n#include <stdlib.h>\n#include <unistd.h>\n"
                "#include <uv.h>\nvoid bench_every(uv_loop_t *loop, uv_timer_t *timer, uv_timer_cb cb, uint64_t ms);\n"
                "void bench_alloc(uv_handle_t *handle, size_t size, uv_buf_t *buf);\n"
                "void bench_on_stat(uv_fs_t *req);\nuv_fs_t *bench_fs_req(void);\n#endif\n");
    if (gen_close(g) != 0 || gen_open(g, "src/common.c") != 0)
        return -1;
    gen_emit(g, "#include \"bench.h\"\n\nstatic uv_fs_t bench_req;\n\n"
                "void bench_every(uv_loop_t *loop, uv_timer_t *timer, uv_timer_cb cb, uint64_t ms)\n{\n"
                "    uv_timer_init(loop, timer);\n    uv_timer_start(timer, cb, ms, ms);\n}\n\n"
                "void bench_alloc(uv_handle_t *handle, size_t size, uv_buf_t *buf)\n{\n"
                "    (void)handle;\n    *buf = uv_buf_init(malloc(size), (unsigned)size);\n}\n\n"
                "void bench_on_stat(uv_fs_t *req)\n{\n    uv_fs_req_cleanup(req);\n}\n\n"
                "uv_fs_t *bench_fs_req(void)\n{\n    return &bench_req;\n}\n");
    if (gen_close(g) != 0 || gen_open(g, "include/setups.h") != 0)
        return -1;
    for (int u = 0; u < g->units; u++)
        gen_emit(g, "void u%d_setup(uv_loop_t *loop);\n", u);
    if (gen_close(g) != 0 || gen_open(g, "src/main.c") != 0)
        return -1;
    gen_emit(g, "#include \"bench.h\"\n#include \"setups.h\"\n\nint main(void)\n{\n"
                "    uv_loop_t *loop = uv_default_loop();\n");
    for (int u = 0; u < g->units; u++)
        gen_emit(g, "    u%d_setup(loop);\n", u);
    gen_emit(g, "    return uv_run(loop, UV_RUN_DEFAULT);\n}\n");
    return gen_close(g);
}

static int gen_write_header(struct generator *g, int u)
{
    if (gen_open(g, "include/unit_%d.h", u) != 0)
        return -1;
    gen_emit(g, "#ifndef UNIT_%d_H\n#define UNIT_%d_H\n", u, u);
    for (int s = SLOT_FIRST_HELPER; s < g->functions; s++)
        gen_emit(g, "void u%d_h%d(int fd);\n", u, s);
    gen_emit(g, "#endif\n");
    return gen_close(g);
}

static void gen_write_setup(struct generator *g, int u)
{
    gen_emit(g, "void u%d_setup(uv_loop_t *loop)\n{\n", u);
    if (u % 2 == 0)
        gen_emit(g, "    uv_timer_init(loop, &u%d_timer);\n    uv_timer_start(&u%d_timer, u%d_on_timer, 100, 0);\n",
                 u, u, u);
    else
        gen_emit(g, "    bench_every(loop, &u%d_timer, u%d_on_timer, 100);\n", u, u);
    gen_emit(g, "    uv_queue_work(loop, &u%d_req, u%d_work, u%d_after_work);\n", u, u, u);
    if (u % 4 == 0)
        gen_emit(g, "    uv_tcp_init(loop, &u%d_tcp);\n"
                    "    uv_read_start((uv_stream_t *)&u%d_tcp, bench_alloc, u%d_on_read);\n", u, u, u);
    gen_emit(g, "    sleep(0);\n");
    gen_body(g, gen_number(g, u, SLOT_SETUP), "0");
    gen_emit(g, "}\n\n");
}

static int gen_write_unit(struct generator *g, int u)
{
    if (gen_open(g, "src/unit_%d.c", u) != 0)
        return -1;
    gen_emit(g, "#include \"bench.h\"\n#include \"unit_%d.h\"\n#include \"unit_%d.h\"\n\n", u, (u + 1) % g->units);
    gen_emit(g, "static uv_timer_t u%d_timer;\nstatic uv_work_t u%d_req;\nstatic uv_tcp_t u%d_tcp;\n\n", u, u, u);
    gen_emit(g, "static void u%d_on_timer(uv_timer_t *timer)\n{\n    int fd = timer != NULL;\n", u);
    gen_body(g, gen_number(g, u, SLOT_TIMER), "fd");
    gen_emit(g, "}\n\nstatic void u%d_work(uv_work_t *req)\n{\n    int fd = req != NULL;\n", u);
    gen_body(g, gen_number(g, u, SLOT_WORK), "fd");
    gen_emit(g, "}\n\nstatic void u%d_after_work(uv_work_t *req, int status)\n{\n    int fd = req != NULL && status;\n", u);
    gen_body(g, gen_number(g, u, SLOT_AFTER), "fd");
    gen_emit(g, "}\n\nstatic void u%d_on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)\n{\n"
                "    int fd = stream != NULL && nread > 0 && buf != NULL;\n", u);
    gen_body(g, gen_number(g, u, SLOT_READ), "fd");
    gen_emit(g, "}\n\n");
    for (int s = SLOT_FIRST_HELPER; s < g->functions; s++) {
        gen_emit(g, "void u%d_h%d(int fd)\n{\n", u, s);
        gen_body(g, gen_number(g, u, s), "fd");
        gen_emit(g, "}\n\n");
    }
    gen_write_setup(g, u);
    return gen_close(g);
}

static int gen_write_compdb(struct generator *g)
{
    if (gen_open(g, "build/compile_commands.json") != 0)
        return -1;
    gen_emit(g, "[\n");
    for (int u = -2; u < g->units; u++) {
        char source[64];
        if (u < 0)
            snprintf(source, sizeof source, "src/%s", u == -2 ? "main.c" : "common.c");
        else
            snprintf(source, sizeof source, "src/unit_%d.c", u);
        fprintf(g->out, "  {\"directory\": \"%s\", \"file\": \"%s\", \"arguments\": [\"cc\", \"-Iinclude\","
                        " \"-O2\", \"-c\", \"-o\", \"%s.o\", \"%s\"]}%s\n",
                g->outdir, source, source, source, u + 1 < g->units ? "," : "");
    }
    gen_emit(g, "]\n");
    return gen_close(g);
}

static int gen_write_expectations(struct generator *g)
{
    if (gen_open(g, "expected_findings.txt") != 0)
        return -1;
    for (int u = 0; u < g->units; u++)
        for (int s = 0; s < g->functions; s++) {
            const struct gen_function *fn = &g->fns[gen_number(g, u, s)];
            if (fn->on_loop && (fn->plant == PLANT_SLEEP || fn->plant == PLANT_FSYNC || fn->plant == PLANT_STAT_SYNC))
                fprintf(g->out, "src/unit_%d.c:%d\n", u, fn->plant_line);
        }
    if (gen_close(g) != 0 || gen_open(g, "expected_includers.txt") != 0)
        return -1;
    for (int u = 0; u < g->units; u++) {
        int before = (u + g->units - 1) % g->units;
        int first = before < u ? before : u, second = before < u ? u : before;
        if (first == second)
            fprintf(g->out, "include/unit_%d.h src/unit_%d.c\n", u, u);
        else
            fprintf(g->out, "include/unit_%d.h src/unit_%d.c src/unit_%d.c\n", u, first, second);
    }
    return gen_close(g);
}

static int gen_mkdir(const char *outdir, const char *sub)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", outdir, *sub ? "/" : "", sub);
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "generate: %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: generate OUTDIR UNITS FUNCTIONS [SEED]\n");
        return 2;
    }
    struct generator g = { .units = atoi(argv[2]), .functions = atoi(argv[3]) };
    g.rng = argc == 5 ? strtoull(argv[4], NULL, 10) * 2654435761u + 1 : 88172645463325252ull;
    if (g.units < 1 || g.functions < SLOT_FIRST_HELPER + ZONE_COUNT) {
        fprintf(stderr, "generate: need UNITS >= 1 and FUNCTIONS >= %d\n", SLOT_FIRST_HELPER + ZONE_COUNT);
        return 2;
    }
    char *outdir = realpath(argv[1], NULL);
    if (!outdir && (gen_mkdir(argv[1], "") != 0 || !(outdir = realpath(argv[1], NULL))))
        return 2;
    g.outdir = outdir;
    g.fns = calloc((size_t)g.units * (size_t)g.functions, sizeof *g.fns);
    int rc = g.fns && gen_mkdir(outdir, "include") == 0 && gen_mkdir(outdir, "src") == 0
                     && gen_mkdir(outdir, "build") == 0 ? 0 : -1;
    gen_plan(&g);
    rc = rc == 0 ? gen_reach(&g) : rc;
    rc = rc == 0 ? gen_write_common(&g) : rc;
    for (int u = 0; rc == 0 && u < g.units; u++)
        rc = gen_write_header(&g, u) == 0 && gen_write_unit(&g, u) == 0 ? 0 : -1;
    rc = rc == 0 ? gen_write_compdb(&g) : rc;
    rc = rc == 0 ? gen_write_expectations(&g) : rc;
    free(g.fns);
    free(outdir);
    return rc == 0 ? 0 : 1;
}
