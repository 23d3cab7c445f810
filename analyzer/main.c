/* main.c — the `loopcheck` program: dispatches to a subcommand from one
 * table (like git's builtins). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct lc_command lc_commands[] = {
    { "check", "analyse a build directory and report findings", lc_cli_check },
    { "merge", "combine the databases of sharded runs (check --shard K/N)", lc_cli_merge },
    { "explain", "why a function runs on the loop or a worker, and why it may block", lc_cli_explain },
    { "models", "what the models say about functions (--list: every modelled name)", lc_cli_models },
};

static void main_usage(FILE *out)
{
    fprintf(out, "usage: loopcheck COMMAND [options]\n\n"
                 "A static analyzer for C code that runs on event loops.\n\nCommands:\n");
    for (size_t i = 0; i < sizeof lc_commands / sizeof *lc_commands; i++)
        fprintf(out, "  %-10s %s\n", lc_commands[i].name, lc_commands[i].summary);
    fprintf(out, "\nRun 'loopcheck COMMAND --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        main_usage(stderr);
        return LC_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        main_usage(stdout);
        return LC_EXIT_CLEAN;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("loopcheck %s\n", LOOPCHECK_VERSION);
        return LC_EXIT_CLEAN;
    }
    for (size_t i = 0; i < sizeof lc_commands / sizeof *lc_commands; i++)
        if (strcmp(argv[1], lc_commands[i].name) == 0)
            return lc_commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "loopcheck: unknown command '%s'\n", argv[1]);
    main_usage(stderr);
    return LC_EXIT_USAGE;
}
