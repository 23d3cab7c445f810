/* byte_args.c — arguments at most a bound (call_arg at_most,
 * extract_loop_byte.c), each call found by the comment on its line: an
 * unsigned one-byte value, or one plus a constant. */
#include <stddef.h>
#include <stdint.h>

unsigned hash_n(const uint8_t *key, size_t length, unsigned h);

struct label {
    uint8_t len;
    signed char delta;
    uint16_t wide;
};

unsigned hash_labels(const uint8_t *name, const struct label *l, size_t n)
{
    uint8_t labuf[64];
    uint8_t lablen = *name++;
    unsigned char c = name[0];
    unsigned h = 0;
    h = hash_n(labuf, labuf[0] + 1, h); /* element_plus_one */
    h = hash_n(name, lablen, h); /* byte_variable */
    h = hash_n(name, (size_t)l->len, h); /* byte_field_cast */
    h = hash_n(name, 2 + c, h); /* constant_first */
    h = hash_n(name, l->delta, h); /* signed_byte */
    h = hash_n(name, l->wide, h); /* two_bytes */
    h = hash_n(name, lablen * 2, h); /* byte_times_two */
    h = hash_n(name, n, h); /* whole_count */
    return h;
}
