/* models_lexer.c — the lexical level of rules files: the words of one line
 * (blanks separate words, `#` outside quotes starts a comment, "quoted
 * strings" may hold blanks, `#`, \" and \\), and the readers of the parts
 * of a statement. */
#include "models_lexer.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

static int lc_rules_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* A quoted string starting at *cursor (on its opening quote): unescaped in
 * place; *cursor is left after the closing quote. */
static const char *lc_rules_split_string(char **cursor, struct lc_rules_word *word)
{
    char *read = *cursor + 1;
    char *write = read;
    word->text = read;
    word->quoted = 1;
    while (*read != '"') {
        if (*read == '\0')
            return "unterminated string";
        if (*read == '\\') {
            read++;
            if (*read == '\0')
                return "unterminated string";
            if (*read != '"' && *read != '\\')
                return "invalid escape in string (only \\\" and \\\\ are allowed)";
        }
        *write++ = *read++;
    }
    char *after = read + 1;
    if (*after != '\0' && *after != '#' && !lc_rules_is_blank(*after))
        return "missing blank after the closing quote";
    *write = '\0';   /* write <= read: the closing quote or earlier */
    *cursor = after;
    return NULL;
}

/* A bare word starting at *cursor: NUL-terminated in place; *cursor is left
 * on the next character to read, or NULL when a comment or the end of the
 * line followed the word. */
static const char *lc_rules_split_bare(char **cursor, struct lc_rules_word *word)
{
    char *end = *cursor;
    word->text = end;
    word->quoted = 0;
    while (*end != '\0' && *end != '#' && !lc_rules_is_blank(*end)) {
        if (*end == '"')
            return "unexpected '\"' inside a word";
        end++;
    }
    char stop = *end;
    *end = '\0';
    *cursor = (stop == '\0' || stop == '#') ? NULL : end + 1;
    return NULL;
}

const char *lc_rules_split_line(char *line, struct lc_rules_words *words)
{
    words->count = 0;
    char *cursor = line;
    while (cursor) {
        while (lc_rules_is_blank(*cursor))
            cursor++;
        if (*cursor == '\0' || *cursor == '#')
            break;
        if (words->count == LC_RULES_MAX_WORDS)
            return "too many words on one line";
        struct lc_rules_word *word = &words->items[words->count++];
        const char *error = *cursor == '"'
            ? lc_rules_split_string(&cursor, word)
            : lc_rules_split_bare(&cursor, word);
        if (error)
            return error;
    }
    return NULL;
}

int lc_rules_error(struct lc_rules_parser *parser, const char *format, ...)
{
    fprintf(parser->err, "%s:%u: ", parser->file, parser->line);
    if (parser->keyword)
        fprintf(parser->err, parser->name ? "%s %s: " : "%s: ", parser->keyword, parser->name);
    va_list ap;
    va_start(ap, format);
    vfprintf(parser->err, format, ap);
    va_end(ap);
    fputc('\n', parser->err);
    parser->errors++;
    return -1;
}

const struct lc_rules_word *lc_rules_next(struct lc_rules_parser *parser)
{
    return parser->next < parser->words.count ? &parser->words.items[parser->next++] : NULL;
}

int lc_rules_is_identifier(const char *text, const char *extra)
{
    if (!*text || isdigit((unsigned char)*text))
        return 0;
    for (; *text; text++)
        if (!isalnum((unsigned char)*text) && *text != '_' && !strchr(extra, *text))
            return 0;
    return 1;
}

int lc_rules_place_kind(const char *text)
{
    const char *dot = strchr(text, '.');
    if (!dot)
        return lc_rules_is_identifier(text, "") ? 0 : -1;
    char record[256];
    size_t length = (size_t)(dot - text);
    if (length >= sizeof record)
        return -1;
    memcpy(record, text, length);
    record[length] = '\0';
    return lc_rules_is_identifier(record, "") && lc_rules_is_identifier(dot + 1, "") ? 1 : -1;
}

/* NAME: a C identifier, or a glob pattern (* ? [...]) over identifiers. */
const char *lc_rules_read_name(struct lc_rules_parser *parser)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word) {
        lc_rules_error(parser, "missing function name");
        return NULL;
    }
    if (word->quoted || !lc_rules_is_identifier(word->text, "*?[]!-")) {
        lc_rules_error(parser, "invalid function name '%s'", word->text);
        return NULL;
    }
    return parser->name = word->text;
}

/* "argN" at the start of text: N (1..127), *rest after it; -1 if not. */
static int lc_rules_parse_position(const char *text, const char **rest)
{
    if (strncmp(text, "arg", 3) != 0 || text[3] < '1' || text[3] > '9')
        return -1;
    int position = 0;
    for (text += 3; isdigit((unsigned char)*text); text++) {
        position = position * 10 + (*text - '0');
        if (position > LC_RULES_MAX_POSITION)
            return -1;
    }
    *rest = text;
    return position;
}

int lc_rules_read_position(struct lc_rules_parser *parser)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word)
        return lc_rules_error(parser, "missing argument position (argN)");
    const char *rest = NULL;
    int position = word->quoted ? -1 : lc_rules_parse_position(word->text, &rest);
    if (position < 0 || *rest != '\0')
        return lc_rules_error(parser, "invalid argument position '%s' (expected argN, N from 1 to %d)",
                              word->text, LC_RULES_MAX_POSITION);
    return position;
}

int lc_rules_read_descriptor_target(struct lc_rules_parser *parser)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    const char *rest = "";
    if (word && !word->quoted && strcmp(word->text, "result") == 0)
        return 0;
    int position = word && !word->quoted ? lc_rules_parse_position(word->text, &rest) : -1;
    if (position < 0 || *rest != '\0')
        return lc_rules_error(parser, "expected result or argN after the name");
    return position;
}

