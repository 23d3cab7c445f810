/* macro.h: a macro whose body calls work() with its parameter */
void work(int value);
#define CALL_WITH(x) work(x)
