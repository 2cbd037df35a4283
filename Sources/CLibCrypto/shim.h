#ifndef JUESUAN_CLIBCRYPTO_SHIM_H
#define JUESUAN_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
