#ifndef JUESUAN_CLIBPQ_SHIM_H
#define JUESUAN_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <postgres_ext.h>

// The PG_DIAG_* field codes are character macros, which Swift does not import.
static const int JUESUAN_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int JUESUAN_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int JUESUAN_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int JUESUAN_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;
static const int JUESUAN_PG_DIAG_SCHEMA_NAME = PG_DIAG_SCHEMA_NAME;
static const int JUESUAN_PG_DIAG_TABLE_NAME = PG_DIAG_TABLE_NAME;
static const int JUESUAN_PG_DIAG_COLUMN_NAME = PG_DIAG_COLUMN_NAME;
static const int JUESUAN_PG_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME;
#endif
