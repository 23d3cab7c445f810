/* loops.c — loops of every bound class, nested loops, the loop of each
 * call, and backward gotos (input of tests/unit/test_extract_loops.c).
 * Each loop carries a tag comment the test finds it by. */
#include <errno.h>
#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define LIMIT 4096

struct list {
    struct list *next;
};

struct buffer {
    int length;
};

size_t strlen(const char *s);
void work(int i);
int classify(int c);
int classify_in(const char *set, int c);
int classify_at(int n, int c);
int ready(void);
int start(void);
int next_value(void);
int limit(void);
int try_read(int fd);

static int table[8];

void bounds(int n, const char *s, struct list *p, struct buffer *b, const char *end)
{
    int i, m = 0;
    for (i = 0; i < 8; i++) /* small_eight */
        work(i);
    for (i = 0; i < LIMIT; i++) /* constant_limit */
        work(i);
    for (i = 0; i < n; i++) /* data_parameter */
        work(i);
    for (i = 0; i < strlen(s); i++) /* data_call */
        work(i);
    for (i = 0; b->length > i; i++) /* data_field */
        work(i);
    while (p) /* data_walk */
        p = p->next;
    while (p != NULL) /* data_walk_null */
        p = p->next;
    for (;;) /* unbounded_for */
        if (ready())
            break;
    while (1) { /* unbounded_while */
        if (ready())
            break;
    }
    do { /* do_once */
        work(0);
    } while (0);
    for (i = 1; i <= 10; i += 3) /* small_step */
        work(i);
    for (i = 100; i > 0; i--) /* constant_down */
        work(i);
    for (int j = 0; j < (int)ARRAY_SIZE(table); j++) /* small_array */
        work(j);
    for (i = n; i > 0; i--) /* data_down */
        work(i);
    while (m < 16) /* small_local */
        m++;
    for (i = 0; i < 4096 && i < n; i++) /* constant_and */
        work(i);
    for (const char *c = s; c < end; c++) /* data_pointer_range */
        work(*c);
    while ((i = next_value()) != -1) /* data_assignment */
        work(i);
}

void nested(int n)
{
    for (int i = start(); i < limit(); i++) { /* outer */
        work(1);
        while (n--) { /* middle */
            work(2);
            do { /* inner */
                work(3);
            } while (ready());
        }
    }
    work(4);
}

void retry(int fd)
{
again:
    if (try_read(fd) < 0)
        goto again; /* goto_data */
    work(5);
}

void spin(void)
{
top:
    work(6);
    goto top; /* goto_unbounded */
}

void forward(void)
{
    goto done;
done:
    work(7);
}

void around(void)
{
    int i;
repeat:
    for (i = 0; i < 2; i++) /* around_for */
        work(8);
    if (ready())
        goto repeat; /* around_goto */
}

static const char *const names[5] = { "a", "b", "c", "d", NULL };

/* Tables, logarithmic counters and what each condition reads. */
void shapes(int n, const char *s, unsigned v, long days)
{
    int i, m = 0, k = 0, stop = 40, count = n;
    int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    for (i = 0; names[i] != NULL; i++) /* table_sentinel */
        work(i);
    while (days >= mdays[m]) { /* table_months */
        days -= mdays[m];
        m++;
    }
    for (int j = 1; j < n; j *= 2) /* log_for */
        work(j);
    while (v >= 10) /* log_while */
        v /= 10;
    while (v) /* log_assign */
        v = v >> 1;
    unsigned long scale = 1, mask = 1, sum = 0;
    for (i = n; i; i--) /* power_scale */
        scale *= 10;
    for (i = 0; i < n; i++) { /* power_shift */
        mask <<= 1;
        scale = scale * 16;
    }
    for (i = 0; i < n; i++) { /* power_summed */
        scale *= 10;
        sum += scale;
    }
    work((int)(scale + mask + sum));
    for (i = 0; i < n; i += 2) /* step_data */
        work(i);
    while (*s) /* string_walk */
        s++;
    for (i = 0; s[i] != '\0'; i++) /* string_index */
        work(i);
    for (i = 0; i < n && classify(s[i]); i++) /* string_classified */
        ;
    for (i = 0; i < n && classify(i); i++) /* counter_classified */
        ;
    for (i = 0; i < n && classify_in(" \t", s[i]); i++) /* string_in_literal_set */
        ;
    for (i = 0; i < n && classify_in(s, s[i]); i++) /* string_in_variable_set */
        ;
    for (i = 0; i < n && classify_at(n, s[i]); i++) /* string_with_count */
        ;
    while (k != stop) /* local_only */
        k += 4;
    while (count > 0) /* local_from_parameter */
        count -= 3;
}

