// Test stand-in for nf-interpreter's src/CLR/Include/nanoCLR_Runtime.h, which the MetadataProcessor's stub
// headers include: the generated stubs use nothing from it beyond the interop declarations.
#ifndef NANOCLR_RUNTIME_H
#define NANOCLR_RUNTIME_H

#include "nanoCLR_Interop.h"

#endif
