/* offsets.c — offset loops (extract_loop_offset.c): a counter counted up
 * by one from X to X + N runs N rounds, whatever X is; and near misses
 * that stay bounded by data.  Each loop is found by the comment on its
 * line. */
struct grid {
    unsigned sx, sy;
    unsigned first;
};

unsigned origin;

void use(unsigned y);
void locate(unsigned *y);
unsigned measure(const struct grid *gd);

void offset_counted(unsigned py, int start, char *buf, unsigned y)
{
    for (unsigned yy = py; yy < py + 4; yy++) /* offset_small */
        use(yy);
    for (int i = start; i < start + 5000; i++) /* offset_big */
        use((unsigned)i);
    for (int i = start; i <= start + 8 - 1; i++) /* offset_inclusive */
        use((unsigned)i);
    for (int i = start; start + 3 > i; ++i) /* offset_flipped */
        use((unsigned)i);
    for (int i = start; i < 6 + start; i += 1) /* offset_count_first */
        use((unsigned)i);
    for (char *p = buf; p < buf + 16; p++) /* offset_pointer */
        *p = ' ';
    for (unsigned i = y + 1; i < y + 1 + 10; i++) /* offset_expression */
        use(i);
    for (int i = start; i != start + 12; i++) /* offset_not_equal */
        use((unsigned)i);
    for (int i = start; i < start + -2; i++) /* offset_negative */
        use((unsigned)i);
}

void offset_parameter(struct grid *gd, unsigned py, unsigned ny, int s, int n)
{
    for (unsigned yy = py; yy < py + ny; yy++) /* param_rows */
        use(yy);
    for (int i = s; i <= s + n - 1; i++) /* param_minus_one */
        use((unsigned)i);
    for (unsigned yy = py; yy < py + gd->sy; yy++) /* data_field_count */
        use(yy);
    unsigned rows;
    rows = measure(gd);
    for (unsigned yy = py; yy < py + rows; yy++) /* data_local_count */
        use(yy);
}

void near_misses(struct grid *gd, unsigned px, unsigned py, unsigned ny, int s, int n, unsigned char low)
{
    unsigned yy, i;
    for (yy = py; yy < py + ny; yy++) /* miss_start_moved */
        py++;
    for (i = 0; i < py + ny; i++) /* miss_counter_elsewhere */
        use(i);
    for (i = px; i < py + ny; i++) /* miss_other_start */
        use(i);
    for (yy = py; yy < py + ny; yy++) /* miss_counter_moved */
        yy++;
    for (yy = py; yy < py + ny; yy += 2) /* miss_step_two */
        use(yy);
    for (yy = py; yy < py + ny; yy++) /* miss_count_moved */
        ny++;
    for (unsigned char c = low; c < low + 4; c++) /* miss_narrow */
        use(c);
    for (int j = (unsigned char)s; j < s + 4; j++) /* miss_cast_start */
        use((unsigned)j);
    for (i = origin; i < origin + 4; i++) /* miss_global_start */
        use(i);
    for (i = gd->first; i < gd->first + 4; i++) /* miss_field_start */
        use(i);
    for (int j = s; j != s + n - 1; j++) /* miss_not_equal_less */
        use((unsigned)j);
}

void near_miss_address(unsigned py, unsigned ny)
{
    locate(&py);
    for (unsigned yy = py; yy < py + ny; yy++) /* miss_start_address */
        use(yy);
}

void near_miss_counters(unsigned py, int s)
{
    unsigned yy, u;
    for (yy = py; yy < py + 4; yy++) /* miss_counter_address */
        use(yy);
    locate(&yy);
    for (origin = py; origin < py + 4; origin++) /* miss_global_counter */
        use(origin);
    for (u = (unsigned)s; u < s + 4; u++) /* miss_signedness */
        use(u);
}
