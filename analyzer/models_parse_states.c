/* models_parse_states.c — the statements about the state of descriptors
 * and streams (rules/README.md): `nonblocking-descriptor`,
 * `readonly-stream`, `memory-file`, `standard-stream` and
 * `nonblocking-place`.  The table of statements is in models_parse.c. */
#include "models.h"

#include <string.h>

#include "models_internal.h"
#include "models_lexer.h"

/* nonblocking-descriptor NAME result|argN [if COND]... reason "..." (state
 * -1), readonly-stream / memory-file NAME result [if COND]... [unless
 * COND]... reason "..." */
static int lc_rules_parse_state(struct lc_rules_parser *parser, int state)
{
    int readonly = state >= 0;
    struct lc_rules_clauses clauses = { 0 };
    const char *name = lc_rules_read_name(parser);
    if (!name)
        return -1;
    int position = lc_rules_read_descriptor_target(parser);
    if (position < 0)
        return -1;
    if (readonly && position != 0)
        return lc_rules_error(parser, "the state is that of a call's result");
    if (lc_rules_read_clauses(parser, 1, &clauses) != 0)
        return -1;
    if (clauses.unless_count && !readonly)
        return lc_rules_error(parser, "unless is not allowed here (use if)");
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    struct lc_descriptor_model *descriptor = lc_arena_alloc(&parser->models->arena, sizeof *descriptor);
    int failed = !descriptor;
    if (descriptor) {
        descriptor->position = position;
        descriptor->if_conditions = lc_rules_copy_conditions(parser, clauses.ifs, clauses.if_count, &failed);
        descriptor->if_count = clauses.if_count;
        descriptor->unless_conditions = lc_rules_copy_conditions(parser, clauses.unlesses, clauses.unless_count,
                                                                 &failed);
        descriptor->unless_count = clauses.unless_count;
        descriptor->reason = lc_rules_copy(parser, clauses.reason, &failed);
    }
    if (failed)
        return lc_rules_error(parser, "out of memory");
    *(readonly ? &model->states[state] : &model->descriptor) = descriptor;
    return lc_rules_applied(parser, model);
}

int lc_rules_parse_descriptor(struct lc_rules_parser *parser)
{
    return lc_rules_parse_state(parser, -1);
}

int lc_rules_parse_readonly_stream(struct lc_rules_parser *parser)
{
    return lc_rules_parse_state(parser, LC_STATE_READONLY);
}

int lc_rules_parse_memory_file(struct lc_rules_parser *parser)
{
    return lc_rules_parse_state(parser, LC_STATE_MEMORY);
}

/* standard-stream NAME: the global variable NAME holds one of the
 * process's standard streams (stdout, stderr, stdin). */
int lc_rules_parse_standard_stream(struct lc_rules_parser *parser)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word || word->quoted || !lc_rules_is_identifier(word->text, ""))
        return lc_rules_error(parser, "missing or invalid variable name");
    parser->name = word->text;
    if (lc_rules_expect_end(parser) != 0)
        return -1;
    return lc_models_add_name(parser->models, &parser->models->standard_streams, word->text) == 0
               ? 0
               : lc_rules_error(parser, "out of memory");
}

/* nonblocking-place RECORD.FIELD|VARIABLE reason "WHY": every descriptor the
 * field or global variable holds is non-blocking, whatever loopcheck sees
 * stored into it. */
int lc_rules_parse_nonblocking_place(struct lc_rules_parser *parser)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word || word->quoted)
        return lc_rules_error(parser, "missing name (RECORD.FIELD or a variable)");
    parser->name = word->text;
    if (lc_rules_place_kind(word->text) < 0)
        return lc_rules_error(parser, "invalid name '%s' (RECORD.FIELD or a variable)", word->text);
    const struct lc_rules_word *clause = lc_rules_next(parser);
    if (!clause || clause->quoted || strcmp(clause->text, "reason") != 0)
        return lc_rules_error(parser, "expected reason \"WHY\"");
    if (!lc_rules_read_string(parser, "reason") || lc_rules_expect_end(parser) != 0)
        return -1;
    return lc_models_add_name(parser->models, &parser->models->nonblocking_places, word->text) == 0
               ? 0
               : lc_rules_error(parser, "out of memory");
}
