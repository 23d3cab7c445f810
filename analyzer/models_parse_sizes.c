/* models_parse_sizes.c — `bounded NAME N` (rules/README.md): a size the
 * code does not state, the result of function NAME, the field RECORD.FIELD
 * or the global variable NAME, is at most N (a non-negative integer).  The
 * table of statements is in models_parse.c. */
#include "models.h"

#include <errno.h>
#include <stdlib.h>

#include "models_internal.h"
#include "models_lexer.h"

int lc_rules_parse_bounded(struct lc_rules_parser *parser)
{
    const struct lc_rules_word *name = lc_rules_next(parser);
    if (!name || name->quoted || lc_rules_place_kind(name->text) < 0)
        return lc_rules_error(parser, "missing or invalid name (a function, RECORD.FIELD or a variable)");
    parser->name = name->text;
    const struct lc_rules_word *number = lc_rules_next(parser);
    char *end = NULL;
    errno = 0;
    long long most = number && !number->quoted ? strtoll(number->text, &end, 10) : -1;
    if (!number || number->quoted || end == number->text || *end != '\0' || errno != 0 || most < 0)
        return lc_rules_error(parser, "expected the largest size, a non-negative integer");
    if (lc_rules_expect_end(parser) != 0)
        return -1;
    return lc_models_add_bounded(parser->models, name->text, most) == 0 ? 0 : lc_rules_error(parser, "out of memory");
}
