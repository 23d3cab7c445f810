/* h04.h: one of the headers many_files.c includes before its macro call */
static inline int header_04(void) { return 4; }
