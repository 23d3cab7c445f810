/* h06.h: one of the headers many_files.c includes before its macro call */
static inline int header_06(void) { return 6; }
