/* extract_args.c — turning a compile command into the command line libclang
 * parses: the same flags, minus what would write files or make no sense for
 * a syntax-only parse, plus the working directory (so no thread has to
 * chdir), clang's own resource directory (stddef.h & co.) and -w (warnings
 * do not matter here, and -Werror must not turn clang-only ones into
 * errors). */
#include "extract_internal.h"

#include <stdlib.h>
#include <string.h>

#ifndef LOOPCHECK_CLANG_RESOURCE_DIR
#error "LOOPCHECK_CLANG_RESOURCE_DIR must name clang's resource directory"
#endif

/* Programs that run the real compiler given as their first argument. */
static const char *const extract_compiler_launchers[] = {
    "ccache", "sccache", "distcc", "icecc",
};

/* Options dropped alone: output kind and dependency files (with
 * -fsyntax-only clang would still write -MD files, relative to our cwd). */
static const char *const extract_dropped_options[] = {
    "-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG",
};

/* Options dropped with their value, whether separate or joined. */
static const char *const extract_dropped_options_with_value[] = {
    "-o", "-MF", "-MT", "-MQ",
};

/* Options whose next argument is passed through whatever it looks like. */
static const char *const extract_passthrough_options[] = {
    "-Xclang", "-Xpreprocessor", "-Xassembler", "-Xlinker",
};

#define EXTRACT_COUNT(array) (sizeof (array) / sizeof (array)[0])

static int extract_is_one_of(const char *arg, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(arg, list[i]) == 0)
            return 1;
    return 0;
}

static int extract_is_launcher(const char *program)
{
    const char *slash = strrchr(program, '/');
    return extract_is_one_of(slash ? slash + 1 : program, extract_compiler_launchers,
                             EXTRACT_COUNT(extract_compiler_launchers));
}

/* How many arguments starting at argv[i] to drop: 0, 1 or 2. */
static int extract_dropped_count(char *const *argv, int i, int argc)
{
    const char *arg = argv[i];
    if (extract_is_one_of(arg, extract_dropped_options, EXTRACT_COUNT(extract_dropped_options)))
        return 1;
    if (strncmp(arg, "-Wp,-M", 6) == 0)   /* -Wp,-MD,file: a dependency file */
        return 1;
    for (size_t k = 0; k < EXTRACT_COUNT(extract_dropped_options_with_value); k++) {
        const char *option = extract_dropped_options_with_value[k];
        size_t len = strlen(option);
        if (strncmp(arg, option, len) == 0)
            return arg[len] == '\0' && i + 1 < argc ? 2 : 1;
    }
    return 0;
}

const char **lc_extract_arguments(const struct lc_compile_command *command, int *argc)
{
    enum { EXTRA = 7 };   /* clang -working-directory D -resource-dir R -w NULL */
    const char **args = malloc(((size_t)command->argc + EXTRA) * sizeof *args);
    if (!args)
        return NULL;
    int count = 0;
    args[count++] = "clang";   /* whatever compiler was used: plain C mode */
    int first = 1;
    if (command->argc > 1 && extract_is_launcher(command->argv[0]))
        first = 2;
    for (int i = first; i < command->argc; i++) {
        if (extract_is_one_of(command->argv[i], extract_passthrough_options,
                              EXTRACT_COUNT(extract_passthrough_options)) &&
            i + 1 < command->argc) {
            args[count++] = command->argv[i++];
            args[count++] = command->argv[i];
            continue;
        }
        int dropped = extract_dropped_count(command->argv, i, command->argc);
        if (dropped) {
            i += dropped - 1;
            continue;
        }
        args[count++] = command->argv[i];
    }
    args[count++] = "-working-directory";
    args[count++] = command->directory;
    args[count++] = "-resource-dir";
    args[count++] = LOOPCHECK_CLANG_RESOURCE_DIR;
    args[count++] = "-w";
    args[count] = NULL;
    *argc = count;
    return args;
}
