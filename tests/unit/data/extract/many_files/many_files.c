/* many_files.c — sixteen files known to the walker before a call in a macro
 * body whose argument is spelled in a seventeenth (value.h): the file cache
 * grows while the body's entry is in use (input of test_extract_texts.c). */
#include "h01.h"
#include "h02.h"
#include "h03.h"
#include "h04.h"
#include "h05.h"
#include "h06.h"
#include "h07.h"
#include "h08.h"
#include "h09.h"
#include "h10.h"
#include "h11.h"
#include "h12.h"
#include "h13.h"
#include "h14.h"
#include "macro.h"
#include "value.h"

int shared_value;

void run(void)
{
    CALL_WITH(VALUE); /* grown_cache */
}
