/* h02.h: one of the headers many_files.c includes before its macro call */
static inline int header_02(void) { return 2; }
