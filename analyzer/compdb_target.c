/* compdb_target.c — the build target a compile command belongs to, from
 * its object file: CMake writes `-o CMakeFiles/<target>.dir/<source>.o`
 * (also under a subdirectory: `test/CMakeFiles/run-tests.dir/...`), Meson
 * `-o <subdir>/<target file>.p/<source>.o` (`src/core/libcore.a.p/args.c.o`,
 * `src/fe-text/irssi.p/irssi.c.o`: the target is "libcore.a", "irssi").
 * Other generators (make, bear) say nothing of the kind; their commands
 * have no target.  A file built for several targets (a test runner linked
 * statically and dynamically) keeps them all, separated by spaces.  The
 * targets tell executables apart (program_load_programs.c): code of two
 * executables never runs in one process. */
#include "compdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LC_CMAKE_TARGET_DIR "CMakeFiles/"
#define LC_CMAKE_TARGET_SUFFIX ".dir/"
#define LC_MESON_TARGET_SUFFIX ".p"

static const char *compdb_output(const struct lc_compile_command *command)
{
    for (int i = 0; i < command->argc; i++) {
        if (strcmp(command->argv[i], "-o") == 0 && i + 1 < command->argc)
            return command->argv[i + 1];
        if (strncmp(command->argv[i], "-o", 2) == 0 && command->argv[i][2] != '\0')
            return command->argv[i] + 2;
    }
    return NULL;
}

/* Meson's private directory of a target: the object's own directory,
 * named `<target file>.p`. */
static char *compdb_meson_target(const char *output)
{
    const char *end = strrchr(output, '/');
    if (!end || end - output < 3 || strncmp(end - 2, LC_MESON_TARGET_SUFFIX, 2) != 0)
        return NULL;
    const char *start = end - 2;
    while (start > output && start[-1] != '/')
        start--;
    return start < end - 2 ? strndup(start, (size_t)(end - 2 - start)) : NULL;
}

char *lc_compdb_target(const struct lc_compile_command *command)
{
    const char *output = compdb_output(command);
    const char *start = output ? strstr(output, LC_CMAKE_TARGET_DIR) : NULL;
    if (!start)
        return output ? compdb_meson_target(output) : NULL;
    start += strlen(LC_CMAKE_TARGET_DIR);
    const char *end = strstr(start, LC_CMAKE_TARGET_SUFFIX);
    if (!end || end == start || memchr(start, '/', (size_t)(end - start)))
        return NULL;
    return strndup(start, (size_t)(end - start));
}

static int compdb_has_target(const char *targets, const char *target)
{
    size_t length = strlen(target);
    for (const char *at = strstr(targets, target); at; at = strstr(at + 1, target))
        if ((at == targets || at[-1] == ' ') && (at[length] == ' ' || at[length] == '\0'))
            return 1;
    return 0;
}

int lc_compdb_add_target(struct lc_compile_command *command, const char *target)
{
    if (!command->target)
        return 0;
    if (!target) {
        free(command->target);
        command->target = NULL;
        return 0;
    }
    if (compdb_has_target(command->target, target))
        return 0;
    size_t size = strlen(command->target) + strlen(target) + 2;
    char *both = malloc(size);
    if (!both)
        return -1;
    snprintf(both, size, "%s %s", command->target, target);
    free(command->target);
    command->target = both;
    return 0;
}
