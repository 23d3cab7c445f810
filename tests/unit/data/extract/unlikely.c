/* unlikely.c — calls in branches the code says are unlikely taken, by
 * __builtin_expect through the usual macros, in `if`s, `?:` arms and the
 * right side of `&&` and `||` (test_extract.c). */
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

int grow(int n);
int use(int n);

int branches(int n, int m)
{
    if (unlikely(n == 0))
        grow(1); /* at_unlikely_then */
    else
        use(1); /* at_unlikely_else */
    if (likely(n > 0))
        use(2); /* at_likely_then */
    else
        grow(2); /* at_likely_else */
    if (unlikely(n == 1) && m > 2) {
        if (m > 3)
            grow(3); /* at_nested_and */
    }
    if (unlikely(n == 2) || m > 2)
        use(3); /* at_either_then */
    if (!likely(m))
        grow(4); /* at_not_likely */
    if (m > 4)
        use(4); /* at_plain_then */
    else if (unlikely(m == 0))
        grow(5); /* at_chained_unlikely */
    else
        use(5); /* at_chained_rest */
    int v = unlikely(n == 3)
                ? grow(6) /* at_ternary_then */
                : use(7); /* at_ternary_else */
    v += unlikely(n == 4) && grow(7); /* at_and_right */
    v += likely(n) || grow(8); /* at_or_right */
    v += n > 5 && use(8); /* at_plain_and */
    return v + use(6); /* at_after */
}
