/* cells.c — nested loops over the two sizes of one object
 * (extract_loop_cells.c): each loop found by the comment on its line. */
struct grid {
    unsigned sx, sy;
    char **rows;
    char *cells;
};

struct screen {
    struct grid *grid;
};

struct pair {
    unsigned count, other;
};

void grid_set(struct grid *gd, unsigned x, unsigned y, char c);
int compare(const struct pair *p, unsigned i, unsigned j);
void put(char c);

#define size_x(s) ((s)->grid->sx)
#define size_y(s) ((s)->grid->sy)

void walk_call(struct screen *s)
{
    for (unsigned yy = 0; yy < size_y(s); yy++)
        for (unsigned xx = 0; xx < size_x(s); xx++) /* cells_call */
            grid_set(s->grid, xx, yy, 'E');
}

void walk_subscript(struct grid *gd)
{
    for (unsigned y = 0; y < gd->sy; y++)
        for (unsigned x = 0; x < gd->sx; x++) /* cells_subscript */
            gd->rows[y][x] = ' ';
}

void walk_flat(struct grid *gd)
{
    for (unsigned y = 0; y < gd->sy; y++)
        for (unsigned x = 0; x < gd->sx; x++) /* cells_flat */
            gd->cells[y * gd->sx + x] = ' ';
}

void walk_same_size(struct grid *gd)
{
    for (unsigned y = 0; y < gd->sx; y++)
        for (unsigned x = 0; x < gd->sx; x++) /* cells_same_size */
            gd->rows[y][x] = ' ';
}

void walk_two_objects(struct grid *a, struct grid *b)
{
    for (unsigned y = 0; y < a->sy; y++)
        for (unsigned x = 0; x < b->sx; x++) /* cells_two_objects */
            a->rows[y][x] = ' ';
}

void walk_not_addressed(struct grid *gd)
{
    for (unsigned y = 0; y < gd->sy; y++)
        for (unsigned x = 0; x < gd->sx; x++) /* cells_not_addressed */
            put('E');
}

void walk_other_object(struct grid *gd, struct pair *p)
{
    for (unsigned i = 0; i < p->count; i++)
        for (unsigned j = 0; j < p->other; j++) /* cells_other_object */
            compare(p, i, j);
}

void walk_resized(struct grid *gd)
{
    for (unsigned y = 0; y < gd->sy; y++) {
        for (unsigned x = 0; x < gd->sx; x++) /* cells_resized */
            gd->rows[y][x] = ' ';
        gd->sx++;
    }
}
