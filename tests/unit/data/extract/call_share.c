/* call_share.c — calls whose work is the round's own share (call fact
 * share, extract_call_share.c), found by the comment on their line: a
 * variadic function given a string literal for its last named parameter
 * formats a message; a call through a pointer of two pointers to one
 * const type and an integer result compares two keys. */
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

struct node {
    const void *key;
};

struct tree {
    int (*cmp)(const void *, const void *);
    int (*match)(const char *, const char *);
    int (*order)(const void **, const void **);
    int (*writes)(void *, void *);
    int (*mixed)(const char *, const void *);
    int (*three)(const void *, const void *, int);
    void (*visit)(const void *, const void *);
};

int key_compare(const void *a, const void *b);

int search(struct tree *tree, struct node *node, const void *key,
           int (*cmp)(const void *, const void *))
{
    int r = tree->cmp(key, node->key); /* field_comparison */
    r += cmp(key, node->key); /* parameter_comparison */
    r += (*tree->cmp)(key, node->key); /* dereferenced_comparison */
    r += tree->match("a*", "abc"); /* match_comparison */
    r += tree->order(&key, &node->key); /* pointer_pair_comparison */
    r += key_compare(key, node->key); /* direct_comparator */
    r += tree->writes((void *)key, (void *)node->key); /* not_const */
    r += tree->mixed("a", key); /* mixed_types */
    r += tree->three(key, node->key, 1); /* three_parameters */
    tree->visit(key, node->key); /* no_result */
    return r;
}