struct node {
    struct node *left, *right, *parent;
};

struct search_node {
    struct search_node *left, *right;
    int key;
};

struct link {
    struct link *next, *prev;
};

/* A walk with no condition tests its walker where it breaks; the inner
 * skip continues it, even when the walk steps back to a mark. */
int wrap_lines(const char *text, int width)
{
    const char *p, *mark = text;
    int lines = 0, column = 0;
    for (p = text;;) { /* break_outer */
        if (*p == '\0')
            break;
        if (*p == ' ')
            mark = p;
        if (++column > width && mark > text) {
            p = mark;
            while (*p == ' ') /* break_skip */
                p++;
            column = 0;
            lines++;
            continue;
        }
        p++;
    }
    return lines;
}

/* A call retried after a signal is no data loop; `||` makes it one. */
int retries(int s, int (*take)(int))
{
    int fd;
    do /* retry_interrupted */
        fd = take(s);
    while (fd == -1 && errno == EINTR);
    while (fd == -1 || errno == EINTR) /* retry_or_data */
        fd = take(s);
    return fd;
}

/* Tree descents are logarithmic, list walks are not. */
void trees(struct node *n, struct search_node *s, struct link *l, int key)
{
    while (n->left) /* descent_left */
        n = n->left;
    while (s) { /* descent_search */
        if (key < s->key)
            s = s->left;
        else
            s = s->right;
    }
    while (l) /* list_walk */
        l = l->next;
    while (s && s->key != key) /* descent_conditional */
        s = key < s->key ? s->left : s->right;
}

/* Where a new node goes: a descent through the links' addresses. */
struct search_node **insert_at(struct search_node **at, int key)
{
    while (*at) /* descent_link_address */
        at = key < (*at)->key ? &(*at)->left : &(*at)->right;
    return at;
}

/* A list walked through its links' addresses is no descent. */
struct link **last_link(struct link **at)
{
    while (*at) /* list_link_address */
        at = &(*at)->next;
    return at;
}

struct option_name {
    const char *from, *to;
};

static const struct option_name option_names[4] = { { "a", "b" }, { "c", "d" }, { "e", "f" }, { NULL, NULL } };

/* Bisections, pointers into tables, and inner loops that continue the walk. */
int searches(const int *sorted, int n, int key, const char *s, int m)
{
    int low = 0, high = n - 1, found = -1;
    while (low <= high) { /* bisection */
        int mid = (low + high) / 2;
        if (sorted[mid] < key)
            low = mid + 1;
        else
            high = mid - 1;
    }
    for (const struct option_name *map = option_names; map->from != NULL; map++) /* table_pointer */
        work(0);
    for (int i = 0; i < n; i++) { /* scan */
        while (i < n && sorted[i] == key) /* scan_skip */
            i++;
    }
    for (int i = 0; i < n; i++) /* pairs */
        for (int j = i + 1; j < n; j++) /* pairs_inner */
            found += sorted[i] == sorted[j];
    while (*s) { /* token */
        for (int k = 0; k < m && *s != ' '; k++) /* token_rest */
            s++;
        s++;
    }
    return found;
}

/* Shifts and divisions by a variable in the condition. */
int halvings(unsigned s, unsigned long val, unsigned base)
{
    int steps = 0;
    while (s >>= 1) /* log_condition */
        steps++;
    do { /* log_divide */
        steps++;
    } while ((val /= base) != 0);
    return steps;
}

