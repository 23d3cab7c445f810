/* Tests of globals against constants that hold at each call
 * (test_extract_stores.c, test_value_guards). */
enum mode { IDLE, READ, WRITE };
#define LIMIT 4

int mode;
static _Atomic int flag;
int *pointer_global;
void run(int n);

void dispatch(int local)
{
    if (mode == READ)
        run(1); /* then_eq */
    else if (mode == WRITE)
        run(2); /* else_if */
    else
        run(3); /* else_else */
    if (!flag && LIMIT != mode)
        run(4); /* and_not */
    if (local == READ || pointer_global)
        run(5); /* not_a_global */
    run(6); /* before_exit */
    if (mode != IDLE) {
        run(7); /* inside_exit */
        return;
    }
    run(8); /* after_exit */
    switch (local) {
    case 0:
        if (flag)
            break;
        run(9); /* case_after_break */
        break;
    case 1:
        run(10); /* next_case */
    }
    run(11); /* after_switch */
}
