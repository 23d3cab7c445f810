/* models_parse_keyed.c — `keyed-callback NAME [key argK] callback argF
 * [prefix "TEXT"]` (clauses in any order), `keyed-dispatch NAME [key
 * argK]`, `keyed-id NAME key argK` and `string-prefix NAME argK [format]`
 * (rules/README.md): string-keyed callback registries (irssi's signals and
 * commands) and the functions making keys known by how they start.  The
 * table of statements is in models_parse.c; keyed.c resolves them, the
 * extractor follows `string-prefix` (extract_string_prefix.c). */
#include "models.h"

#include <string.h>

#include "models_internal.h"
#include "models_lexer.h"

/* The next word when it is the bare keyword `keyword` (consumed), else 0
 * (nothing consumed). */
static int keyed_take_keyword(struct lc_rules_parser *parser, const char *keyword)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (word && !word->quoted && strcmp(word->text, keyword) == 0)
        return 1;
    if (word)
        parser->next--;
    return 0;
}

/* The clauses of `keyed-callback` after the name, in any order, once each:
 * key argK, callback argF, prefix "TEXT". */
static int keyed_read_callback_clauses(struct lc_rules_parser *parser, struct lc_keyed_callback_model *keyed)
{
    int seen_prefix = 0;
    for (const struct lc_rules_word *word; (word = lc_rules_next(parser)) != NULL;) {
        const char *text = word->quoted ? "" : word->text;
        if (strcmp(text, "key") == 0 && !keyed->key_position) {
            if ((keyed->key_position = lc_rules_read_position(parser)) < 0)
                return -1;
        } else if (strcmp(text, "callback") == 0 && !keyed->callback_position) {
            if ((keyed->callback_position = lc_rules_read_position(parser)) < 0)
                return -1;
        } else if (strcmp(text, "prefix") == 0 && !seen_prefix) {
            if (!(keyed->prefix = lc_rules_read_string(parser, "prefix")))
                return -1;
            seen_prefix = 1;
        } else {
            return lc_rules_error(parser, "unexpected '%s' (expected key argK, callback argF or prefix \"TEXT\","
                                          " once each)", word->text);
        }
    }
    if (!keyed->callback_position)
        return lc_rules_error(parser, "missing callback argF");
    if (keyed->callback_position == keyed->key_position)
        return lc_rules_error(parser, "the key and the callback are the same argument");
    if (seen_prefix && !keyed->key_position)
        return lc_rules_error(parser, "prefix needs a key argK");
    return 0;
}

int lc_rules_parse_keyed_callback(struct lc_rules_parser *parser)
{
    const char *name = lc_rules_read_name(parser);
    struct lc_keyed_callback_model keyed = { .prefix = "" };
    if (!name || keyed_read_callback_clauses(parser, &keyed) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    struct lc_keyed_callback_model *copy = lc_arena_alloc(&parser->models->arena, sizeof *copy);
    const char *prefix = copy ? lc_arena_strdup(&parser->models->arena, keyed.prefix) : NULL;
    if (!copy || !prefix)
        return lc_rules_error(parser, "out of memory");
    *copy = keyed;
    copy->prefix = prefix;
    model->keyed_callback = copy;
    return lc_rules_applied(parser, model);
}

int lc_rules_parse_keyed_dispatch(struct lc_rules_parser *parser)
{
    const char *name = lc_rules_read_name(parser);
    if (!name)
        return -1;
    int key = 0;
    if (keyed_take_keyword(parser, "key") && (key = lc_rules_read_position(parser)) < 0)
        return -1;
    if (lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    model->keyed_dispatch = 1;
    model->keyed_dispatch_key = key;
    return lc_rules_applied(parser, model);
}

int lc_rules_parse_keyed_id(struct lc_rules_parser *parser)
{
    const char *name = lc_rules_read_name(parser);
    if (!name)
        return -1;
    if (!keyed_take_keyword(parser, "key"))
        return lc_rules_error(parser, "expected key argK after the name");
    int key = lc_rules_read_position(parser);
    if (key < 0 || lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    model->keyed_id_key = key;
    return lc_rules_applied(parser, model);
}

int lc_rules_parse_string_prefix(struct lc_rules_parser *parser)
{
    const char *name = lc_rules_read_name(parser);
    if (!name)
        return -1;
    int position = lc_rules_read_position(parser);
    if (position < 0)
        return -1;
    int format = keyed_take_keyword(parser, "format");
    if (lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    model->string_prefix_position = position;
    model->string_prefix_format = format;
    return lc_rules_applied(parser, model);
}
