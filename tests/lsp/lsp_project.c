/* lsp_project.c — the LSP tests' project (lsp_project.h). */
#include "lsp_project.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lsp_client.h"

const char lsp_project_app_text[] =
    "#include <fcntl.h>\n"
    "#include <uv.h>\n"
    "#include \"journal.h\"\n"
    "\n"
    "static struct journal journal;\n"
    "\n"
    "static void on_tick(uv_timer_t *timer)\n"
    "{\n"
    "    uv_fs_t req;\n"
    "    journal_append(&journal, \"tick\\n\");\n"
    "    /* \xc3\xa9t\xc3\xa9 */ uv_fs_open(timer->loop, &req, \"/tmp/state\", O_RDONLY, 0, NULL);\n"
    "}\n"
    "\n"
    "int main(void)\n"
    "{\n"
    "    uv_timer_t timer;\n"
    "    uv_timer_init(uv_default_loop(), &timer);\n"
    "    uv_timer_start(&timer, on_tick, 100, 100);\n"
    "    return uv_run(uv_default_loop(), UV_RUN_DEFAULT);\n"
    "}\n";

static const char lsp_project_journal_h[] =
    "#ifndef JOURNAL_H\n"
    "#define JOURNAL_H\n"
    "struct journal {\n"
    "    int fd;\n"
    "};\n"
    "void journal_append(struct journal *journal, const char *entry);\n"
    "#endif\n";

static const char lsp_project_journal_c[] =
    "#include <string.h>\n"
    "#include <unistd.h>\n"
    "#include \"journal.h\"\n"
    "\n"
    "void journal_append(struct journal *journal, const char *entry)\n"
    "{\n"
    "    if (write(journal->fd, entry, strlen(entry)) < 0)\n"
    "        return;\n"
    "}\n";

static const char lsp_project_broken_c[] =
    "int broken(void)\n"
    "{\n"
    "    return 1 +;\n"
    "}\n";

static const char lsp_project_outside_c[] =
    "int outside(void)\n"
    "{\n"
    "    return 0;\n"
    "}\n";

static int lsp_project_compdb(const struct lsp_project *project)
{
    json_t *commands = json_array();
    const char *const files[] = { project->app, project->journal, project->broken };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        json_array_append_new(commands, json_pack("{s:s, s:s, s:[s, s, s, s, s]}", "directory", project->root,
                                                  "file", files[i], "arguments", "cc", "-Isrc", "-c", files[i],
                                                  "-o", "/dev/null"));
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/compile_commands.json", project->build);
    int rc = json_dump_file(commands, path, JSON_INDENT(2));
    json_decref(commands);
    return rc;
}

int lsp_project_create(struct lsp_project *project)
{
    memset(project, 0, sizeof *project);
    snprintf(project->root, sizeof project->root, "/tmp/loopcheck-lsp-XXXXXX");
    if (!mkdtemp(project->root))
        return -1;
    char src[PATH_MAX], header[PATH_MAX + 16];
    snprintf(src, sizeof src, "%.*s/src", PATH_MAX - 8, project->root);
    snprintf(project->build, sizeof project->build, "%.*s/build", PATH_MAX - 8, project->root);
    snprintf(project->app, sizeof project->app, "%.*s/app.c", PATH_MAX - 8, src);
    snprintf(project->journal, sizeof project->journal, "%.*s/journal.c", PATH_MAX - 12, src);
    snprintf(project->broken, sizeof project->broken, "%.*s/broken.c", PATH_MAX - 12, src);
    snprintf(project->outside, sizeof project->outside, "%.*s/outside.c", PATH_MAX - 12, src);
    snprintf(header, sizeof header, "%.*s/journal.h", PATH_MAX - 16, src);
    if (mkdir(src, 0755) != 0 || mkdir(project->build, 0755) != 0
        || lsp_write_file(project->app, lsp_project_app_text) != 0
        || lsp_write_file(project->journal, lsp_project_journal_c) != 0
        || lsp_write_file(header, lsp_project_journal_h) != 0
        || lsp_write_file(project->broken, lsp_project_broken_c) != 0
        || lsp_write_file(project->outside, lsp_project_outside_c) != 0 || lsp_project_compdb(project) != 0)
        return -1;
    project->app_uri = lsp_file_uri(project->app);
    project->journal_uri = lsp_file_uri(project->journal);
    project->broken_uri = lsp_file_uri(project->broken);
    project->outside_uri = lsp_file_uri(project->outside);
    return project->app_uri && project->journal_uri && project->broken_uri && project->outside_uri ? 0 : -1;
}

void lsp_project_remove(struct lsp_project *project)
{
    char command[PATH_MAX + 16];
    if (project->root[0] && strncmp(project->root, "/tmp/loopcheck-lsp-", 19) == 0) {
        snprintf(command, sizeof command, "rm -rf '%s'", project->root);
        if (system(command) != 0)
            fprintf(stderr, "cannot remove %s\n", project->root);
    }
    free(project->app_uri);
    free(project->journal_uri);
    free(project->broken_uri);
    free(project->outside_uri);
    memset(project, 0, sizeof *project);
}

char *lsp_project_without_line(const char *text, int line)
{
    size_t length = strlen(text);
    char *copy = malloc(length + 1), *out = copy;
    if (!copy)
        return NULL;
    int current = 1;
    for (const char *p = text; *p; p++) {
        if (current != line)
            *out++ = *p;
        if (*p == '\n')
            current++;
    }
    *out = '\0';
    return copy;
}
