#ifndef PARREPORT_CCAIRO_SHIM_H
#define PARREPORT_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>
#include <locale.h>
#endif
