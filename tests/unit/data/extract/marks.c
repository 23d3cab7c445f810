/* marks.c — loops amortised over the calls of their function
 * (extract_loop_amortized.c): a fill from the mark an object keeps up to
 * a new size, and a scan down from the mark to the next place in use,
 * each followed by the mark moved there; and the shapes that are not. */
/* Filling from a mark the object keeps (extract_loop_amortized.c). */
struct row {
    char *cells;
    unsigned filled;
};

void row_grow(struct row *r, unsigned size)
{
    for (unsigned x = r->filled; x < size; x++) /* mark_moved */
        r->cells[x] = ' ';
    r->filled = size;
}

void row_grow_counter(struct row *r, unsigned size)
{
    unsigned x;
    for (x = r->filled; x < size; x++) /* mark_counter */
        r->cells[x] = ' ';
    r->filled = x;
}

void row_grow_kept(struct row *r, unsigned size)
{
    for (unsigned x = r->filled; x < size; x++) /* mark_kept */
        r->cells[x] = ' ';
}

void row_grow_reset(struct row *r, struct row *other, unsigned size)
{
    for (unsigned x = r->filled; x < size; x++) /* mark_other */
        r->cells[x] = ' ';
    other->filled = size;
    r->filled = 0;
}

void row_grow_before(struct row *r, unsigned size)
{
    r->filled = size;
    for (unsigned x = r->filled; x < size; x++) /* mark_before */
        r->cells[x] = ' ';
}

/* Scanning down from a mark to the next slot in use, the mark lowered
 * there after the scan (ae's maxfd). */
struct slot_table {
    int *used;
    int highest;
};

void slots_lower(struct slot_table *t)
{
    int j;
    for (j = t->highest - 1; j >= 0; j--) /* mark_lowered */
        if (t->used[j])
            break;
    t->highest = j;
}

void slots_lower_kept(struct slot_table *t)
{
    int j;
    for (j = t->highest - 1; j >= 0; j--) /* mark_lowered_kept */
        if (t->used[j])
            break;
}

void slots_lower_upward(struct slot_table *t, int limit)
{
    int j;
    for (j = t->highest; j >= 0; j++) { /* mark_lowered_upward */
        if (j >= limit)
            break;
        t->used[j] = 0;
    }
    t->highest = j;
}
