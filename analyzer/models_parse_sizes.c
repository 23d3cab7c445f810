/* models_parse_sizes.c — what the code does not state about values
 * (rules/README.md): `bounded NAME N`, a size — the result of function
 * NAME, the field RECORD.FIELD or the global variable NAME — is at most N
 * (a non-negative integer); `drains NAME N`, function NAME returns
 * non-zero at most N times in a row (it empties a queue of at most N
 * entries); `fails NAME result=-1|result<0|result<=0|
 * result!=0|result=null|result=0`, the results by which function NAME
 * says it failed; `cheap NAME reason "..."`, function NAME does a
 * bounded or amortised amount of work per call.  The table of statements
 * is in models_parse.c. */
#include "models.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "models_internal.h"
#include "models_lexer.h"

/* `bounded NAME N` (a function, RECORD.FIELD or a variable) and, with
 * `drain`, `drains NAME N` (a function): N a non-negative integer. */
static int lc_rules_parse_count(struct lc_rules_parser *parser, int drain)
{
    const struct lc_rules_word *name = lc_rules_next(parser);
    int kind = name && !name->quoted ? lc_rules_place_kind(name->text) : -1;
    if (kind < 0 || (drain && kind != 0))
        return lc_rules_error(parser, drain ? "missing or invalid function name"
                                            : "missing or invalid name (a function, RECORD.FIELD or a variable)");
    parser->name = name->text;
    const struct lc_rules_word *number = lc_rules_next(parser);
    char *end = NULL;
    errno = 0;
    long long most = number && !number->quoted ? strtoll(number->text, &end, 10) : -1;
    if (!number || number->quoted || end == number->text || *end != '\0' || errno != 0 || most < 0)
        return lc_rules_error(parser, drain ? "expected the largest number of entries, a non-negative integer"
                                            : "expected the largest size, a non-negative integer");
    if (lc_rules_expect_end(parser) != 0)
        return -1;
    return lc_models_add_bounded(parser->models, name->text, most, drain) == 0 ? 0
                                                                              : lc_rules_error(parser, "out of memory");
}

int lc_rules_parse_bounded(struct lc_rules_parser *parser)
{
    return lc_rules_parse_count(parser, 0);
}

int lc_rules_parse_drains(struct lc_rules_parser *parser)
{
    return lc_rules_parse_count(parser, 1);
}

static const struct {
    const char *text;
    int test;
} lc_rules_failures[] = {
    { "result=-1", LC_RESULT_TEST_MINUS_ONE },      { "result<0", LC_RESULT_TEST_NEGATIVE },
    { "result<=0", LC_RESULT_TEST_NONPOSITIVE },    { "result!=0", LC_RESULT_TEST_NONZERO },
    { "result=null", LC_RESULT_TEST_ZERO },         { "result=0", LC_RESULT_TEST_ZERO },
};


/* fails NAME result=-1|result<0|result<=0|result!=0|result=null: leaves
 * the function analysed as it is. */
int lc_rules_parse_fails(struct lc_rules_parser *parser)
{
    const char *name = lc_rules_read_name(parser);
    if (!name)
        return -1;
    const struct lc_rules_word *word = lc_rules_next(parser);
    int test = 0;
    const char *text = NULL;
    for (size_t i = 0; word && !word->quoted && i < sizeof lc_rules_failures / sizeof *lc_rules_failures; i++)
        if (strcmp(word->text, lc_rules_failures[i].text) == 0) {
            test = lc_rules_failures[i].test;
            text = lc_rules_failures[i].text;
        }
    if (!test)
        return lc_rules_error(parser, "expected result=-1, result<0, result<=0, result!=0, result=null or result=0");
    if (lc_rules_expect_end(parser) != 0)
        return -1;
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    model->fails = test;
    model->fails_text = text;
    if (parser->library)
        model->library = parser->library;
    return 0;
}

/* cheap NAME reason "...": leaves the function analysed as it is, but for
 * its cost.  A name both cpu-heavy and cheap in one file is an error; in
 * a later file the later statement wins, as for every statement. */
int lc_rules_parse_cheap(struct lc_rules_parser *parser)
{
    struct lc_rules_clauses clauses = { 0 };
    const char *name = lc_rules_read_name(parser);
    if (!name || lc_rules_read_clauses(parser, 0, &clauses) != 0)
        return -1;
    if (clauses.instead)
        return lc_rules_error(parser, "a cheap function takes no instead");
    struct lc_function_model *model = lc_rules_function(parser, name);
    if (!model)
        return -1;
    if (model->cheap && model->cheap->file == parser->file)
        return lc_rules_error(parser, "already declared at line %u of this file", model->cheap->line);
    if (model->cpu_heavy && model->cpu_heavy->file == parser->file)
        return lc_rules_error(parser, "already declared cpu-heavy at line %u of this file", model->cpu_heavy->line);
    struct lc_cost_model *cheap = lc_rules_cost_model(parser, &clauses);
    if (!cheap)
        return -1;
    model->cheap = cheap;
    model->cpu_heavy = NULL;   /* a later file's statement wins */
    if (parser->library)
        model->library = parser->library;
    return 0;
}
