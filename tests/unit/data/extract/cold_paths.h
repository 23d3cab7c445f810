/* cold_paths.h — attributes spelled through macros defined in a header
 * (lighttpd's first.h), for cold_paths.c. */
#define ATTRIBUTE_COLD __attribute__((__cold__))
#define ATTRIBUTE_NORETURN _Noreturn