/* Inner loops of an unbounded outer loop: continuing a walk, or restarting it. */
int scanners(const char *msg, const char *s)
{
    int words = 0;
    for (;;) { /* words */
        while (*msg != '\0' && *msg != ' ') /* word_rest */
            msg++;
        if (*msg == '\0')
            break;
        msg++;
        words++;
    }
    while (ready()) { /* rescan */
        const char *p = s;
        while (*p) /* rescan_inner */
            p++;
        words += (int)(p - s);
    }
    return words;
}

struct entry {
    struct entry *next;
};

/* Bucket chains and fixed-size arrays read in the body. */
int buckets(struct entry **table, unsigned long size, struct entry *all, int flag)
{
    int count = 0;
    unsigned char sizes[8] = { 0 };
    for (unsigned long i = 0; i < size; i++) /* rehash */
        for (struct entry *e = table[i]; e != NULL; e = e->next) /* rehash_chain */
            count++;
    for (unsigned long i = 0; i < size; i++) { /* cross */
        struct entry *e = all;
        while (e != NULL) { /* cross_inner */
            count++;
            e = e->next;
        }
    }
    for (int i = 0; i <= flag; i++) /* indexed_body */
        count += sizes[i];
    return count;
}

struct iterator {
    int position;
};

struct entry *entry_next(struct entry *entry);
int iterator_next(struct iterator *it);
int entry_count(struct entry *entry);

/* Iterator steps run once over all the rounds: outside the loop. */
void iterations(struct entry *first)
{
    struct iterator it = { 0 };
    for (struct entry *e = first; e != NULL; e = entry_next(e)) /* step_increment */
        work(10);
    while (iterator_next(&it)) /* step_condition */
        work(11);
    for (int i = 0; i < entry_count(first); i++) /* not_a_step */
        work(12);
}

extern const struct option_name other_names[];

/* A read-only table compiled in elsewhere. */
int compiled_in(const char *name)
{
    for (const struct option_name *map = other_names; map->from != NULL; map++) /* unseen_table */
        if (map->from == name)
            return 1;
    return 0;
}

struct op {
    int argc;
    struct entry *args;
};

struct op_array {
    struct op *ops;
    int numops;
};

/* Children of the current element, and pairs of one list. */
int owned(struct op_array *oa, struct entry *list)
{
    int count = 0;
    for (int j = 0; j < oa->numops; j++) { /* ops */
        struct op *op = &oa->ops[j];
        for (int i = 0; i < op->argc; i++) /* op_args */
            count++;
        for (struct entry *e = op->args; e != NULL; e = e->next) /* op_arg_list */
            count++;
        for (int k = 0; k < oa->numops; k++) /* all_ops_again */
            count++;
    }
    for (struct entry *a = list; a != NULL; a = a->next) /* pairs_outer */
        for (struct entry *b = a; b->next != NULL; b = b->next) /* pairs_same_list */
            count++;
    return count;
}

/* Loops bounded by one integer parameter, and by more. */
int bounded_by_parameters(const char *s, int len, const char *chars, int charslen, struct buffer *b)
{
    int hits = 0;
    for (int i = 0; i < len; i++) /* param_len */
        for (int j = 0; j < charslen; j++) /* param_charslen */
            hits += s[i] == chars[j];
    for (int i = 0; i < b->length; i++) /* param_field */
        hits++;
    for (int i = 0; i < len && i < charslen; i++) /* param_two */
        hits++;
    for (int i = 0; i < b->length && i < charslen; i++) /* param_either */
        hits++;
    int blocks = len / 4, scaled = len * 10;
    for (int i = -blocks; i; i++) /* param_local */
        hits++;
    for (int i = 0; i < scaled; i++) /* param_multiplied */
        hits++;
    for (int i = 0; i < len / (charslen * 4); i++) /* param_quotient */
        hits++;
    return hits;
}

struct group {
    struct group *next;
    struct entry *members;
};

