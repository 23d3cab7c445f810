/* loop_exits.c — calls of a branch that leaves its loop on every path
 * (extract_loop_exits.c): each call and loop found by the comment on its
 * line. */
struct request;
int bad_token(const struct request *r, int i);
void report(const struct request *r);
void note(const struct request *r);
int handle(struct request *r, int i);

#define LOG_ONCE(r)       \
    do {                  \
        if (!(r))         \
            continue;     \
        note(r);          \
    } while (0)

int reported_return(const struct request *r, int count)
{
    for (int i = 0; i < count; i++) { /* return_loop */
        if (bad_token(r, i)) {
            report(r); /* return_call */
            return -1;
        }
    }
    return 0;
}

void reported_break(const struct request *r, int count)
{
    for (int round = 0; round < count; round++) { /* break_outer */
        for (int i = 0; i < count; i++) {
            if (bad_token(r, i)) {
                LOG_ONCE(r);
                report(r); /* break_call */
                break;
            }
        }
    }
}

int reported_goto(const struct request *r, int count)
{
    for (int i = 0; i < count; i++) {
        if (bad_token(r, i)) {
            report(r); /* goto_call */
            goto fail;
        }
    }
    return 0;
fail:
    return -1;
}

int returned_call(struct request *r, int count)
{
    for (int i = 0; i < count; i++)
        if (bad_token(r, i))
            return handle(r, i); /* handled_call */
    return 0;
}

void reported_continue(const struct request *r, int count)
{
    for (int i = 0; i < count; i++) { /* continue_loop */
        if (bad_token(r, i)) {
            report(r); /* continue_call */
            if (i > 0)
                continue;
            return;
        }
    }
}

void reported_goto_back(const struct request *r, int count)
{
    for (int i = 0; i < count; i++) {
again:
        if (bad_token(r, i)) {
            report(r); /* back_call */
            if (i > 1)
                goto again; /* back_loop: a backward goto is a loop */
            return;
        }
    }
}

void reported_in_switch(const struct request *r, int count)
{
    for (int i = 0; i < count; i++) { /* switch_loop */
        switch (bad_token(r, i)) {
        case 1:
            if (i) {
                report(r); /* switch_call */
                break;
            }
        }
    }
}

void reported_and_walked(const struct request *r, int count)
{
    for (int i = 0; i < count; i++) { /* walked_loop */
        if (bad_token(r, i)) {
            report(r); /* walked_call */
            for (int j = 0; j < count; j++)
                note(r);
            return;
        }
    }
}

struct request *found_tail(struct request *const *rs, int count)
{
    for (int i = 0; i < count; i++) { /* tail_loop */
        if (bad_token(rs[i], i)) /* tail_test */
            continue;
        switch (handle(rs[i], i)) {
        case 0:
            break;
        default:
            note(rs[i]);
        }
        report(rs[i]); /* tail_call */
        return rs[i];
    }
    return 0;
}

void switch_body_tail(const struct request *r, int count)
{
    for (int i = 0; i < count; i++) { /* case_loop */
        switch (bad_token(r, i)) {
        case 1:
            report(r); /* case_call */
            break;
        case 2:
            return;
        }
    }
}

void reported_then_on(const struct request *r, int count)
{
    for (int i = 0; i < count; i++) { /* on_loop */
        if (bad_token(r, i))
            report(r); /* on_call */
        else
            return;
    }
}
