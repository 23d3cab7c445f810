/* Functions declared never to return, each way C and clang allow. */
#define NORETURN __attribute__((noreturn))

void gnu_attribute(const char *why) __attribute__((noreturn));
NORETURN void gnu_macro(void);
_Noreturn void c11_specifier(int status);
void analyzer_only(const char *file, int line) __attribute__((analyzer_noreturn));
void with_format(const char *format, ...) __attribute__((format(printf, 1, 2), noreturn));
void returns(void) __attribute__((cold));

NORETURN void gnu_macro(void)
{
    for (;;)
        ;
}

/* Returns before a call that ends the process, each under a test of a
 * parameter: a caller passing NULL there makes it end the process. */
void finish(int code) __attribute__((noreturn));

int check_file(const char *path, void *stream)
{
    (void)path;
    if (stream)
        return 1;
    finish(2); /* after_guarded_return */
}

int check_mixed(int verbose, void *stream)
{
    if (verbose)
        return 0;
    if (stream)
        return 1;
    finish(3); /* after_mixed_returns */
}

int check_plain(void *stream)
{
    if (!stream)
        return 0;
    finish(4); /* after_negated_return */
}