struct iterator *iterator_over(struct entry *list);
struct entry *iterator_entry(struct iterator *it);
void iterator_rewind(struct entry *list, struct iterator *it);

/* Iterators started on the current group's own members, and on every
 * entry of the program. */
int group_iterators(struct group *groups, struct entry *everyone)
{
    int hits = 0;
    struct iterator *it, *all, rewound;
    for (struct group *g = groups; g != NULL; g = g->next) {
        it = iterator_over(g->members);
        while (iterator_entry(it) != NULL) /* members_iterator */
            hits++;
        iterator_rewind(g->members, &rewound);
        while (iterator_entry(&rewound) != NULL) /* members_rewound */
            hits++;
        all = iterator_over(everyone);
        while (iterator_entry(all) != NULL) /* everyone_iterator */
            hits++;
    }
    return hits;
}

struct trie_node {
    int size;
    unsigned char *bytes;
    struct trie_node **children;
};

void copy_pointer(void *to, const void *from, unsigned long size);

/* A descent that moves its node through memcpy: each node's own bytes. */
int trie_walk(struct trie_node *h, const unsigned char *s, unsigned long len)
{
    unsigned long i = 0;
    int j = 0;
    while (h->size && i < len) { /* trie_descent */
        for (j = 0; j < h->size; j++) /* trie_node_bytes */
            if (h->bytes[j] == s[i])
                break;
        if (j == h->size)
            break;
        i++;
        copy_pointer(&h, h->children + j, sizeof h);
    }
    return j;
}

/* Loops over the parts of a string parameter (extract_loop_parts.c). */
char **split_words(const char *text, const char *separator, int max);
char **known_names;

int parts_of_strings(int flags, const char *path, const char *other)
{
    int hits = 0;
    char **list = split_words(path, "/", -1), **tmp, **words = split_words(path, " ", 0);
    for (tmp = list; *tmp != NULL; tmp++) /* parts_split */
        hits++;
    for (int i = 0; words[i] != NULL; i++) /* parts_indexed */
        hits++;
    char **mixed = split_words(path, other, 0);
    for (char **part = mixed; *part != NULL; part++) /* parts_two_strings */
        hits++;
    char **names = known_names;
    for (char **name = names; *name != NULL; name++) /* parts_global */
        hits++;
    return hits + flags;
}

int parts_of_a_changed_path(const char *path)
{
    int hits = 0;
    path++;
    for (char **tmp = split_words(path, "/", -1); *tmp != NULL; tmp++) /* parts_changed */
        hits++;
    return hits;
}

/* Loops over global collections: the variable each walks, or none. */
struct entry *registry, *other_registry, *pending;
unsigned long registry_count;
struct registry_queue {
    unsigned long length;
};
struct registry_queue *registry_queue;

int registries(struct entry *stop)
{
    int hits = 0;
    struct entry *head, *alias = registry, *to_stop, *to_other, *from_stop, *moved;
    for (head = registry; head != NULL; head = head->next) /* global_head */
        hits++;
    while (alias) { /* global_alias */
        hits++;
        alias = alias->next;
    }
    for (unsigned long i = 0; i < registry_count; i++) /* global_count */
        hits++;
    while (pending != NULL) /* global_drained */
        pending = pending->next;
    for (to_stop = registry; to_stop != stop; to_stop = to_stop->next) /* global_parameter */
        hits++;
    for (to_other = registry; to_other != other_registry; to_other = to_other->next) /* global_two */
        hits++;
    for (unsigned long i = 0; i < registry_queue->length; i++) /* global_field */
        hits++;
    for (from_stop = stop; from_stop != NULL; from_stop = from_stop->next) /* global_none */
        hits++;
    moved = registry;
    iterator_rewind(registry, (struct iterator *)&moved);
    for (; moved != NULL; moved = moved->next) /* global_address */
        hits++;
    return hits;
}

/* An iterator started on what the current group holds, taken by a call
 * (dictGetVal), and on the group itself (the rest of the list). */
