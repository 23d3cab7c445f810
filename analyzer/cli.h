/* cli.h — the subcommands of the `loopcheck` program, one file each
 * (cli_<name>.c), listed in one table in main.c. */
#ifndef LOOPCHECK_CLI_H
#define LOOPCHECK_CLI_H

#include <stdio.h>

#include "models.h"

/* Exit statuses (DESIGN.md § 3). */
enum lc_exit {
    LC_EXIT_CLEAN = 0,     /* no finding at or above --fail-on */
    LC_EXIT_FINDINGS = 1,  /* findings at or above --fail-on */
    LC_EXIT_USAGE = 2,     /* usage or input error */
};

struct lc_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);   /* argv[0] is the subcommand name */
};

int lc_cli_check(int argc, char **argv);
int lc_cli_merge(int argc, char **argv);
int lc_cli_explain(int argc, char **argv);
int lc_cli_models(int argc, char **argv);


/* Print what the models say of the function `name` (whose model is `model`,
 * maybe a pattern matching it): a line naming the declaring file and the
 * library, then each statement in the rules syntax, every line starting
 * with `indent`; paths relative to `base_dir` (NULL: absolute).  Used by
 * `models` and `explain` (cli_models.c). */
/* The statement that declares a lock model's action: lock, unlock,
 * trylock (cli_models_print.c). */
const char *lc_cli_lock_keyword(enum lc_lock_action action);
void lc_cli_print_model(FILE *out, const char *indent, const char *name, const struct lc_function_model *model,
                        const char *base_dir);

#endif
