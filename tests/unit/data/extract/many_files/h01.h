/* h01.h: one of the headers many_files.c includes before its macro call */
static inline int header_01(void) { return 1; }
