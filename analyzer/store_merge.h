/* store_merge.h — combining the databases of `loopcheck check --shard K/N`
 * runs into one store (`loopcheck merge`). */
#ifndef LOOPCHECK_STORE_MERGE_H
#define LOOPCHECK_STORE_MERGE_H

#include <stddef.h>
#include <stdio.h>

#include "store.h"

/* Copy every TU stored in the database at `shard_path` into `store` — the
 * TU rows, their fingerprints and all their facts — renumbering its files
 * and symbols by their natural keys (path, USR) and its TUs, calls, loops
 * and accesses after the rows `store` has.  A TU `store` holds already
 * (same source file) is kept as it is and the shard's copy is skipped.
 * Results of earlier analyses (registrations, colors, findings) are not
 * copied: the next `loopcheck check` writes them.  One transaction per
 * shard.  Returns 0 and sets *added / *skipped to the TUs copied and
 * skipped, or -1 after one line on `err` (the file is missing, not a
 * loopcheck database, of another schema version, or unreadable), leaving
 * `store` as it was. */
int lc_store_merge(struct lc_store *store, const char *shard_path, size_t *added, size_t *skipped, FILE *err);

#endif
