/* owned_loops.c — inner loops over what the outer loop's element holds
 * through a pointer field (extract_loop_owned.c; test_extract_loops.c). */
struct vector {
    void **items;
    int count;
};
struct link {
    struct link *next;
};
struct links {
    struct link *head;
};
struct server;
struct room {
    struct vector *members;
    struct server *server;
    struct links *links;
    struct room *next;
    int *flags;
    int count;
};
struct server {
    struct vector *rooms;
};

long walks(struct vector *rooms, struct room *first)
{
    long n = 0;
    int first_length = ((struct room *)rooms->items[0])->members->count;
    for (int i = 0; i < rooms->count; i++) {
        struct room *room = rooms->items[i];
        int length = room->members->count;
        for (int j = 0; j < length; j++) /* at_count_through_local */
            n += room->members->items[j] != 0;
        for (int j = 0; j < room->members->count; j++) /* at_count_through */
            n++;
        for (int j = 0; j < room->server->rooms->count; j++) /* at_back_pointer */
            n++;
        int own = room->count;
        for (int j = 0; j < own; j++) /* at_own_count */
            n += room->flags[j];
        for (int j = 0; j < first_length; j++) /* at_count_before */
            n++;
    }
    for (struct room *r = first; r; r = r->next)
        for (struct link *l = r->links->head; l; l = l->next) /* at_start_through */
            n++;
    return n;
}
