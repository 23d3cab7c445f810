/* extract.c — parsing one TU with libclang and turning it into facts: the
 * extractor (one CXIndex), the parse itself, the first error of a TU that
 * does not compile, and the list of files it included.  The walk over the
 * AST lives in extract_walk.c. */
#include "extract.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract_internal.h"

struct lc_extractor {
    CXIndex index;
    const struct lc_lock_vocabulary *vocabulary;   /* or NULL */
};

struct lc_extractor *lc_extractor_new(void)
{
    struct lc_extractor *extractor = calloc(1, sizeof *extractor);
    if (!extractor)
        return NULL;
    extractor->index = clang_createIndex(/*excludeDeclarationsFromPCH=*/0,
                                         /*displayDiagnostics=*/0);
    if (!extractor->index) {
        free(extractor);
        return NULL;
    }
    return extractor;
}

void lc_extractor_free(struct lc_extractor *extractor)
{
    if (!extractor)
        return;
    clang_disposeIndex(extractor->index);
    free(extractor);
}

void lc_extractor_set_lock_vocabulary(struct lc_extractor *extractor,
                                      const struct lc_lock_vocabulary *vocabulary)
{
    extractor->vocabulary = vocabulary;
}

static const char *extract_error_code_text(enum CXErrorCode code)
{
    switch (code) {
    case CXError_Crashed:
        return "libclang crashed while parsing it";
    case CXError_InvalidArguments:
        return "libclang was given invalid arguments";
    case CXError_ASTReadError:
        return "libclang rejected its compile command";
    default:
        return "libclang could not parse it";
    }
}

/* The first error of the TU as "file:line:col: error: text".  Errors without
 * a location come from the command line (gcc options clang does not know)
 * and do not stop the parse; a fatal one without a location (a missing
 * -include file) does. */
static const char *extract_first_error(struct lc_extract_walk *walk)
{
    const char *error = NULL;
    unsigned count = clang_getNumDiagnostics(walk->tu);
    for (unsigned i = 0; i < count && !error && !walk->out_of_memory; i++) {
        CXDiagnostic diagnostic = clang_getDiagnostic(walk->tu, i);
        enum CXDiagnosticSeverity severity = clang_getDiagnosticSeverity(diagnostic);
        struct lc_location loc;
        int located = severity >= CXDiagnostic_Error &&
            lc_extract_location(walk, clang_getDiagnosticLocation(diagnostic), &loc) == 0;
        if (located || severity == CXDiagnostic_Fatal) {
            CXString spelling = clang_getDiagnosticSpelling(diagnostic);
            if (located)
                error = lc_arena_printf(&walk->facts->arena, "%s:%u:%u: error: %s",
                                        loc.file, loc.line, loc.col,
                                        clang_getCString(spelling));
            else
                error = lc_arena_printf(&walk->facts->arena, "%s: error: %s",
                                        walk->facts->path, clang_getCString(spelling));
            clang_disposeString(spelling);
            if (!error)
                walk->out_of_memory = 1;
        }
        clang_disposeDiagnostic(diagnostic);
    }
    return error;
}

static void extract_visit_inclusion(CXFile included, CXSourceLocation *stack,
                                    unsigned depth, CXClientData data)
{
    (void)stack;
    struct lc_extract_walk *walk = data;
    if (depth == 0 || walk->out_of_memory)   /* depth 0: the main file */
        return;
    struct lc_extract_file *entry = lc_extract_file_entry(walk, included);
    if (!entry || entry->listed)
        return;
    entry->listed = 1;
    if (lc_tu_facts_add_include(walk->facts, entry->path) != 0)
        walk->out_of_memory = 1;
}

/* Set facts->error to "PATH: error: WHAT". */
static void extract_fail(struct lc_tu_facts *facts, const char *what)
{
    facts->error = lc_arena_printf(&facts->arena, "%s: error: %s", facts->path, what);
    if (!facts->error)
        facts->error = "error: out of memory";
}

/* Parse `command`; returns the TU or NULL after setting facts->error. */
static CXTranslationUnit extract_parse(struct lc_extractor *extractor,
                                       const struct lc_compile_command *command,
                                       const char *unsaved_contents,
                                       unsigned long unsaved_length,
                                       struct lc_tu_facts *facts)
{
    struct stat st;
    if (!unsaved_contents && access(command->file, R_OK) != 0) {
        extract_fail(facts, errno == ENOENT ? "no such file" :
                            errno == EACCES ? "permission denied" : "cannot read the file");
        return NULL;
    }
    if (stat(command->directory, &st) != 0 || !S_ISDIR(st.st_mode)) {
        const char *what = lc_arena_printf(&facts->arena, "no such working directory %s",
                                           command->directory);
        extract_fail(facts, what ? what : "no such working directory");
        return NULL;
    }
    int argc;
    const char **argv = lc_extract_arguments(command, &argc);
    if (!argv) {
        extract_fail(facts, "out of memory");
        return NULL;
    }
    struct CXUnsavedFile unsaved = { command->file, unsaved_contents, unsaved_length };
    CXTranslationUnit tu = NULL;
    enum CXErrorCode code = clang_parseTranslationUnit2FullArgv(
        extractor->index, NULL, argv, argc, &unsaved, unsaved_contents ? 1 : 0,
        CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles, &tu);
    free(argv);
    if (code != CXError_Success || !tu) {
        extract_fail(facts, extract_error_code_text(code));
        return NULL;
    }
    return tu;
}

int lc_extract_tu(struct lc_extractor *extractor,
                  const struct lc_compile_command *command,
                  const char *unsaved_contents, unsigned long unsaved_length,
                  struct lc_tu_facts *facts)
{
    facts->path = lc_arena_strdup(&facts->arena, command->file);
    if (!facts->path) {
        facts->error = "error: out of memory";
        return -1;
    }
    CXTranslationUnit tu = extract_parse(extractor, command, unsaved_contents,
                                         unsaved_length, facts);
    if (!tu)
        return -1;
    struct lc_extract_walk walk = {
        .facts = facts,
        .tu = tu,
        .directory = command->directory,
        .vocabulary = extractor->vocabulary,
    };
    facts->error = extract_first_error(&walk);
    if (!facts->error && !walk.out_of_memory) {
        lc_extract_walk_tu(&walk);
        clang_getInclusions(tu, extract_visit_inclusion, &walk);
    }
    if (walk.out_of_memory && !facts->error)
        extract_fail(facts, "out of memory");
    lc_extract_files_free(&walk);
    clang_disposeTranslationUnit(tu);
    return facts->error ? -1 : 0;
}
