/* flag_args.c — flags passed through local variables (input of
 * tests/unit/test_extract_texts.c). */
#define O_NONBLOCK 04000
#define WNOHANG 1
int fcntl(int fd, int cmd, ...);
int waitpid(int pid, int *status, int options);
int open(const char *path, int flags, ...);
int asprintf(char **out, const char *format, ...);
long strtol(const char *s, char **end, int base);

void flags(int fd, int pid, int blocking)
{
    int status;
    int mode = fcntl(fd, 3);
    if (!blocking)
        mode |= O_NONBLOCK;
    fcntl(fd, 4, mode); /* tag_or_assigned */
    int cleared = fcntl(fd, 3);
    cleared &= ~O_NONBLOCK;
    cleared = cleared & ~O_NONBLOCK;
    fcntl(fd, 4, cleared); /* tag_cleared */
    int options = 0;
    options = WNOHANG;
    waitpid(pid, &status, options); /* tag_replaced */
    waitpid(pid, &status, blocking); /* tag_parameter */
}

void paths(int pid, int which, const char *given)
{
    const char *status = "/proc/self/status";
    open(status, 0); /* tag_literal */
    char *path;
    asprintf(&path, "/proc/%d/cmdline", pid);
    open(path, 0); /* tag_formatted */
    const char *either = "/proc/self/limits";
    if (which)
        either = "/etc/hostname";
    open(either, 0); /* tag_either */
    char *end;
    end = "/proc/x";
    strtol(given, &end, 10);
    open(end, 0); /* tag_overwritten */
    open(given, 0); /* tag_given */
}
