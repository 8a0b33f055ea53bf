#ifndef SURVEY_INTAKE_CLIBXML2_SHIM_H
#define SURVEY_INTAKE_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, and libxml/encoding.h then pulls in the system's ICU headers,
   which clash with the ICU copy inside Foundation on Linux. Only xmlCharEncodingHandler's
   private converter fields depend on it, and we never touch that struct. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>

/* Swift cannot define a variadic C function, so the "say nothing" generic error handler
   lives here. libxml2 falls back to its generic handler (which prints to stderr) for a few
   messages that bypass every structured handler, e.g. warnings of the parser that reads a
   schema document. */
static inline void survey_intake_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/* Installs the silent generic handler for the calling thread (libxml2 keeps it per thread). */
static inline void survey_intake_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, survey_intake_ignore_generic_error);
}

#endif
