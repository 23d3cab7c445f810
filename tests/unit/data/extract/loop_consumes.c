/* loop_consumes.c — inner loops consuming the buffer their outer loop
 * scans (extract_loop_consumes.c), and near misses: each loop found by
 * the comment on its line. */
#include <ctype.h>
#include <stddef.h>

/* Length-prefixed labels: the outer loop reads a label's length, the
 * inner one its bytes (unbound's dname_lab_cmp). */
int compare_labels(const unsigned char *d1, const unsigned char *d2, int labels)
{
    while (labels > 1) {
        unsigned char len = *d1++;
        d2++;
        while (len) { /* loop: label bytes */
            if (tolower(*d1) != tolower(*d2))
                return tolower(*d1) - tolower(*d2);
            d1++;
            d2++;
            len--;
        }
        labels--;
    }
    return 0;
}

/* Records of a count and that many bytes, summed. */
unsigned sum_records(const unsigned char *p, unsigned records)
{
    unsigned sum = 0;
    for (unsigned r = 0; r < records; r++) {
        unsigned n = *p;
        p += 1;
        for (unsigned i = 0; i < n; i++, p++) /* loop: record bytes */
            sum += *p;
    }
    return sum;
}

/* Near misses: the pointer set afresh every outer round; moved on only by
 * the inner loop; written through, never read. */
unsigned rescan(const unsigned char *start, unsigned rounds, unsigned n)
{
    unsigned sum = 0;
    for (unsigned r = 0; r < rounds; r++) {
        const unsigned char *p = start;
        p++;
        unsigned len = n;
        while (len) { /* loop: set afresh */
            sum += *p;
            p++;
            len--;
        }
        sum += *p++;
    }
    return sum;
}

unsigned inner_only(const unsigned char *p, unsigned rounds, unsigned n)
{
    unsigned sum = 0;
    for (unsigned r = 0; r < rounds; r++) {
        unsigned len = n;
        while (len) { /* loop: inner only */
            sum += *p;
            p++;
            len--;
        }
    }
    return sum;
}

void fill_pairs(unsigned char *out, unsigned rows, unsigned columns)
{
    for (unsigned r = 0; r < rows; r++) {
        *out++ = 0;
        for (unsigned c = 0; c < columns; c++) { /* loop: written only */
            *out = (unsigned char)(r * c);
            out++;
        }
    }
}
