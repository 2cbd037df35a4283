#ifndef JUESUAN_CLIBPQ_SHIM_H
#define JUESUAN_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