struct entry *group_members(struct group *g);
struct iterator *iterator_from_group(struct group *g);

int held_iterators(struct group *groups)
{
    int hits = 0;
    for (struct group *g = groups; g != NULL; g = g->next) {
        struct entry *members = group_members(g);
        struct iterator *it = iterator_over(members);
        while (iterator_entry(it) != NULL) /* iterator_on_held */
            hits++;
        struct iterator *rest = iterator_from_group(g);
        while (iterator_entry(rest) != NULL) /* iterator_on_rest */
            hits++;
    }
    return hits;
}

/* Nodes walked from the group's first child by calls (tmux's
 * options_array_first(o) / options_array_next(a)), and from the group to
 * its siblings (the rest of the list). */
struct entry *group_first_entry(struct group *g);
struct entry *entry_after(struct entry *e);
struct group *group_after(struct group *g);

int walked_children(struct group *groups)
{
    int hits = 0;
    for (struct group *g = groups; g != NULL; g = g->next) {
        struct entry *e = group_first_entry(g);
        while (e != NULL) { /* first_child_walk */
            hits++;
            e = entry_after(e);
        }
        for (struct group *s = group_after(g); s != NULL; s = group_after(s)) /* sibling_walk */
            hits++;
    }
    return hits;
}

/* A list head held by value in each element, walked as sys/queue.h's
 * TAILQ_FOREACH does: from `(&group->head)->first`. */
struct member {
    struct member *next;
};
struct member_head {
    struct member *first;
};
struct group_of {
    struct group_of *next;
    struct member_head head;
};

int members_by_value(struct group_of *groups)
{
    int count = 0;
    for (struct group_of *g = groups; g; g = g->next)
        for (struct member *m = (&g->head)->first; m; m = m->next) /* head_by_value */
            count++;
    return count;
}

/* A length byte read into a local before the loop and again at the end of
 * each round: the loop walks the name's labels, text like a string. */
int labels_compare(const unsigned char *a, const unsigned char *b)
{
    unsigned char la, lb;
    la = *a++;
    lb = *b++;
    while (la != 0 || lb != 0) { /* label_pairs */
        if (la != lb)
            return la < lb ? -1 : 1;
        a += la;
        b += la;
        la = *a++;
        lb = *b++;
    }
    return 0;
}

/* The same local also given a count: not only text. */
int labels_or_count(const unsigned char *a, int n)
{
    int left;
    left = *a++;
    while (left != 0) { /* label_or_count */
        a += left;
        left = *a ? *a++ : n;
    }
    return 0;
}

void forget_label(unsigned char *label);

/* The same local, its address also given to a call: set out of sight. */
int labels_address_taken(const unsigned char *a)
{
    unsigned char left;
    left = *a++;
    while (left != 0) { /* label_address_taken */
        a += left;
        left = *a;
        a++;
    }
    forget_label(&left);
    return 0;
}

/* Two texts compared a character of each per round, leaving at the first
 * difference: a walk over text. */
int case_compare(const unsigned char *s1, const unsigned char *s2, unsigned long n)
{
    unsigned c1, c2;
    while (n) { /* text_compare_count */
        c1 = *s1++;
        c2 = *s2++;
        c1 = c1 >= 'A' && c1 <= 'Z' ? c1 | 0x20 : c1;
        if (c1 != c2)
            return (int)c1 - (int)c2;
        n--;
    }
    return 0;
}

int equal_bytes(const char *a, const char *b, unsigned long len)
{
    for (unsigned long i = 0; i < len; i++) { /* text_compare_index */
        unsigned ca = ((const unsigned char *)a)[i];
        unsigned cb = ((const unsigned char *)b)[i];
        if (ca != cb)
            return 0;
    }
    return 1;
}

/* Not compares: one text against a constant, a count of differences that
 * never leaves, and a compare with a loop inside. */
