/* loop_step_call.c — calls that move a loop's walker on (the loop's step,
 * extract_loop_step_call.c), and calls that do not: each call found by
 * the comment on its line. */
#include <stddef.h>

struct entry;
struct map;

struct entry *map_first(struct map *map);
struct entry *map_next(struct map *map, struct entry *at);
struct entry *map_next_remove(struct map *map, struct entry *at);
struct entry *map_lookup(struct map *map, unsigned key);
int keep(struct entry *e);
void use(struct entry *e);

/* The step in the condition. */
void in_condition(struct map *map)
{
    struct entry *e = NULL;
    while ((e = map_next(map, e)) != NULL) /* step: condition */
        use(e);
}

/* The walker the condition tests, given its next value in the body. */
void in_body(struct map *map)
{
    struct entry *i = map_first(map);
    while (i) {
        use(i);
        i = map_next_remove(map, i); /* step: body */
    }
}

/* The copy the increment steps the walker to, set in either branch. */
void through_copy(struct map *map)
{
    struct entry *e, *next;
    for (e = map_first(map); e != NULL; e = next) {
        if (keep(e))
            next = map_next(map, e); /* step: copy kept */
        else
            next = map_next_remove(map, e); /* step: copy removed */
    }
}

/* Either of two steps in the increment (tor's MAP_FOREACH_MODIFY). */
void either_step(struct map *map)
{
    struct entry *e;
    int del = 0;
    for (e = map_first(map); e != NULL;
         e = del ? map_next_remove(map, e) /* step: either removed */
                 : map_next(map, e)) /* step: either kept */
        del = !keep(e);
}

/* Near misses: a lookup that does not start from the walker, and a call
 * giving another variable its value. */
void not_steps(struct map *map, unsigned key)
{
    struct entry *i = map_first(map), *other;
    while (i) {
        other = map_next(map, i); /* step: other variable */
        use(other);
        i = map_lookup(map, key++); /* step: lookup */
    }
}

unsigned long queue_pop(void);
struct entry *list_pop(struct map *map);
void report(unsigned long code);

/* Loops kept going by a call's non-zero result, and near misses. */
void drains(struct map *map)
{
    unsigned long e;
    struct entry *taken;
    while ((e = queue_pop())) /* drain: assigned */
        report(e);
    while ((e = queue_pop()) != 0) /* drain: compared */
        report(e);
    while ((taken = list_pop(map)) != NULL) /* drain: pointer */
        use(taken);
    while (queue_pop()) /* drain: bare */
        report(0);
    while ((e = queue_pop()) == 0) /* drain: until */
        report(e);
    while (e-- > 0) /* drain: counted */
        report(e);
}
