/* store_reuse.h — what a run that changes nothing needs from the store to
 * report without linking again (analysis_reuse.c): a fingerprint of the
 * stored TUs, the key the last results were stamped with, and those results
 * read back as findings. */
#ifndef LOOPCHECK_STORE_REUSE_H
#define LOOPCHECK_STORE_REUSE_H

#include <stdint.h>
#include <stdio.h>

#include "finding.h"
#include "store.h"

/* A hash of every row of `tu` (id, file, flags fingerprint, status, parse
 * time and date): it changes whenever a TU is parsed again, added or
 * removed.  0 or -1. */
int lc_store_tu_fingerprint(struct lc_store *store, uint64_t *fingerprint);

/* The key and the summary text stamped by lc_store_stamp_results, if any:
 * 1 found (*summary malloc'd), 0 none, -1 error.  lc_store_save_results
 * removes the stamp: results written by another path carry none. */
int lc_store_results_stamp(struct lc_store *store, uint64_t *key, char **summary);
int lc_store_stamp_results(struct lc_store *store, uint64_t key, const char *summary, FILE *err);

/* The stored findings (finding, finding_step), in the order they were
 * written, appended to `findings`.  0, or -1 after one line on `err`. */
int lc_store_load_findings(struct lc_store *store, struct lc_findings *findings, FILE *err);

#endif
