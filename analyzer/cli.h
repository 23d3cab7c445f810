/* cli.h — the subcommands of the `loopcheck` program, one file each
 * (cli_<name>.c), listed in one table in main.c. */
#ifndef LOOPCHECK_CLI_H
#define LOOPCHECK_CLI_H

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

#endif