int not_compares(char *dst, const char *src, const char *a, const char *b, unsigned long n)
{
    int differences = 0;
    for (unsigned long i = 0; i < n; i++) { /* copy_until_nul */
        dst[i] = src[i];
        if (src[i] == '\0')
            break;
    }
    for (unsigned long i = 0; i < n; i++) /* count_differences */
        differences += a[i] != b[i];
    for (unsigned long i = 0; i < n; i++) { /* compare_with_inner */
        for (unsigned long j = 0; j < n; j++)
            differences += j;
        if (a[i] != b[i])
            return differences;
    }
    return differences;
}

/* A naive search: the key's position goes back to 0 at a mismatch. */
const char *naive_search(const char *data, const char *key, const char *max)
{
    int pos = 0;
    while (data <= max) { /* search_with_reset */
        if (key[pos] == '\0')
            return data;
        if (data[pos] == key[pos]) {
            pos++;
        } else {
            data++;
            pos = 0;
        }
    }
    return 0;
}

/* Counts held in one byte: at most 255. */
int byte_counts(const unsigned char *p, unsigned char len, int n, signed char small)
{
    int total = 0;
    unsigned char left = len;
    while (left--) /* byte_count_down */
        total += *p++;
    for (int i = 0; i < len; i++) /* byte_count_up */
        total += p[i];
    for (unsigned char k = len; k > 0; k -= 2) /* byte_count_down_by_two */
        total += k;
    unsigned char odd = len;
    while (odd != 0) /* byte_skips_zero */
        odd -= 2;
    for (int i = 0; i < n; i++) /* int_count_up */
        total += p[i];
    unsigned char again = len;
    while (again) { /* byte_reloaded */
        again--;
        if (total > n)
            again = len;
    }
    for (int i = n; i < small; i++) /* byte_from_anywhere */
        total++;
    return total;
}

long random(void);
int rand(void);
unsigned next_draw(unsigned *state);

/* Levels drawn at random: a constant chance per round. */
int random_level(int n, unsigned *state)
{
    int level = 1;
    while ((random() & 0xFFFF) < (0.25 * 0xFFFF)) /* draw_level */
        level++;
    while (rand() % n) /* draw_below_data */
        level++;
    while (next_draw(state) < 100) /* draw_own_generator */
        level++;
    return level;
}

int random_level_threshold(void)
{
    static const int threshold = 0.25 * 2147483647;
    int level = 1;
    while (random() < threshold) /* draw_threshold */
        level += 1;
    return level;
}

/* Walks skipping their way through a name: label lengths read and
 * skipped, whatever the count that stops them. */
int labels_skipped(const unsigned char *d, int labs, int stop)
{
    int at = labs;
    while (at > stop) { /* label_skip */
        unsigned char len = *d++;
        d += len;
        at--;
    }
    return at;
}

int labels_reset(const unsigned char *d, const unsigned char *start, int labs)
{
    int at = labs;
    while (at > 0) { /* label_reset */
        unsigned char len = *d++;
        d += len;
        if (len == 0)
            d = start;
        at--;
    }
    return at;
}

int labels_after_continue(const unsigned char *d, int labs, int skip)
{
    int at = labs, seen = 0;
    while (at > 0) { /* label_after_continue */
        at--;
        if (at == skip)
            continue;
        unsigned char len = *d++;
        d += len;
        seen += len;
    }
    return seen;
}

int labels_compared(const unsigned char *a, const unsigned char *b, int labs)
{
    int at = labs, diff = 0;
    while (at > 1) { /* label_compare */
        unsigned char la = *a++;
        unsigned char lb = *b++;
        if (la != lb) {
            a += la;
            b += lb;
            diff = 1;
        } else {
            while (la) {
                diff |= *a != *b;
                a++;
                b++;
                la--;
            }
        }
        at--;
    }
    return diff;
}

int labels_half_consumed(const unsigned char *a, int labs)
{
    int at = labs, diff = 0;
    while (at > 1) { /* label_half_consumed */
        unsigned char la = *a++;
        if (la > 8)
            a += la;
        else
            diff = 1;
        at--;
    }
    return diff;
}

