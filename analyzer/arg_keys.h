/* arg_keys.h — a call argument's keys (facts.h lc_arg_key) as the store
 * keeps them in call_arg.keys: one key a line, each '=' and the text of an
 * exact key or '^' and the text of a start, in the facts' order:
 * "=command notice\n=command msg" for `c ? "command notice" : "command
 * msg"`, "^command " for a variable known to start so.  A key's text holds
 * no newline (facts.h). */
#ifndef LOOPCHECK_ARG_KEYS_H
#define LOOPCHECK_ARG_KEYS_H

#include "arena.h"
#include "facts.h"

/* `keys` (ended by a key whose text is NULL) as text, malloc'ed; NULL when
 * memory runs out. */
char *lc_arg_keys_encode(const struct lc_arg_key *keys);

/* The keys of `text` into `arena`, ended by a key whose text is NULL, in
 * *keys; *keys NULL when the text is no such list (no key, a line led by
 * neither '=' nor '^').  0, or -1 when memory runs out. */
int lc_arg_keys_decode(struct lc_arena *arena, const char *text, const struct lc_arg_key **keys);

#endif
