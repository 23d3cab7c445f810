/* stream_stores.c — pointers to structs (streams) copied and returned, and
 * `?:` arguments choosing between them (input of
 * tests/unit/test_extract_stores.c).  The functions are declared here. */
struct stream;
extern struct stream *standard_out, *standard_err;
void flush(struct stream *s);
struct stream *open_stream(const char *path);

struct terminal {
    struct stream *out, *log;
};

struct stream *status_stream(int quiet)
{
    if (quiet)
        return 0; /* null_return */
    return standard_out; /* var_return */
}

struct stream *log_stream(const char *path)
{
    return open_stream(path); /* call_return */
}

void terminal_flush(struct terminal *term, int which, struct stream **table)
{
    term->out = standard_out; /* var_store */
    flush(which ? term->out : standard_err); /* places_argument */
    flush(which ? term->out : table[which + 1]); /* other_argument */
    flush(which ? term->out : open_stream("x")); /* call_argument */
}
