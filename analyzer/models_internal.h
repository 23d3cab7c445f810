/* models_internal.h — what the rules parser (models_parse*.c) needs from the
 * model store (models.c), and what its files share.  Private to models*.c. */
#ifndef LOOPCHECK_MODELS_INTERNAL_H
#define LOOPCHECK_MODELS_INTERNAL_H

#include "models.h"

#include <stddef.h>

/* The entry for exactly this name (a pattern is its own name), created
 * empty, declared at file:line, when new; NULL when memory runs out. */
struct lc_function_model *lc_models_function_for(struct lc_models *models,
                                                 const char *name,
                                                 const char *file, unsigned line);
/* The entry for RECORD.FIELD, created when new; NULL when memory runs out. */
struct lc_field_model *lc_models_field_for(struct lc_models *models,
                                           const char *record, const char *field);
/* The library of that name, created (offload NULL) when new; NULL when
 * memory runs out. */
struct lc_library *lc_models_library_for(struct lc_models *models, const char *name);
/* Add a synchronisation type name (once); -1 when memory runs out. */
int lc_models_add_sync_type(struct lc_models *models, const char *name);
/* Set the bound of NAME, or (`drain`) its `drains` count (a later statement
 * wins); -1 when memory runs out. */
int lc_models_add_bounded(struct lc_models *models, const char *name, long long most, int drain);
/* Add a `standard-stream` variable name (once); -1 when memory runs out. */
/* Add NAME to one of the models' name sets (once); 0, or -1 when memory runs out. */
int lc_models_add_name(struct lc_models *models, struct lc_name_set *set, const char *name);

/* models_parse.c: what the statement parsers share. */
struct lc_rules_parser;
struct lc_arg_condition;
/* The entry for NAME, created when new (an error printed when memory runs
 * out: NULL). */
struct lc_function_model *lc_rules_function(struct lc_rules_parser *parser, const char *name);
/* A statement about `model` was applied: it belongs to the current library
 * from now on (later wins), and hides the function's body.  Returns 0. */
int lc_rules_applied(struct lc_rules_parser *parser, struct lc_function_model *model);
/* `KEYWORD NAME`: sets the int flag at offset `flag` of NAME's model; an
 * opaque one hides the function's body (lc_rules_applied), the others
 * leave it followed (runs-loop, process-main).  0, or -1 after an error. */
int lc_rules_parse_flag(struct lc_rules_parser *parser, size_t flag, int opaque);
/* A copy of `count` conditions in the models' arena (*failed set when
 * memory runs out); NULL for none. */
struct lc_arg_condition *lc_rules_copy_conditions(struct lc_rules_parser *parser,
                                                  const struct lc_arg_condition *conditions, size_t count,
                                                  int *failed);

/* models_parse_threads.c: the statements about threads and locks. */
int lc_rules_parse_runs_loop(struct lc_rules_parser *parser);
int lc_rules_parse_process_main(struct lc_rules_parser *parser);
int lc_rules_parse_thread_join(struct lc_rules_parser *parser);
int lc_rules_parse_runs_once(struct lc_rules_parser *parser);
int lc_rules_parse_annotate(struct lc_rules_parser *parser);
/* models_parse_states.c */
int lc_rules_parse_descriptor(struct lc_rules_parser *parser);
int lc_rules_parse_readonly_stream(struct lc_rules_parser *parser);
int lc_rules_parse_memory_file(struct lc_rules_parser *parser);
int lc_rules_parse_standard_stream(struct lc_rules_parser *parser);
int lc_rules_parse_nonblocking_place(struct lc_rules_parser *parser);
/* A copy of `text` in the models' arena (NULL stays NULL); *failed set
 * when memory runs out. */
char *lc_rules_copy(struct lc_rules_parser *parser, const char *text, int *failed);
int lc_rules_parse_pause_threads(struct lc_rules_parser *parser);
int lc_rules_parse_barrier_wait(struct lc_rules_parser *parser);
int lc_rules_parse_resume_threads(struct lc_rules_parser *parser);
int lc_rules_parse_sync_type(struct lc_rules_parser *parser);
int lc_rules_parse_gated_thread(struct lc_rules_parser *parser);
int lc_rules_parse_acquire(struct lc_rules_parser *parser);
int lc_rules_parse_release(struct lc_rules_parser *parser);
int lc_rules_parse_try(struct lc_rules_parser *parser);

/* models_parse_keyed.c: `keyed-callback`, `keyed-dispatch`, `keyed-id`,
 * `string-prefix`. */
int lc_rules_parse_keyed_callback(struct lc_rules_parser *parser);
int lc_rules_parse_keyed_dispatch(struct lc_rules_parser *parser);
int lc_rules_parse_keyed_id(struct lc_rules_parser *parser);
int lc_rules_parse_string_prefix(struct lc_rules_parser *parser);

/* models_parse_sizes.c: `bounded NAME N`, `drains NAME N`, `fails NAME
 * result...`, `cheap NAME reason "..."`. */
int lc_rules_parse_bounded(struct lc_rules_parser *parser);
int lc_rules_parse_drains(struct lc_rules_parser *parser);
int lc_rules_parse_fails(struct lc_rules_parser *parser);
int lc_rules_parse_cheap(struct lc_rules_parser *parser);
struct lc_rules_clauses;
/* models_parse.c: a `cpu-heavy` or `cheap` statement's reason, instead,
 * file and line, in the models' arena; NULL after an error. */
struct lc_cost_model *lc_rules_cost_model(struct lc_rules_parser *parser, const struct lc_rules_clauses *clauses);

#endif
