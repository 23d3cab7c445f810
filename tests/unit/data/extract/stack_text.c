/* stack_text.c — loops over the characters of a buffer its caller fills on
 * its own stack (extract_stack_text.c): each loop found by the comment on
 * its line, each call by the comment on its line. */
#include <stddef.h>

char *shared_journal;
static char static_line[64];

static size_t flatten(char *line, size_t length)
{
    size_t out = 0;
    for (size_t i = 0; i < length; i++) /* flatten_loop */
        if (line[i] != '\n')
            line[out++] = line[i];
    return out;
}

static size_t count_in_journal(const char *text, size_t length)
{
    size_t count = 0;
    for (size_t i = 0; i < length; i++) /* journal_loop */
        count += text[i] == '\n';
    return count;
}

static size_t count_taken(const char *text, size_t length)
{
    size_t count = 0;
    for (size_t i = 0; i < length; i++) /* taken_loop */
        count += text[i] == ' ';
    return count;
}

size_t (*counter)(const char *, size_t) = count_taken;

size_t exported_count(const char *text, size_t length)
{
    size_t count = 0;
    for (size_t i = 0; i < length; i++) /* exported_loop */
        count += text[i] == ' ';
    return count;
}

static size_t moved_count(const char *text, size_t length)
{
    size_t count = 0;
    for (size_t i = 0; i < length; i++) /* moved_loop */
        count += *text++ == ' ';
    return count;
}

static size_t integers(const int *values, size_t length)
{
    size_t sum = 0;
    for (size_t i = 0; i < length; i++) /* integers_loop */
        sum += (size_t)values[i];
    return sum;
}

size_t log_line(unsigned client)
{
    char line[256];
    int numbers[8] = { 0 };
    line[0] = (char)client;
    size_t length = flatten(line, sizeof line); /* stack_call */
    length += count_in_journal(line, length);
    length += count_in_journal(shared_journal, 100); /* journal_call */
    length += count_in_journal(static_line, 10); /* static_call */
    length += count_taken(line, length);
    length += exported_count(line, length);
    length += moved_count(line, length);
    return length + integers(numbers, 8);
}
