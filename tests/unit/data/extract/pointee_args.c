/* pointee_args.c — arguments that are the integer a pointer parameter
 * points to (`*fd`): they stand for the parameter, as `&fd` does for the
 * variable (test_extract.c). */
int fcntl(int fd, int cmd, ...);
int use(int value);
int *shared_fd;

int set_nonblocking(int *fd)
{
    return fcntl(*fd, 4, 2048); /* set_flags */
}

int not_pointees(int **fds, int *fd, int n)
{
    use(**fds); /* twice_removed */
    use(*fd + 1); /* sum_of_pointee */
    use(*shared_fd); /* global_pointee */
    use(fd[1]); /* element_of_param */
    return use(n); /* plain_param */
}

int make_pair(int *read_end, int *write_end, int **table)
{
    int w = fcntl(0, 0);
    *write_end = w; /* out_store */
    **table = w; /* twice_removed_store */
    *read_end = 3; /* constant_store */
    return 0;
}
