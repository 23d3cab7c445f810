/* worker.c — the job queue and the worker thread (worker.h). */
#include "worker.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

double lc_lsp_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct lc_lsp_job *lc_lsp_job_new(enum lc_lsp_job_kind kind, const char *uri, json_t *id, json_t *params)
{
    struct lc_lsp_job *job = calloc(1, sizeof *job);
    if (!job)
        return NULL;
    job->kind = kind;
    job->uri = uri ? strdup(uri) : NULL;
    if (uri && !job->uri) {
        free(job);
        return NULL;
    }
    job->id = json_incref(id);
    job->params = json_incref(params);
    return job;
}

void lc_lsp_job_free(struct lc_lsp_job *job)
{
    if (!job)
        return;
    free(job->uri);
    json_decref(job->id);
    json_decref(job->params);
    free(job);
}

/* Does a new job make the pending one pointless? */
static int worker_replaces(const struct lc_lsp_job *added, const struct lc_lsp_job *pending)
{
    if (!added->uri || !pending->uri || pending->id || added->id || strcmp(added->uri, pending->uri) != 0)
        return 0;
    switch (added->kind) {
    case LC_JOB_DOCUMENT_CHANGED: return pending->kind == LC_JOB_DOCUMENT_CHANGED;
    case LC_JOB_DOCUMENT_SAVED:
        return pending->kind == LC_JOB_DOCUMENT_CHANGED || pending->kind == LC_JOB_DOCUMENT_SAVED;
    case LC_JOB_DOCUMENT_CLOSED: return pending->kind != LC_JOB_OPEN_PROJECT;
    default: return 0;
    }
}

static void *worker_main(void *arg)
{
    struct lc_lsp_worker *worker = arg;
    pthread_mutex_lock(&worker->mutex);
    while (!worker->stopping) {
        double now = lc_lsp_now(), earliest = 0;
        struct lc_lsp_job **link = &worker->head, **ready = NULL;
        for (; *link && !ready; link = &(*link)->next) {
            if ((*link)->not_before <= now)
                ready = link;
            else if (earliest == 0 || (*link)->not_before < earliest)
                earliest = (*link)->not_before;
        }
        if (ready) {
            struct lc_lsp_job *job = *ready;
            *ready = job->next;
            pthread_mutex_unlock(&worker->mutex);
            worker->run(worker->context, job);
            lc_lsp_job_free(job);
            pthread_mutex_lock(&worker->mutex);
        } else if (earliest > 0) {
            struct timespec until = { .tv_sec = (time_t)earliest,
                                      .tv_nsec = (long)((earliest - (double)(time_t)earliest) * 1e9) };
            pthread_cond_timedwait(&worker->wake, &worker->mutex, &until);
        } else {
            pthread_cond_wait(&worker->wake, &worker->mutex);
        }
    }
    pthread_mutex_unlock(&worker->mutex);
    return NULL;
}

int lc_lsp_worker_start(struct lc_lsp_worker *worker, lc_lsp_job_runner *run, void *context)
{
    memset(worker, 0, sizeof *worker);
    worker->run = run;
    worker->context = context;
    pthread_condattr_t attributes;
    if (pthread_condattr_init(&attributes) != 0)
        return -1;
    int rc = pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC) == 0
             && pthread_cond_init(&worker->wake, &attributes) == 0 ? 0 : -1;
    pthread_condattr_destroy(&attributes);
    if (rc != 0)
        return -1;
    if (pthread_mutex_init(&worker->mutex, NULL) != 0) {
        pthread_cond_destroy(&worker->wake);
        return -1;
    }
    if (pthread_create(&worker->thread, NULL, worker_main, worker) != 0) {
        pthread_mutex_destroy(&worker->mutex);
        pthread_cond_destroy(&worker->wake);
        return -1;
    }
    worker->started = 1;
    return 0;
}

void lc_lsp_worker_push(struct lc_lsp_worker *worker, struct lc_lsp_job *job)
{
    if (!job)
        return;
    pthread_mutex_lock(&worker->mutex);
    struct lc_lsp_job **link = &worker->head;
    while (*link) {
        if (worker_replaces(job, *link)) {
            struct lc_lsp_job *replaced = *link;
            *link = replaced->next;
            lc_lsp_job_free(replaced);
        } else {
            link = &(*link)->next;
        }
    }
    job->next = NULL;
    *link = job;
    pthread_cond_signal(&worker->wake);
    pthread_mutex_unlock(&worker->mutex);
}

struct lc_lsp_job *lc_lsp_worker_cancel(struct lc_lsp_worker *worker, const json_t *id)
{
    pthread_mutex_lock(&worker->mutex);
    struct lc_lsp_job *found = NULL;
    for (struct lc_lsp_job **link = &worker->head; *link; link = &(*link)->next) {
        if ((*link)->id && json_equal((*link)->id, id)) {
            found = *link;
            *link = found->next;
            break;
        }
    }
    pthread_mutex_unlock(&worker->mutex);
    return found;
}

void lc_lsp_worker_stop(struct lc_lsp_worker *worker)
{
    if (!worker->started)
        return;
    pthread_mutex_lock(&worker->mutex);
    worker->stopping = 1;
    while (worker->head) {
        struct lc_lsp_job *job = worker->head;
        worker->head = job->next;
        lc_lsp_job_free(job);
    }
    pthread_cond_signal(&worker->wake);
    pthread_mutex_unlock(&worker->mutex);
    pthread_join(worker->thread, NULL);
    pthread_mutex_destroy(&worker->mutex);
    pthread_cond_destroy(&worker->wake);
    worker->started = 0;
}
