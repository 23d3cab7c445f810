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

/* An error its caller asserts away. */
#define CHECK(expr) do { if (!(expr)) finish(9); } while (0)

void note_failure(void);
int failures;

int setup(int fd)
{
    if (fd < 0) {
        failures++; /* error_access */
        note_failure(); /* error_call */
        return -1;
    }
    if (fd > 1000) {
        note_failure(); /* not_error_call */
        return 0;
    }
    return 0;
}

void start(int fd)
{
    int r = setup(fd); /* tested_call */
    CHECK(r == 0);
}

void start_late(int fd)
{
    int r = setup(fd); /* late_tested_call */
    if (fd == 3)
        return;
    CHECK(r == 0);
}
