/* pauses.c — regions where every other thread is paused (input of
 * tests/unit/test_extract_locks.c, whose vocabulary says that
 * stop_world(PAUSE_ALL) pauses the other threads, stop_world(RESUME_ALL)
 * resumes them, park_all(NULL) pauses them and unpark_all() resumes them):
 * each touch(N) and each access line is checked against what the test
 * expects there. */
enum pause_kind { PAUSE_ALL, RESUME_ALL, PAUSE_WORKERS };

void stop_world(enum pause_kind kind);
void park_all(const char *reason);
void unpark_all(void);
void touch(int tag);

int table_size;

void expand(int grow)
{
    touch(1);
    stop_world(PAUSE_ALL);
    touch(2);
    table_size *= 2; /* paused_write */
    if (grow) {
        stop_world(RESUME_ALL);
        touch(3);
    }
    touch(4);
    stop_world(PAUSE_WORKERS);
    stop_world(RESUME_ALL);
    touch(5);
}

void by_argument(const char *reason)
{
    park_all(reason);
    touch(6);
    park_all(0);
    touch(7);
    unpark_all();
    touch(8);
}