/* Loops giving up after a few rounds (nginx's ngx_palloc_large). */
struct block_list {
    struct block_list *next;
    void *alloc;
};

void *gives_up(struct block_list *large, void *p)
{
    unsigned n = 0, m, shifted = 0;
    for (struct block_list *b = large; b; b = b->next) { /* give_up_break */
        if (b->alloc == NULL)
            return b;
        if (n++ > 3)
            break;
    }
    m = 0;
    for (struct block_list *b = large; b; b = b->next) { /* give_up_return */
        if (8 <= ++m)
            return p;
    }
    for (struct block_list *b = large; b; b = b->next) { /* give_up_skipped */
        if (b->alloc == NULL)
            continue;
        if (shifted++ > 3)
            break;
    }
    shifted += 2;
    return NULL;
}

/* Iterators a caller keeps, stepped where each call stopped (redis's
 * hashTypeNext), reset in the function, or walked with a count. */
struct cursor_it;
struct cursor_node {
    int flag;
    struct cursor_node *next;
};
struct cursor_state {
    struct cursor_it *it;
    struct cursor_node *at;
    struct cursor_node *first;
    int plain;
};
struct cursor_node *cursor_step(struct cursor_it *it);
struct cursor_node *cursor_first(struct cursor_it *it);
struct cursor_it *cursor_open(void);
int cursor_size(struct cursor_it *it);

int resumed_next(struct cursor_state *s, int skip)
{
    while ((s->at = cursor_step(s->it)) != NULL) { /* resumed_step */
        if (skip && s->at->flag)
            continue;
        return 1;
    }
    return 0;
}

int restarted_next(struct cursor_state *s)
{
    s->it = cursor_open();
    while ((s->at = cursor_step(s->it)) != NULL) /* resumed_restarted */
        if (s->at->flag)
            return 1;
    return 0;
}

int counted_next(struct cursor_state *s)
{
    int hits = 0;
    for (int i = 0; i < cursor_size(s->it); i++) /* resumed_counted */
        hits += i;
    return hits;
}

/* The cursor copied into a local and saved back after the loop (the
 * plain arm saves its own copy: another path). */
int copied_next(struct cursor_state *s, int skip)
{
    if (s->plain) {
        struct cursor_node *next = s->at ? s->at->next : s->first;
        s->at = next;
    } else {
        struct cursor_node *at = s->at;
        if (at == NULL)
            at = cursor_first(s->it);
        while (at != NULL) { /* resumed_copy */
            if (!skip || !at->flag)
                break;
            at = at->next;
        }
        s->at = at;
    }
    return s->at != NULL;
}

/* The copy not saved: every call walks from the same place. */
int copied_unsaved(struct cursor_state *s)
{
    struct cursor_node *at = s->at;
    while (at != NULL) /* resumed_copy_unsaved */
        at = at->next;
    return 0;
}

/* Started afresh whatever the cursor holds: the walk starts over. */
int copied_restarted(struct cursor_state *s)
{
    struct cursor_node *at = s->at;
    at = cursor_first(s->it);
    while (at != NULL && at->flag) /* resumed_copy_restarted */
        at = at->next;
    s->at = at;
    return at != NULL;
}

/* The field reset before the copy: the walk starts over. */
int copied_reset(struct cursor_state *s)
{
    s->at = s->first;
    struct cursor_node *at = s->at;
    while (at != NULL && at->flag) /* resumed_copy_reset */
        at = at->next;
    s->at = at;
    return at != NULL;
}

void keep_address(int *p);

/* Locals as bounds: a constant given where declared and never changed. */
int local_bounds(int n)
{
    int sum = 0, i, size = sizeof(table) / sizeof(table[0]);
    for (i = 0; i < size; i++) /* at_local_sized */
        sum += table[i];
    int changed = 8;
    if (n)
        changed = n;
    for (i = 0; i < changed; i++) /* at_local_changed */
        sum += i;
    int taken = 8;
    keep_address(&taken);
    for (i = 0; i < taken; i++) /* at_local_address */
        sum++;
    return sum;
}
