/* string_prefix.c — keys known by how they start (test_extract_string_prefix.c):
 * join() and format() are `string-prefix` functions of the test's
 * vocabulary (join arg1, format arg1 format). */
char *join(const char *first, ...);
char *format(const char *format, ...);
char *other(const char *text);
void emit(const char *key);
void lower(char *text);
void take_address(char **text);

void plain(const char *name)
{
    char *cmd = join("command ", name, (char *)0);
    lower(cmd);
    emit(cmd);   /* tag: plain */
}

void chained(const char *name)
{
    char *cmd, *orig;
    cmd = orig = join("command ", name, (char *)0);
    emit(cmd);   /* tag: chained_outer */
    emit(orig);   /* tag: chained_inner */
}

void printf_like(const char *cmd, int n)
{
    char *defcmd;
    defcmd = format("default command %s", cmd);
    emit(defcmd);   /* tag: printf_like */
    char *percent = format("100%% done %d", n);
    emit(percent);   /* tag: percent */
    char *whole = format("no conversion");
    emit(whole);   /* tag: whole */
    char *leading = format("%s tail", cmd);
    emit(leading);   /* tag: leading */
}

void common(const char *name, int which)
{
    char *key = join("command window ", name, (char *)0);
    if (which)
        key = join("command wait ", name, (char *)0);
    emit(key);   /* tag: common */
}

void second_value(const char *name)
{
    char *key = join("command ", name, (char *)0);
    emit(key);   /* tag: second_value */
    key = other(name);
}

void address_taken(const char *name)
{
    char *key = join("command ", name, (char *)0);
    take_address(&key);
    emit(key);   /* tag: address_taken */
}

void stepped(const char *name)
{
    char *key = join("command ", name, (char *)0);
    key++;
    emit(key);   /* tag: stepped */
}

void not_literal(const char *first, const char *name)
{
    char *key = join(first, name, (char *)0);
    emit(key);   /* tag: not_literal */
}

void chosen_part(const char *name, int reply)
{
    char *event = join(reply ? "dcc reply " : "dcc ctcp ", name, (char *)0);
    emit(event);   /* tag: chosen_part */
}

void parameter(char *key)
{
    emit(key);   /* tag: parameter */
}
