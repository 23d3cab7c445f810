/* macro_args.c — argument texts of calls written directly and in macro
 * bodies (input of tests/unit/test_extract_texts.c). */
#include <stdio.h>

#define O_RDONLY 0
#define O_NONBLOCK 04000
#define LOG(msg) fprintf(stderr, "%s\n", msg)
#define OPEN_NB(path) open(path, O_RDONLY | O_NONBLOCK)
#define WARN(text) LOG(text)
#define CHECK(expr)                                                        \
    do {                                                                   \
        if (!(expr))                                                       \
            fprintf(stderr, "failed: %s at %s:%d\n", #expr, __FILE__,      \
                    __LINE__);                                             \
    } while (0)
#define REPORT(fn, value) (fn)(stdout, "%d\n", (value))

int open(const char *path, int flags, ...);

void texts(const char *p, int n)
{
    open(p, O_NONBLOCK); /* plain_call */
    LOG("hi"); /* log */
    OPEN_NB(p); /* open_nonblocking */
    WARN("nested"); /* nested */
    CHECK(p != 0); /* check */
    REPORT(fprintf, n + 1); /* report */
}

#define FORMAT "x=%d\n"
#define LOG_TO(stream, text) fprintf(stream, text)
#define CHECK_QUIET(expr)                                                  \
    do {                                                                   \
        if (!(expr))                                                       \
            LOG_TO(stderr, "quiet failure");                               \
        LOG_TO(stdout, FORMAT);                                            \
    } while (0)

void nested_bodies(int n)
{
    CHECK_QUIET(n > 0); /* checked_quietly */
}
