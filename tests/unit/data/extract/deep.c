/* deep.c — one expression of 20480 calls chained with `+`, a tree as deep
 * as it is long (input of tests/unit/test_extract*.c). */
int g(int x);

#define T1 + g(x)
#define T4 T1 T1 T1 T1
#define T16 T4 T4 T4 T4
#define T64 T16 T16 T16 T16
#define T256 T64 T64 T64 T64
#define T1024 T256 T256 T256 T256
#define T4096 T1024 T1024 T1024 T1024

int deep(int x)
{
    return 0 T4096 T4096 T4096 T4096 T4096;
}
