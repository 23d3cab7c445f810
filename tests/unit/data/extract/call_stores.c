/* call_stores.c — results of calls stored into fields and variables, and
 * `?:` of functions in stores, arguments and callees (input of
 * tests/unit/test_extract_stores.c).  The functions are declared here. */
int socket(int domain, int type, int protocol);
int accept4(int fd, void *addr, void *len, int flags);
int open(const char *path, int flags, ...);
long helper_value(void);

struct conn {
    int fd;
    int audited;
    void (*audit)(struct conn *c);
};

typedef void (*audit_fn)(struct conn *c);
void audit_to_disk(struct conn *c);
void audit_nowhere(struct conn *c);
void register_audit(struct conn *c, audit_fn fn);

void descriptors(struct conn *c, int listener)
{
    c->fd = socket(2, 1, 0); /* field_call */
    int fd = accept4(listener, 0, 0, 0); /* variable_call */
    fd = (int)open("x", 0); /* assigned_call */
    long n = helper_value() + 1; /* not_a_call */
    fd = listener ? open("a", 0) : open("b", 0); /* conditional_calls */
    (void)n;
    (void)fd;
}

void conditionals(struct conn *c, int verbose)
{
    void (*audit)(struct conn *) = c->audited ? audit_to_disk : audit_nowhere; /* conditional_store */
    audit(c);
    c->audit = verbose ? audit_to_disk : 0; /* conditional_field */
    register_audit(c, verbose ? audit_to_disk : audit_nowhere); /* conditional_argument */
    (verbose ? audit_to_disk : audit_nowhere)(c); /* conditional_callee */
    register_audit(c, audit_nowhere); /* plain_argument */
}