int lc_rules_read_role(struct lc_rules_parser *parser, enum lc_thread_role *role)
{
    static const enum lc_thread_role roles[] = { LC_ROLE_LOOP, LC_ROLE_POOL, LC_ROLE_THREAD };
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word)
        return lc_rules_error(parser, "missing role (loop, pool or thread)");
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (!word->quoted && strcmp(word->text, lc_thread_role_name(roles[i])) == 0) {
            *role = roles[i];
            return 0;
        }
    return lc_rules_error(parser, "unknown role '%s' (expected loop, pool or thread)", word->text);
}

const char *lc_rules_read_string(struct lc_rules_parser *parser, const char *after)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word || !word->quoted) {
        lc_rules_error(parser, "expected a quoted string after '%s'", after);
        return NULL;
    }
    return word->text;
}

int lc_rules_expect_end(struct lc_rules_parser *parser)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    return word ? lc_rules_error(parser, "unexpected '%s'", word->text) : 0;
}

/* argN=null | argN!=null | argN=nonblocking | argN!=nonblocking
 * | argN=readonly | argN!=readonly | argN=memory | argN!=memory
 * | argN=standard | argN!=standard | argN~TOKEN
 * | argN!~TOKEN | argN^PREFIX | argN!^PREFIX; TOKEN and PREFIX point into
 * text. */
static int lc_rules_parse_condition(const char *text, struct lc_arg_condition *condition)
{
    const char *rest = NULL;
    condition->position = lc_rules_parse_position(text, &rest);
    if (condition->position < 0)
        return -1;
    int negated = *rest == '!';
    rest += negated;
    condition->token = NULL;
    if (*rest == '=' && strcmp(rest + 1, "null") == 0) {
        condition->test = negated ? LC_ARG_NOT_NULL : LC_ARG_IS_NULL;
        return 0;
    }
    if (*rest == '=' && strcmp(rest + 1, "nonblocking") == 0) {
        condition->test = negated ? LC_ARG_NOT_NONBLOCKING : LC_ARG_IS_NONBLOCKING;
        return 0;
    }
    for (int state = 0; *rest == '=' && state < LC_STATE_COUNT; state++)
        if (strcmp(rest + 1, lc_stream_state_word((enum lc_stream_state)state)) == 0) {
            condition->test = negated ? LC_ARG_NOT_IN_STATE : LC_ARG_IN_STATE;
            condition->state = (enum lc_stream_state)state;
            return 0;
        }
    if (*rest == '^' && rest[1]) {
        condition->test = negated ? LC_ARG_LACKS_PREFIX : LC_ARG_HAS_PREFIX;
        condition->token = rest + 1;
        return 0;
    }
    if (*rest != '~' || !rest[1])
        return -1;
    for (const char *c = rest + 1; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '_')
            return -1;
    condition->test = negated ? LC_ARG_LACKS_TOKEN : LC_ARG_HAS_TOKEN;
    condition->token = rest + 1;
    return 0;
}

static int lc_rules_read_condition(struct lc_rules_parser *parser, const char *keyword,
                                   struct lc_arg_condition *conditions, size_t *count)
{
    const struct lc_rules_word *word = lc_rules_next(parser);
    if (!word)
        return lc_rules_error(parser, "missing condition after '%s'", keyword);
    if (word->quoted || lc_rules_parse_condition(word->text, &conditions[*count]) != 0)
        return lc_rules_error(parser, "bad condition '%s' (expected argN=null, argN!=null, "
                                      "argN=nonblocking, argN!=nonblocking, argN=readonly, argN!=readonly, argN=memory, argN!=memory, "
                                      "argN=standard, argN!=standard, "
                                      "argN~TOKEN, argN!~TOKEN, argN^PREFIX or argN!^PREFIX)",
                              word->text);
    ++*count;
    return 0;
}

int lc_rules_read_if_conditions(struct lc_rules_parser *parser, struct lc_arg_condition *conditions,
                                size_t *count)
{
    const struct lc_rules_word *word;
    *count = 0;
    while ((word = lc_rules_next(parser)))
        if (word->quoted || strcmp(word->text, "if") != 0)
            return lc_rules_error(parser, "unexpected '%s' (expected if)", word->text);
        else if (lc_rules_read_condition(parser, word->text, conditions, count) != 0)
            return -1;
    return 0;
}

/* [if COND]... [unless COND]... reason "..." [instead "..."], in any order;
 * conditions only when `conditions` is set. */
int lc_rules_read_clauses(struct lc_rules_parser *parser, int conditions,
                          struct lc_rules_clauses *clauses)
{
    const struct lc_rules_word *word;
    while ((word = lc_rules_next(parser))) {
        const char *text = word->quoted ? "" : word->text;
        int status;
        if (conditions && strcmp(text, "if") == 0)
            status = lc_rules_read_condition(parser, text, clauses->ifs, &clauses->if_count);
        else if (conditions && strcmp(text, "unless") == 0)
            status = lc_rules_read_condition(parser, text, clauses->unlesses, &clauses->unless_count);
        else if (strcmp(text, "reason") == 0 && !clauses->reason)
            status = (clauses->reason = lc_rules_read_string(parser, text)) ? 0 : -1;
        else if (strcmp(text, "instead") == 0 && !clauses->instead)
            status = (clauses->instead = lc_rules_read_string(parser, text)) ? 0 : -1;
        else
            status = lc_rules_error(parser, "unexpected '%s' (expected %sreason or instead, once each)",
                                    word->text, conditions ? "if, unless, " : "");
        if (status != 0)
            return -1;
    }
    if (!clauses->reason)
        return lc_rules_error(parser, "missing reason \"...\"");
    return 0;
}
