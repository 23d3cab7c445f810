/* Functions declared never to return, each way C and clang allow. */
#define NORETURN __attribute__((noreturn))

void gnu_attribute(const char *why) __attribute__((noreturn));
NORETURN void gnu_macro(void);
_Noreturn void c11_specifier(int status);
void analyzer_only(const char *file, int line) __attribute__((analyzer_noreturn));
void with_format(const char *format, ...) __attribute__((format(printf, 1, 2), noreturn));
void returns(void) __attribute__((cold));

NORETURN void gnu_macro(void)
{
    for (;;)
        ;
}
