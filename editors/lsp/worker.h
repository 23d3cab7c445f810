/* worker.h — the analysis worker: one thread that runs jobs (analyses of
 * documents, requests that read the program) in order, while the reader
 * thread keeps answering.  A job may wait for a time (a change is analysed
 * once the typing pauses: debouncing); a newer analysis of a document
 * replaces its pending one; a pending request can be cancelled. */
#ifndef LOOPCHECK_LSP_WORKER_H
#define LOOPCHECK_LSP_WORKER_H

#include <jansson.h>
#include <pthread.h>

enum lc_lsp_job_kind {
    LC_JOB_OPEN_PROJECT,      /* the first, whole analysis */
    LC_JOB_DOCUMENT_OPENED,   /* didOpen */
    LC_JOB_DOCUMENT_CHANGED,  /* didChange: the unsaved buffer */
    LC_JOB_DOCUMENT_SAVED,    /* didSave */
    LC_JOB_DOCUMENT_CLOSED,   /* didClose */
    LC_JOB_HOVER,             /* textDocument/hover */
    LC_JOB_CODE_ACTION,       /* textDocument/codeAction */
};

struct lc_lsp_job {
    enum lc_lsp_job_kind kind;
    char *uri;                /* document jobs and requests */
    json_t *id;               /* requests: the request id */
    json_t *params;           /* requests: their params */
    double not_before;        /* monotonic seconds; 0: at once */
    struct lc_lsp_job *next;
};

typedef void lc_lsp_job_runner(void *context, struct lc_lsp_job *job);

struct lc_lsp_worker {
    pthread_mutex_t mutex;
    pthread_cond_t wake;
    struct lc_lsp_job *head;  /* pending jobs, oldest first */
    int stopping;
    int started;
    pthread_t thread;
    lc_lsp_job_runner *run;
    void *context;
};

/* Seconds on the monotonic clock. */
double lc_lsp_now(void);

/* A job (uri, id and params copied / referenced), NULL when memory runs out. */
struct lc_lsp_job *lc_lsp_job_new(enum lc_lsp_job_kind kind, const char *uri, json_t *id, json_t *params);
void lc_lsp_job_free(struct lc_lsp_job *job);

int lc_lsp_worker_start(struct lc_lsp_worker *worker, lc_lsp_job_runner *run, void *context);
/* Queue a job (the worker owns it from here; NULL is ignored).  A document job replaces the
 * pending document job of the same URI, except that a pending open or
 * close is kept before it. */
void lc_lsp_worker_push(struct lc_lsp_worker *worker, struct lc_lsp_job *job);
/* Take the pending request with this id out of the queue: returned for the
 * caller to answer and free, NULL when it is not pending (running, done or
 * unknown). */
struct lc_lsp_job *lc_lsp_worker_cancel(struct lc_lsp_worker *worker, const json_t *id);
/* Drop the pending jobs, let the running one finish, join the thread. */
void lc_lsp_worker_stop(struct lc_lsp_worker *worker);

#endif
