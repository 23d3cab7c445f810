/* extract.h — the libclang AST walker: parses one TU with its own flags and
 * fills a `struct lc_tu_facts`.  Thread-safe as long as each thread uses its
 * own `struct lc_extractor`. */
#ifndef LOOPCHECK_EXTRACT_H
#define LOOPCHECK_EXTRACT_H

#include "compdb.h"
#include "facts.h"

struct lc_extractor;   /* owns one CXIndex */

struct lc_extractor *lc_extractor_new(void);
void lc_extractor_free(struct lc_extractor *extractor);

/* The lock functions whose calls make the locksets of calls and accesses
 * (facts.h); `vocabulary` must outlive the extractor.  NULL or empty: no
 * lock functions, every lockset is empty. */
void lc_extractor_set_lock_vocabulary(struct lc_extractor *extractor,
                                      const struct lc_lock_vocabulary *vocabulary);

/* Parse `command` (optionally with an unsaved buffer standing for
 * command->file: `unsaved_contents`/`unsaved_length`, NULL for none) and
 * extract its facts into `facts` (initialised by the caller).
 * Returns 0 on success.  On failure (the file is missing, libclang cannot
 * parse it, or it has errors) returns -1 and sets facts->error to one line,
 * "file:line:col: error: message" where there is a location. */
int lc_extract_tu(struct lc_extractor *extractor,
                  const struct lc_compile_command *command,
                  const char *unsaved_contents, unsigned long unsaved_length,
                  struct lc_tu_facts *facts);

/* The command line the extractor gives libclang for `command` (argv[0]
 * included, NULL-terminated), also for callers that parse a TU themselves
 * (the LSP, to find the cursor under a position): a malloc'd array of
 * pointers into `command` and string constants, NULL when memory runs out. */
const char **lc_extract_arguments(const struct lc_compile_command *command, int *argc);

#endif
