/* h11.h: one of the headers many_files.c includes before its macro call */
static inline int header_11(void) { return 11; }
