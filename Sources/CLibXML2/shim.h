#ifndef PORTA_CLIBXML2_SHIM_H
#define PORTA_CLIBXML2_SHIM_H

// libxml2 for Porta: the parser, the HTML parser, the streaming reader, XSD schemas, the writer
// and errors. Debian builds libxml2 with ICU; its UErrorCode clashes with Foundation's in Swift,
// so the ICU part is switched off before the other headers are read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>

/// xmlFree is a global function pointer, which Swift 6 refuses as not concurrency-safe.
static inline void porta_xml_free(void *pointer) { xmlFree(pointer); }

/// A generic-error sink that drops libxml2's variadic messages (and its stderr noise);
/// errors are taken from the structured handlers instead.
static inline void porta_xml_silent_generic_error(void *context, const char *message, ...) {
    (void)context; (void)message;
}

/// Installs the silent generic-error sink for this thread and as the default for new threads.
static inline void porta_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, porta_xml_silent_generic_error);
    xmlThrDefSetGenericErrorFunc(NULL, porta_xml_silent_generic_error);
}

#endif
