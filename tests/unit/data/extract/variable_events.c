/* Where each variable of `events` gets a value (test_extract_variable_events.c). */
void use(int *p);
int both(int *a, int b);

int events(int n)
{
    int x = 1;
    int y;
    y = n;
    x++;
    y += 2;
    use(&x);
    both(&y, (y = 3, 4));
    return x + y;
}
