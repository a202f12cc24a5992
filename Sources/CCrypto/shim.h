#ifndef PARREPORT_CCRYPTO_SHIM_H
#define PARREPORT_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for SHA-256 only: its EVP digest uses the CPU's SHA extensions where there are any. */
#include <openssl/evp.h>
#endif
