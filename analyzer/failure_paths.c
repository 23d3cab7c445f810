/* failure_paths.c — calls that run only where an earlier call failed.
 * The extractor gives a call in a branch that tested an earlier call's
 * result what holds of it there (facts.h fail_guard, enum
 * lc_result_test: `if (close(fd) == -1) { log(...); }`); a `fails` model
 * of the tested function names its failure results (`fails close
 * result=-1`: -1 on failure, some non-negative value otherwise).  The
 * branch handles a failure when no result it admits is a success. */
#include "program.h"

#include "models.h"

/* Are all the results `test` admits failures of a function that fails
 * with `failure` and succeeds with every other result (non-negative ones
 * for result=-1 and result<0)? */
static int failure_test_implies(int failure, int test)
{
    switch (test) {
    case LC_RESULT_TEST_MINUS_ONE:
    case LC_RESULT_TEST_NEGATIVE:
        return failure != LC_RESULT_TEST_ZERO;
    case LC_RESULT_TEST_NONPOSITIVE:
        return failure == LC_RESULT_TEST_NONPOSITIVE;
    case LC_RESULT_TEST_NONZERO:
        return failure == LC_RESULT_TEST_NONZERO;
    case LC_RESULT_TEST_ZERO:
        return failure == LC_RESULT_TEST_ZERO || failure == LC_RESULT_TEST_NONPOSITIVE;
    default:
        return 0;
    }
}

int lc_program_call_on_failure_path(const struct lc_program *program, const struct lc_program_call *call)
{
    const struct lc_program_call_extra *extra = lc_program_call_extra_of(program, call);
    if (extra->fail_guard == LC_NONE || extra->fail_guard >= program->call_count)
        return 0;
    const struct lc_program_call *tested = &program->calls[extra->fail_guard];
    if (tested->callee.kind != LC_VALUE_FUNCTION || tested->callee.function >= program->function_count)
        return 0;
    const struct lc_function_model *model = program->functions[tested->callee.function].model;
    return model && model->fails && failure_test_implies(model->fails, extra->fail_test);
}
