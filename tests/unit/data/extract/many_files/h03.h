/* h03.h: one of the headers many_files.c includes before its macro call */
static inline int header_03(void) { return 3; }
