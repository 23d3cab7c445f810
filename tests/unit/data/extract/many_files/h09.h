/* h09.h: one of the headers many_files.c includes before its macro call */
static inline int header_09(void) { return 9; }
