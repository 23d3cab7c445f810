/* cells.c — nested loops over the two sizes of one object, or over a
 * rectangle of its cells (extract_loop_cells.c): each loop found by the
 * comment on its line. */
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

/* Rectangles whose bounds are not sizes of the object: each round is
 * still another cell of it. */
void grid_clear_cell(struct grid *gd, unsigned x, unsigned y, unsigned bg);
int rows_equal(struct grid *gd, unsigned y, unsigned other);
void put_at(unsigned x, unsigned y, char c);

void clear_area(struct grid *gd, unsigned px, unsigned py, unsigned nx, unsigned ny, unsigned bg)
{
    for (unsigned yy = py; yy < py + ny; yy++)
        for (unsigned xx = px; xx < px + nx; xx++) /* rect_call */
            grid_clear_cell(gd, xx, yy, bg);
}

void clear_rows(struct grid *gd, unsigned width, unsigned height)
{
    for (unsigned y = 0; y < height; y++) {
        unsigned used = width;
        if (used > gd->sx)
            used = gd->sx;
        for (unsigned x = 0; x < used; x++) /* rect_subscript */
            gd->rows[y][x] = ' ';
    }
}

void clear_to_width(struct grid *gd, unsigned top, unsigned ny)
{
    for (unsigned y = top; y < top + ny; y++)
        for (unsigned x = 0; x < gd->sx; x++) /* rect_one_size */
            grid_set(gd, x, y, ' ');
}

void same_bound_pairs(struct grid *gd, unsigned py, unsigned ny)
{
    for (unsigned y = py; y < py + ny; y++)
        for (unsigned other = py; other < py + ny; other++) /* rect_same_bound */
            rows_equal(gd, y, other);
}

void triangle_pairs(struct grid *gd, unsigned n, unsigned m)
{
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = i + 1; j < m; j++) /* rect_triangle */
            rows_equal(gd, i, j);
}

void same_counter_twice(struct grid *gd, unsigned nx, unsigned ny)
{
    for (unsigned y = 0; y < ny; y++)
        for (unsigned x = 0; x < nx; x++) /* rect_same_counter */
            gd->rows[y][y] = ' ';
}

void size_of_another(struct grid *gd, struct grid *other, unsigned nx)
{
    for (unsigned y = 0; y < other->sy; y++)
        for (unsigned x = 0; x < nx; x++) /* rect_other_size */
            grid_set(gd, x, y, ' ');
}

void reset_outer_counter(struct grid *gd, unsigned nx, unsigned ny)
{
    for (unsigned y = 0; y < ny; y++) {
        for (unsigned x = 0; x < nx; x++) /* rect_counter_reset */
            grid_set(gd, x, y, ' ');
        if (gd->rows[y][0] == '\0')
            y = 0;
    }
}

void reset_inner_counter(struct grid *gd, unsigned nx, unsigned ny)
{
    for (unsigned y = 0; y < ny; y++)
        for (unsigned x = 0; x < nx; x++) { /* rect_inner_back */
            grid_set(gd, x, y, ' ');
            if (gd->rows[y][x] == '\0')
                x = 0;
        }
}

void moving_object(struct grid *gd, unsigned nx, unsigned ny)
{
    for (unsigned y = 0; y < ny; y++) {
        for (unsigned x = 0; x < nx; x++) /* rect_moving_object */
            grid_set(gd, x, y, ' ');
        gd++;
    }
}

void no_object(unsigned nx, unsigned ny)
{
    for (unsigned y = 0; y < ny; y++)
        for (unsigned x = 0; x < nx; x++) /* rect_no_object */
            put_at(x, y, 'E');
}

struct matrix {
    unsigned rows, columns;
    double **at;
};

void multiply(struct matrix *c, const struct matrix *a, const struct matrix *b, unsigned n, unsigned m, unsigned l)
{
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = 0; j < m; j++) { /* product_cell */
            double sum = 0;
            for (unsigned k = 0; k < l; k++) /* product_sum */
                sum += a->at[i][k] * b->at[k][j];
            c->at[i][j] = sum;
        }
}
