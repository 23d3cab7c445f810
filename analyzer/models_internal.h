/* models_internal.h — what the rules parser (models_parse.c) needs from the
 * model store (models.c).  Private to models*.c. */
#ifndef LOOPCHECK_MODELS_INTERNAL_H
#define LOOPCHECK_MODELS_INTERNAL_H

#include "models.h"

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

#endif
