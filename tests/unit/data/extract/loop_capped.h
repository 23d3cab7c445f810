/* loop_capped.h — a pool a header keeps, pushed with no cap by one of its
 * inline functions (loop_capped.c caps its own pushes). */
struct hnode {
    struct hnode *next;
    int size;
};

static struct hnode *hpool;
static int hpool_n;

static inline void hpool_put_any(struct hnode *n)
{
    n->next = hpool;
    hpool = n;
}
