#ifndef OMBUD_CLIBXML2_SHIM_H
#define OMBUD_CLIBXML2_SHIM_H

/* Debian's libxml2 is built with ICU; Foundation carries its own ICU module, and the two
   definitions of UErrorCode clash in a clean build. Nothing here needs libxml2's ICU API. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

/* xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void ombud_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
