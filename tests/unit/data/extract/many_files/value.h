/* value.h: a macro spelled here, first seen as a macro argument */
#define VALUE shared_value
