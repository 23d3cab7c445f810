/* Calls given the slot an object's mark is at (extract_marked_slots.c),
 * each found by the comment on its line. */
#include <stddef.h>

struct line {
    char *cells;
    size_t used;
};

struct grid {
    struct line *lines;
    unsigned hsize, other;
};

void compact(struct line *gl);
void note(unsigned n);

void scroll(struct grid *gd, struct grid *other)
{
    compact(&gd->lines[gd->hsize]); /* at_marked */
    note(gd->hsize);
    gd->hsize++;
    if (gd->other) {
        compact(&gd->lines[gd->other]); /* at_marked_nested */
        ++gd->other;
    }
    compact(&gd->lines[gd->hsize]); /* at_mark_not_stepped */
    gd->hsize += 2;
    compact(&gd->lines[gd->other]); /* at_other_object_stepped */
    other->other++;
    compact(&other->lines[gd->hsize]); /* at_two_objects */
    gd->hsize++;
    if (gd->hsize)
        compact(&gd->lines[gd->hsize]); /* at_step_elsewhere */
    gd->hsize++;
    gd->hsize++;
    compact(&gd->lines[gd->other]); /* at_step_before */
}
