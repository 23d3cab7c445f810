/* h10.h: one of the headers many_files.c includes before its macro call */
static inline int header_10(void) { return 10; }
