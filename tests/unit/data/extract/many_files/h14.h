/* h14.h: one of the headers many_files.c includes before its macro call */
static inline int header_14(void) { return 14; }
