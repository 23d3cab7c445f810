/* h07.h: one of the headers many_files.c includes before its macro call */
static inline int header_07(void) { return 7; }
