/* h08.h: one of the headers many_files.c includes before its macro call */
static inline int header_08(void) { return 8; }
