/* null_stores.c — NULL stored into function-pointer fields: assignments
 * (recorded) and initialisers (not: an array's terminator is no removal);
 * input of tests/unit/test_extract_stores.c (test_null_stores). */
typedef void (*hook_t)(void *);

struct vm {
    hook_t hook;
    hook_t trace;
};

static void on_step(void *p) { (void)p; }

struct vm idle = { .hook = 0 };
struct vm table[] = { { on_step, 0 }, { 0, 0 } };

void run(struct vm *vm, int traced)
{
    vm->hook = on_step;
    if (traced)
        vm->trace = (void *)0;
    vm->hook = 0;
    hook_t local = 0;
    local = 0;
    (void)local;
}
