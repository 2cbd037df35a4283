#ifndef JUESUAN_CPOPPLER_SHIM_H
#define JUESUAN_CPOPPLER_SHIM_H
#include <poppler.h>
#endif
