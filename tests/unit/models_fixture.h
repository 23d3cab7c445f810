/* models_fixture.h — what the rules-file tests (test_models_*.c) share:
 * loading rules text and capturing what the parser prints, loading text
 * that must parse cleanly, finding a function's model that must exist, and
 * checking one bad line's exact "bad.rules:2: message".  Included by each
 * test program; everything is static inline. */
#ifndef LOOPCHECK_TEST_MODELS_FIXTURE_H
#define LOOPCHECK_TEST_MODELS_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "facts.h"
#include "models.h"

/* Load `text` as `name`; *errors gets what was printed on `err`. */
static inline int load_capturing(struct lc_models *models, const char *name, const char *text,
                                 char **errors)
{
    size_t size = 0;
    FILE *err = open_memstream(errors, &size);
    assert_non_null(err);
    int count = lc_models_load_text(models, name, text, err);
    assert_int_equal(fclose(err), 0);
    return count;
}

/* Load text that must parse without errors. */
static inline void load_clean(struct lc_models *models, const char *name, const char *text)
{
    char *errors = NULL;
    int count = load_capturing(models, name, text, &errors);
    assert_string_equal(errors, "");
    assert_int_equal(count, 0);
    free(errors);
}

static inline const struct lc_function_model *find(const struct lc_models *models, const char *name)
{
    const struct lc_function_model *model = lc_models_find(models, name);
    assert_non_null(model);
    return model;
}

/* One bad line, the message it must print, and a good line that must still
 * load after it. */
static inline void expect_error(const char *line, const char *message)
{
    struct lc_models models;
    lc_models_init(&models);
    char *text = NULL, *errors = NULL, *expected = NULL;
    assert_true(asprintf(&text, "# bad line next\n%s\nnonblocking after_error\n", line) > 0);
    assert_true(asprintf(&expected, "bad.rules:2: %s\n", message) > 0);
    assert_int_equal(load_capturing(&models, "bad.rules", text, &errors), 1);
    assert_string_equal(errors, expected);
    assert_true(find(&models, "after_error")->nonblocking);
    free(text);
    free(errors);
    free(expected);
    lc_models_free(&models);
}

#endif
