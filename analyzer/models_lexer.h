/* models_lexer.h — the lexical level of rules files (format:
 * rules/README.md), private to models*.c: splitting a line into words and
 * "quoted strings", and reading the parts of a statement from them (names,
 * argN positions, roles, strings, conditions, reason/instead clauses).
 * Every reader prints its own error and returns NULL or -1. */
#ifndef LOOPCHECK_MODELS_LEXER_H
#define LOOPCHECK_MODELS_LEXER_H

#include <stddef.h>
#include <stdio.h>

#include "models.h"

#define LC_RULES_MAX_WORDS 64
#define LC_RULES_MAX_POSITION 127
/* Each condition takes two words after `blocking NAME`, so a line cannot
 * hold more than this many of either kind. */
#define LC_RULES_MAX_CONDITIONS (LC_RULES_MAX_WORDS / 2)

struct lc_rules_word {
    const char *text;   /* NUL-terminated; a string without its quotes and
                           with \" and \\ already replaced */
    int quoted;         /* it was a "quoted string" */
};

struct lc_rules_words {
    struct lc_rules_word items[LC_RULES_MAX_WORDS];
    size_t count;
};

/* The state of one load (models_parse.c), and the cursor in its line. */
struct lc_rules_parser {
    struct lc_models *models;
    const char *file;            /* this load's copy of the name: entries
                                    compare it by address */
    unsigned line;
    FILE *err;
    int errors;
    struct lc_library *library;  /* set by the last `library` line */
    const char *keyword;         /* the statement being parsed, for messages */
    const char *name;            /* its NAME once read, for messages */
    struct lc_rules_words words;
    size_t next;                 /* the next word to read */
};

/* The clauses after NAME in `blocking` and `cpu-heavy`; strings and tokens
 * point into the line. */
struct lc_rules_clauses {
    const char *reason, *instead;
    struct lc_arg_condition ifs[LC_RULES_MAX_CONDITIONS], unlesses[LC_RULES_MAX_CONDITIONS];
    size_t if_count, unless_count;
};

/* Split `line` (one line, no newline) into words, in place: words are
 * NUL-terminated inside `line`.  A `#` outside quotes ends the line.
 * Returns NULL, or the error message (a constant string). */
const char *lc_rules_split_line(char *line, struct lc_rules_words *words);

/* Print "file:line: [keyword [name]: ]message", count it; returns -1. */
int lc_rules_error(struct lc_rules_parser *parser, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* The next word, or NULL at the end of the line. */
const struct lc_rules_word *lc_rules_next(struct lc_rules_parser *parser);
/* A C identifier, also allowing the characters of `extra`. */
int lc_rules_is_identifier(const char *text, const char *extra);
/* A place a statement names: 0 for an identifier (a variable, a
 * function), 1 for RECORD.FIELD (two identifiers), -1 for anything else
 * (`a.b.c`, `.f`, `s.1x`). */
int lc_rules_place_kind(const char *text);
/* NAME (an identifier or a glob pattern); sets parser->name. */
const char *lc_rules_read_name(struct lc_rules_parser *parser);
/* argN: N from 1 to LC_RULES_MAX_POSITION, or -1. */
int lc_rules_read_position(struct lc_rules_parser *parser);
int lc_rules_read_role(struct lc_rules_parser *parser, enum lc_thread_role *role);
/* `result` (0) or argN (N); -1 after an error. */
int lc_rules_read_descriptor_target(struct lc_rules_parser *parser);
/* A quoted string, expected after the word `after`. */
const char *lc_rules_read_string(struct lc_rules_parser *parser, const char *after);
/* 0 at the end of the line, else -1 ("unexpected 'WORD'"). */
int lc_rules_expect_end(struct lc_rules_parser *parser);
/* The rest of the line as `if COND` clauses only, into `conditions`
 * (room for LC_RULES_MAX_CONDITIONS); *count says how many. */
int lc_rules_read_if_conditions(struct lc_rules_parser *parser, struct lc_arg_condition *conditions,
                                size_t *count);
/* The rest of the line as clauses; `if`/`unless` only when `conditions`. */
int lc_rules_read_clauses(struct lc_rules_parser *parser, int conditions,
                          struct lc_rules_clauses *clauses);

#endif
