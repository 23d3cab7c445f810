/* h05.h: one of the headers many_files.c includes before its macro call */
static inline int header_05(void) { return 5; }
