/* int_stores.c — values stored into ints (descriptors), `return` values and
 * the branches taken where a call returned 0 (input of
 * tests/unit/test_extract_stores.c).  The functions are declared here. */
int fork(void);
int socket(int domain, int type, int protocol);
void run(int what);

struct conn {
    int sfd;
};

int make_socket(int fallback, int *fds)
{
    int sfd = socket(2, 1, 0);
    if (sfd == -1)
        sfd = fds[0]; /* other_store */
    if (sfd == -2)
        return fallback; /* param_return */
    return sfd; /* var_return */
}

void conn_set(struct conn *c, int sfd)
{
    c->sfd = sfd; /* param_store */
    c->sfd = -1; /* constant_store */
}

static int pipe_fds[2];

void conn_derived(struct conn *c)
{
    c->sfd = pipe_fds[0]; /* element_store */
    c->sfd = -c->sfd; /* negated_store */
    c->sfd = c->sfd + 1; /* sum_store */
}

void children(void)
{
    int pid;
    if ((pid = fork()) == 0) /* fork_if */
        run(1); /* child_if */
    else
        run(2); /* parent_if */
    pid = fork(); /* fork_var */
    if (pid != 0)
        run(3); /* parent_var */
    else
        run(4); /* child_var */
    switch (fork()) { /* fork_switch */
    case 0:
        run(5); /* child_case */
        run(6); /* child_case_next */
        break;
    default:
        run(7); /* parent_default */
    }
    run(8); /* after */
}

void report(const char *message);

void panics(int bad)
{
    if (bad)
        (report("x"), __builtin_unreachable()); /* tag_never_returns */
    report("y"); /* tag_returns */
}
