/* h13.h: one of the headers many_files.c includes before its macro call */
static inline int header_13(void) { return 13; }
