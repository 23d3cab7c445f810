/* h12.h: one of the headers many_files.c includes before its macro call */
static inline int header_12(void) { return 12; }
