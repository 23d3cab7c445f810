/* accesses.c — reads and writes of globals, statics and static locals,
 * atomic ones, and what is not an access (input of
 * tests/unit/test_extract_access.c).  Each access's line carries a tag. */
#include <stdatomic.h>
#include <stdio.h>

struct stats {
    int count;
    int values[4];
};

int counter;
static int file_static;
int array[4];
struct stats stats;
struct stats *current;
struct stats *slots[4];
_Atomic int atomic_counter;
atomic_long typedef_atomic;
int plain_for_builtins;
const int limit = 10;
static const char *const names[] = { "a", "b" };
char name[16];
_Thread_local int per_thread;

void fill(int *out);
void look(const int *in);
void copy(char *to, const char *from);
void use(int value);

#define INCREMENT(x) __atomic_add_fetch(&(x), 1, __ATOMIC_SEQ_CST)

void reads_and_writes(void)
{
    static int calls;
    int local = 0;
    calls++; /* write_static_local */
    local = counter; /* read_global */
    file_static = local; /* write_file_static */
    counter += counter - 1; /* write_compound */
    --counter; /* write_decrement */
    counter = counter + 1; /* write_and_read */
    array[local] = 1; /* write_element */
    stats.count = 3; /* write_field */
    current->count = 4; /* write_through_pointer */
    slots[local]->count = 5; /* read_element_pointer */
    fill(&slots[local]->values[0]); /* read_element_pointer_address */
    fill(&counter); /* write_by_address */
    fill(&stats.values[1]); /* write_by_field_address */
    look(&file_static); /* read_by_const_address */
    copy(name, "x"); /* write_array_argument */
    printf("%s %d\n", name, limit); /* read_variadic_array */
    use(sizeof counter + (int)sizeof(file_static)); /* sizeof_only */
    use(names[0][0] + per_thread); /* const_and_thread_local */
    use(local); /* local_only */
}

void atomics(void)
{
    atomic_counter++; /* atomic_type */
    use(typedef_atomic); /* atomic_typedef */
    __atomic_fetch_add(&plain_for_builtins, 1, __ATOMIC_SEQ_CST); /* atomic_gcc */
    __sync_fetch_and_add(&plain_for_builtins, 1); /* atomic_sync */
    atomic_fetch_add(&atomic_counter, 1); /* atomic_c11 */
    INCREMENT(plain_for_builtins); /* atomic_macro */
    use(atomic_load(&atomic_counter)); /* atomic_load */
    plain_for_builtins = 0; /* not_atomic */
}

void die(void);
void note(void);

/* Accesses in a branch that ends with a call are on the way to it. */
void branch_exits(int bad)
{
    static int warned;
    if (bad) {
        warned = 1; /* exit_to_die */
        die();
    }
    if (bad > 1) {
        counter = 2; /* exit_to_note */
        if (bad > 2) {
            file_static = 3; /* exit_to_inner_die */
            die();
        }
        note();
    }
    if (bad > 3) {
        counter = 4; /* no_exit_return */
        return;
    }
    counter = 5; /* no_exit_outside */
}

/* redis's serverPanic(): `_serverPanic(...), abort()` */
#define PANIC(msg) note(), die()

void comma_exits(int bad)
{
    if (bad) {
        counter = 8; /* exit_to_comma_die */
        PANIC("corrupt");
    }
}

/* tor's BUG(): true only once die() returned */
#define BUG(cond) ((cond) ? (die(), 1) : 0)

void bug_branches(int bad)
{
    if (BUG(bad > 4)) {
        counter = 6; /* exit_to_bug */
        note(); /* call_to_bug */
    } else {
        counter = 7; /* no_exit_else */
    }
}
