/* table_walks.c — tables walked to their sentinel (loop table_walk,
 * extract_loop_table_param.c) and fixed tables named by arguments or held
 * by global pointers (call_arg table_length, defined_variable
 * table_length: extract_tables.c); each place found by the comment on its
 * line. */
#include <stddef.h>

struct entry {
    int id;
    const char *name;
    struct entry *next;
};

int valid(const struct entry *e);
size_t count_chars(const char *s);
int sum(const int *numbers);

struct entry *lookup_by_id(struct entry *table, int id)
{
    while (table->name != NULL) { /* param_stepped */
        if (table->id == id)
            return table;
        table++;
    }
    return NULL;
}

const struct entry *lookup_through_copy(const struct entry *table, int id)
{
    const struct entry *p;
    for (p = table; p->name; p++) /* local_from_param */
        if (p->id == id)
            return p;
    return NULL;
}

const char *nth_name(const char *const *names)
{
    const char *const *p = names;
    while (*p != NULL) /* strings_by_two */
        p += 2;
    return p[-1];
}

const struct entry *list_walk(const struct entry *n)
{
    while (n->name) /* linked_list */
        n = n->next;
    return n;
}

static struct entry defaults[] = { { 1, "one", NULL }, { 0, NULL, NULL } };

const struct entry *reset_walk(const struct entry *table)
{
    if (table == NULL)
        table = defaults;
    while (table->name) /* reset_param */
        table++;
    return table;
}

size_t char_walk(const char *s)
{
    size_t n = 0;
    while (*s) { /* characters */
        s++;
        n++;
    }
    return n;
}

const struct entry *checked_walk(const struct entry *t)
{
    while (valid(t)) /* called_condition */
        t++;
    return t;
}

const struct entry *backward_walk(const struct entry *t)
{
    while (t->name) /* backwards */
        t--;
    return t;
}

static struct entry colours[] = { { 1, "red", NULL }, { 2, "green", NULL }, { 0, NULL, NULL } };
struct entry sizes_data[] = { { 1, "s", NULL }, { 2, "m", NULL }, { 3, "l", NULL }, { 0, NULL, NULL } };
struct entry *sizes = sizes_data;
struct entry *sizes_start = &sizes_data[0];
struct entry *nothing;
const char *const labels[] = { "a", "b", "c", "d", "e", NULL };
char text[64];
int numbers[8];

void use_tables(void)
{
    lookup_by_id(colours, 1); /* array_argument */
    lookup_by_id(&colours[0], 1); /* first_entry */
    lookup_by_id(&colours[1], 1); /* later_entry */
    lookup_by_id(sizes, 2); /* pointer_argument */
    nth_name(labels); /* strings_argument */
    count_chars(text); /* char_buffer */
    sum(numbers); /* number_array */
}
