/* Writes of a global under a test that it is 0 (lazy initialisation), and
 * writes that are not (test_extract_stores.c, test_lazy_writes). */
#include <stddef.h>

struct table { int size; };
static struct table *table;
static struct table the_table;
static int inited;
static long origin;
static int kind;
void run(int n);

struct table *table_get(void)
{
    if (table == NULL)
        table = &the_table; /* lazy_null */
    return table;
}

void init_once(long now)
{
    if (!inited) {
        origin = now; /* other_variable */
        inited = 1; /* lazy_flag */
        run(1); /* call_under_flag */
    }
    if (!table) {
        run(2); /* call_under_null */
        switch (kind) {
        case 0:
            table = &the_table; /* lazy_switch */
            break;
        }
    }
    if (table)
        table = NULL; /* not_zero */
    inited = 0; /* unguarded */
    if (!origin)
        the_table.size = 1; /* field_path */
}
