/* nested.c — blocks nested 250 deep, near clang's default bracket depth of
 * 256, each a scope the walker visits with a nested clang_visitChildren
 * (input of tests/unit/test_extract_parse.c). */
void work(int n);
int shared;

#define B1(x) if (n > 0) { x }
#define B5(x) B1(B1(B1(B1(B1(x)))))
#define B25(x) B5(B5(B5(B5(B5(x)))))
#define B250(x) B25(B25(B25(B25(B25(B25(B25(B25(B25(B25(x))))))))))

void nested(int n)
{
    B250(work(n); shared++;)
}
