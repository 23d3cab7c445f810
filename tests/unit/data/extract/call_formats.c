/* call_formats.c — calls formatting a message (call fact formats,
 * extract_va_arg.c), found by the comment on their line: a variadic
 * function given a string literal for its last named parameter. */
#include <stdarg.h>
#include <stdio.h>

struct log {
    int level;
};

void log_error(struct log *log, int level, const char *format, ...);
void log_plain(struct log *log, const char *text);
void log_list(const char *first, ...);
int sum_values(int count, ...);
void log_va(struct log *log, const char *format, va_list args);

#define LOG_ALERT(log, ...) \
    if ((log)->level > 1)   \
    log_error(log, 2, __VA_ARGS__)

void report(struct log *log, const char *dynamic, int fd, va_list args)
{
    log_error(log, 1, "closing %d", fd); /* literal_format */
    log_error(log, 1, ("parenthesised %s"), dynamic); /* parenthesised_format */
    log_error(log, 1, "joined " "%d", fd); /* joined_format */
    LOG_ALERT(log, "alert %d", fd); /* macro_format */
    log_error(log, 1, "no arguments"); /* no_arguments */
    log_error(log, 1, dynamic, fd); /* variable_format */
    log_plain(log, "not variadic"); /* not_variadic */
    log_list("first", "second", NULL); /* literal_list */
    sum_values(2, 3, 4); /* integer_before */
    log_va(log, "va_list %d", args); /* va_list_taker */
}
