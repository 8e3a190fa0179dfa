// libxml2's headers pull in ICU's when LIBXML_ICU_ENABLED is set, and those clash
// with the ICU that Foundation ships. We never use libxml2's ICU API, so hide it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <stdlib.h>
