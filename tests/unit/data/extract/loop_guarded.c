/* loop_guarded.c — loops bounded by a size their function tested against
 * a constant first (extract_loop_guarded.c), each found by the comment on
 * its line. */
struct request {
    int n;
    int items[64];
};

void work(int i);
void refill(struct request *r);

int parse(struct request *r, int count, unsigned len, int verbose)
{
    int i;
    if (count > 16)
        return -1;
    for (i = 0; i < count; i++) /* after_return */
        work(i);
    if (r->n <= 8) {
        for (i = 0; i < r->n; i++) /* in_then */
            work(i);
    }
    if (verbose || 32 < r->n)
        return 0;
    for (i = r->n; i > 0; i--) /* after_either */
        work(i);
    if (r->n > 4) {
        work(r->n);
    } else {
        for (i = 0; i < r->n; i++) /* in_else */
            work(i);
    }
    if (len > 255)
        len = 255;
    for (unsigned j = 0; j < len; j++) /* after_clamp */
        work((int)j);
    return 0;
}

int unguarded(struct request *r, int count, int verbose)
{
    int i;
    for (i = 0; i < r->items[0]; i++) /* other_bound */
        work(i);
    if (verbose && count > 16)
        return -1;
    for (i = 0; i < count; i++) /* only_with_another */
        work(i);
    if (count > 16) {
        work(count);
    }
    for (i = 0; i < count; i++) /* not_leaving */
        work(i);
    if (count > 16)
        return -1;
    count *= 4;
    for (i = 0; i < count; i++) /* changed_after */
        work(i);
    if (r->n > 16)
        return -1;
    for (i = 0; i < r->n; i++) /* grown_inside */
        r->n++;
    if (count > 16)
        return -1;
    while (verbose--) {
        for (i = 0; i < count; i++) /* grown_around */
            work(i);
        count += 10;
    }
    while (verbose++ < 100) {
        if (count > 16)
            break;
        for (i = 0; i < count; i++) /* tested_each_round */
            work(i);
        count += 10;
    }
    if (count > 100000)
        return -1;
    for (i = 0; i < count; i++) /* overflow_guard */
        work(i);
    return 0;
}
