/* Cursors a function moves on and hands back, and calls handing a loop's
 * own cursor over and taking it back (extract_loop_cursor.c): each loop or
 * call is found by the comment on its line. */
#include <stddef.h>

char *pad(char *buf, const char *last, size_t width, size_t used)
{
    while (used++ < width && buf < last) /* cursor_pad */
        *buf++ = ' ';
    return buf;
}

const char *skip_spaces(const char *s)
{
    while (*s == ' ') /* cursor_skip */
        s++;
    return s;
}

char *skip_qualified(const char *s, char *out)
{
    while (*s == ' ') /* cursor_qualifiers: const char * in, char * out */
        s++;
    return (char *)s;
}

size_t count_spaces(const char *s)
{
    size_t n = 0;
    while (*s == ' ') { /* cursor_count: returns a count */
        s++;
        n++;
    }
    return n;
}

char *skip_or_null(char *s)
{
    while (*s == ' ') /* cursor_or_null: one return is not the cursor */
        s++;
    if (!*s)
        return NULL;
    return s;
}

const char *skip_copy(const char *s)
{
    const char *p = s;
    while (*p == ' ') /* cursor_copy: a local copy is advanced and returned */
        p++;
    return p;
}

struct link {
    struct link *next;
    int owner;
};

/* The next link of one owner after `pos` (irssi's history walk). */
struct link *next_of(int owner, struct link *pos)
{
    struct link *link = pos != NULL ? pos->next : NULL;
    while (link != NULL && link->owner != owner) /* cursor_copy_of_link */
        link = link->next;
    return link;
}

struct link *next_from_head(struct link *head, struct link *pos, int owner)
{
    struct link *link = pos;
    if (owner < 0)
        link = head;
    while (link != NULL && link->owner != owner) /* cursor_copy_reset: another parameter's value too */
        link = link->next;
    return link;
}

struct link *next_or_head(struct link *head, struct link *pos, int owner)
{
    struct link *link = pos;
    while (link != NULL && link->owner != owner) /* cursor_copy_other_return */
        link = link->next;
    if (link == NULL)
        return head;
    return link;
}

void clear_owner(struct link *first, int owner)
{
    struct link *link, *next;
    link = first;
    while (link != NULL) {
        next = next_of(owner, link); /* call_through_copy */
        link->owner = -1;
        link = next;
    }
}

void count_owner(struct link *first, int owner, struct link *other)
{
    struct link *link, *next;
    link = first;
    while (link != NULL) {
        next = next_of(owner, other); /* call_copy_not_cursor */
        link->owner = -1;
        link = next;
    }
}

const char *skip_unread(const char *s, const char *end, size_t n)
{
    while (n-- > 0) /* cursor_unread: the condition does not read it */
        s++;
    return s < end ? s : end;
}

void format(char *buf, const char *last, const char *fmt)
{
    while (*fmt && buf < last) {
        if (*fmt == '%') {
            buf = pad(buf, last, 8, 1); /* call_handed_back */
            fmt++;
        } else {
            *buf++ = *fmt++;
        }
    }
}

void format_other(char *buf, char *other, const char *last, const char *fmt)
{
    while (*fmt && buf < last) {
        other = pad(buf, last, 8, 1); /* call_other_variable */
        buf = pad(other, last, 8, 1); /* call_other_argument */
        pad(buf, last, 8, 1); /* call_not_taken_back */
        fmt++;
    }
}

void format_unwalked(char *buf, const char *last, const char *fmt, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf = pad(buf, last, 8, 1); /* call_loop_walks_another */
}

const char *skip_blank(const char *s, const char *end);

/* The cursor as what a local pointer points to (tor's tokenizer). */
void tokenize(const char *start, const char *end, const char **other)
{
    const char **s = &start;
    while (*s < end) {
        *s = skip_blank(*s, end); /* call_pointed_cursor */
        (*s)++;
    }
    while (*s < end) {
        *other = skip_blank(*s, end); /* call_pointed_other */
        (*s)++;
    }
}
