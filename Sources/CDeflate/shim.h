#ifndef PARREPORT_CDEFLATE_SHIM_H
#define PARREPORT_CDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
