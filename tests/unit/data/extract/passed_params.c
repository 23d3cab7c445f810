/* Which arguments of a call pass on a parameter of the caller that the
 * caller changes (extract_param_guards.c, changed_param_args): each call
 * is found by the comment on its line. */
#include <stddef.h>

void walk_parts(const char *path, size_t count);
void take_address(const char **where);

void passed_unchanged(const char *path, size_t count)
{
    walk_parts(path, count); /* call_unchanged */
}

void passed_advanced(const char *path, size_t count)
{
    path++;
    walk_parts(path, count); /* call_advanced */
}

void passed_assigned(const char *path, size_t count)
{
    walk_parts(path, count); /* call_assigned */
    count = 0;
    walk_parts("x", count);
}

void passed_address(const char *path, size_t count)
{
    take_address(&path);
    walk_parts(path, count + 1); /* call_address */
}
