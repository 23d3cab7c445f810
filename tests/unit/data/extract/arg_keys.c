/* arg_keys.c — call arguments standing for a choice of keys
 * (test_extract_arg_keys.c): join() is a `string-prefix` function of the
 * test's vocabulary (join arg1). */
#include <stddef.h>

char *join(const char *first, ...);
void emit(const char *key);
const char *pick(int which);

#define NOTICE_OR_MSG(notice) ((notice) ? "command notice" : "command msg")
#define CHOSEN(flag, yes, no) ((flag) ? (yes) : (no))

void choices(const char *name, int notice, int raw, int which)
{
    char *cmd = join("command ", name, (char *)0);
    char *win = join("window ", name, (char *)0);
    emit(notice ? "command notice" : "command msg");   /* tag: literals */
    emit(raw ? cmd : (notice ? "command notice" : "command msg"));   /* tag: nested */
    emit(which == 1 ? "one" : which == 2 ? "two" : "three");   /* tag: chained */
    emit((const char *)(notice ? ("command notice") : "command msg"));   /* tag: parenthesised */
    emit(NOTICE_OR_MSG(notice));   /* tag: macro */
    emit(CHOSEN(raw, "raw", CHOSEN(notice, "notice", "msg")));   /* tag: macro_nested */
    emit(raw ? cmd : win);   /* tag: starts */
    emit(notice ? "same" : "same");   /* tag: duplicate */
    emit(notice ? "notice" : "msg");   /* tag: disjoint */
    emit(notice ? "" : "msg");   /* tag: empty */
    emit(notice ? "command notice" : name);   /* tag: parameter_arm */
    emit(notice ? "command notice" : NULL);   /* tag: null_arm */
    emit(notice ? "command notice" : pick(which));   /* tag: call_arm */
    emit("command quit");   /* tag: lone_literal */
    emit(cmd);   /* tag: variable */
    emit(name);   /* tag: parameter */
}
