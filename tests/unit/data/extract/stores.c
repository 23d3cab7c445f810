/* stores.c — function pointers stored into fields and variables
 * (input of tests/unit/test_extract*.c). */
typedef void (*cb_t)(int);

void a(int x);
void b(int x);
void c(int x);

struct ops {
    const char *name;
    cb_t on_read;
    cb_t on_close;
};

struct outer {
    struct ops ops;
    int flags;
};

struct cmd {
    const char *name;
    cb_t handler;
};

struct ops designated = { .on_read = a, .on_close = &b };
struct ops positional = { "pos", b, c };
struct ops mixed = { .on_read = a, c };
struct outer nested = { { "n", c, a }, 1 };
struct outer nested_designated = { .ops.on_close = b };
static const struct cmd table[] = { { "get", a }, { "set", b } };
static const struct cmd flat_table[] = { "get", c, "set", a };
cb_t handlers[4] = { a, b, [3] = c };
cb_t global_fp = a;

void use(struct ops *p, struct ops s, cb_t param)
{
    cb_t local = b;
    static cb_t local_static = { c };
    int n = 3;
    p->on_read = param;
    s.on_close = p->on_read;
    local = s.on_read;
    handlers[1] = local;
    struct ops *literal = &(struct ops){ .on_close = c };
    n = 4;
    (void)literal;
    (void)n;
    (void)table;
    (void)flat_table;
    (void)local_static;
}
