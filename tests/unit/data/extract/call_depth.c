/* call_depth.c — self-calls made only once a depth counter passed a limit
 * (extract_call_depth.c), found by the comment on their line. */
#include <stddef.h>

struct request {
    const char *name;
    unsigned hops;
    struct request *next;
};

const char *target_of(const char *name);

static int nesting;

/* The counter incremented in the test, a field of the parameter passed
 * on; the branch that changes the parameter returns first. */
int follow(struct request *req, int flag)
{
    if (flag) {
        req = req->next;
        return 0;
    }
    if (req->hops++ < 16) {
        req->name = target_of(req->name);
        return follow(req, 0); /* field_in_test */
    }
    return -1;
}

/* A parameter, given one more. */
int descend(const char *name, int depth)
{
    if (depth >= 8)
        return 0;
    return descend(target_of(name), depth + 1); /* parameter_plus_one */
}

/* A static counter incremented after the test that leaves. */
int nest(const char *name)
{
    if (nesting > 100)
        return -1;
    nesting++;
    int r = nest(target_of(name)); /* static_after_test */
    nesting--;
    return r;
}

/* Near misses. */
int no_increment(const char *name)
{
    if (nesting > 100)
        return -1;
    return no_increment(target_of(name)); /* never_incremented */
}

int local_counter(const char *name)
{
    int level = 0;
    if (level++ < 8)
        return local_counter(target_of(name)); /* local_level */
    return 0;
}

int wrong_way(struct request *req)
{
    if (req->hops++ > 16)
        return wrong_way(req); /* bound_below */
    return 0;
}

int other_object(struct request *req)
{
    if (req->hops++ < 16) {
        req = req->next;
        return other_object(req); /* changed_parameter */
    }
    return 0;
}

int same_depth(const char *name, int depth)
{
    if (depth >= 8)
        return 0;
    return same_depth(target_of(name), depth); /* depth_as_given */
}

int in_loop(struct request *req)
{
    int n = 0;
    if (req->hops++ < 16)
        for (struct request *r = req; r; r = r->next)
            n += in_loop(r); /* in_a_loop */
    return n;
}

int set_back(struct request *req)
{
    if (req->hops++ < 16) {
        req->hops = 0;
        return set_back(req); /* counter_set_back */
    }
    return 0;
}

int nest_reset(const char *name)
{
    if (nesting > 100)
        return -1;
    nesting++;
    nesting--;
    return nest_reset(target_of(name)); /* counter_decremented */
}
