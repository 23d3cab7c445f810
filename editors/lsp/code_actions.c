/* code_actions.c — textDocument/codeAction for the findings on the lines
 * asked about: suppress the finding with a comment at the end of its line,
 * and — where the models say the call blocks because its last argument, a
 * loop callback, is NULL — pass a callback instead
 * (code_action_callback.c). */
#include "code_actions.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

json_t *lc_lsp_code_action_position(const struct lc_lsp_engine *engine, const struct lc_lsp_document *document,
                                    unsigned line, unsigned col)
{
    size_t length = 0;
    const char *text = lc_lsp_text_line(document->text, document->length, line, &length);
    return json_pack("{s:i, s:i}", "line", (int)line - 1, "character",
                     (int)lc_lsp_character_of_column(text, length, col, engine->utf8));
}

json_t *lc_lsp_code_action_edit(json_t *start, json_t *end, const char *text)
{
    return json_pack("{s:{s:o, s:o}, s:s}", "range", "start", start, "end", end, "newText", text);
}

/* The diagnostics of the request's context that stand for this finding. */
static json_t *code_actions_matching(const json_t *params, const struct lc_finding *finding)
{
    json_t *matching = json_array(), *diagnostic;
    size_t i;
    json_array_foreach(json_object_get(json_object_get(params, "context"), "diagnostics"), i, diagnostic) {
        const char *code = json_string_value(json_object_get(diagnostic, "code"));
        json_t *start = json_object_get(json_object_get(diagnostic, "range"), "start");
        if (code && strcmp(code, finding->rule_id) == 0
            && json_integer_value(json_object_get(start, "line")) == (json_int_t)finding->loc.line - 1)
            json_array_append(matching, diagnostic);
    }
    return matching;
}

json_t *lc_lsp_code_action_new(const char *title, const struct lc_lsp_document *document, json_t *edits,
                               json_t *diagnostics, int preferred)
{
    return json_pack("{s:s, s:s, s:o, s:b, s:{s:{s:o}}}", "title", title, "kind", "quickfix", "diagnostics",
                     diagnostics, "isPreferred", preferred, "edit", "changes", document->uri, edits);
}

static json_t *code_actions_suppress(const struct lc_lsp_engine *engine, const struct lc_lsp_document *document,
                                     const struct lc_finding *finding, const json_t *params)
{
    size_t length = 0;
    const char *line = lc_lsp_text_line(document->text, document->length, finding->loc.line, &length);
    if (!line || memmem(line, length, "loopcheck: ignore", sizeof "loopcheck: ignore" - 1))
        return NULL;
    char *comment = NULL, *title = NULL;
    if (asprintf(&comment, " /* loopcheck: ignore[%s] */", finding->rule_id) < 0)
        comment = NULL;
    if (asprintf(&title, "Suppress %s on this line (loopcheck: ignore[%s])", finding->rule_id, finding->rule_id) < 0)
        title = NULL;
    json_t *action = NULL;
    if (comment && title) {
        unsigned end = (unsigned)length + 1;   /* after the last byte of the line */
        json_t *edit = lc_lsp_code_action_edit(lc_lsp_code_action_position(engine, document, finding->loc.line, end),
                                               lc_lsp_code_action_position(engine, document, finding->loc.line, end),
                                               comment);
        action = lc_lsp_code_action_new(title, document, json_pack("[o]", edit), code_actions_matching(params, finding),
                                        0);
    }
    free(comment);
    free(title);
    return action;
}

/* The call of the program at the finding's location whose blocking model
 * says its last argument, a loop callback, is NULL: sets *callee. */
static int code_actions_null_callback_call(const struct lc_program *program, const struct lc_finding *finding,
                                           uint32_t *callee)
{
    for (uint32_t c = 0; c < program->call_count; c++) {
        const struct lc_program_call *call = &program->calls[c];
        if (call->loc.line != finding->loc.line || call->loc.col != finding->loc.col || !call->loc.file
            || strcmp(call->loc.file, finding->loc.file) != 0 || call->arg_count == 0)
            continue;
        const char *last_text = program->args[call->first_arg + call->arg_count - 1].text;
        for (uint32_t t = 0; last_text && strcmp(last_text, "NULL") == 0 && t < call->target_count; t++) {
            uint32_t target = program->targets[call->first_target + t];
            const struct lc_function_model *model = program->functions[target].model;
            int null_blocks = 0, is_callback = 0;
            for (size_t i = 0; model && model->blocking && i < model->blocking->if_count; i++)
                null_blocks |= model->blocking->if_conditions[i].test == LC_ARG_IS_NULL
                               && (uint32_t)model->blocking->if_conditions[i].position == call->arg_count;
            for (size_t i = 0; model && i < model->callback_count; i++)
                is_callback |= model->callbacks[i].role == LC_ROLE_LOOP
                               && (uint32_t)model->callbacks[i].position == call->arg_count;
            if (null_blocks && is_callback) {
                *callee = target;
                return 1;
            }
        }
    }
    return 0;
}

json_t *lc_lsp_code_actions(struct lc_lsp_engine *engine, const struct lc_lsp_document *document,
                            const json_t *params)
{
    json_t *range = json_object_get(params, "range");
    json_int_t first = json_integer_value(json_object_get(json_object_get(range, "start"), "line"));
    json_int_t last = json_integer_value(json_object_get(json_object_get(range, "end"), "line"));
    const struct lc_findings *findings = &engine->session.analysis.findings;
    const struct lc_program *program = &engine->session.analysis.program;
    json_t *actions = json_array();
    for (size_t i = 0; actions && i < findings->count; i++) {
        const struct lc_finding *finding = &findings->items[i];
        json_int_t line = (json_int_t)finding->loc.line - 1;
        if (finding->suppressed || !finding->loc.file || strcmp(finding->loc.file, document->path) != 0
            || line < first || line > last)
            continue;
        uint32_t callee;
        if (code_actions_null_callback_call(program, finding, &callee)) {
            json_t *fix = lc_lsp_code_action_pass_callback(engine, document, finding,
                                                           program->functions[callee].name,
                                                           code_actions_matching(params, finding));
            if (fix)
                json_array_append_new(actions, fix);
        }
        json_t *suppress = code_actions_suppress(engine, document, finding, params);
        if (suppress)
            json_array_append_new(actions, suppress);
    }
    return actions;
}
