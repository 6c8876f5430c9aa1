// Test stand-in for nf-interpreter's src/CLR/Include/nanoCLR_Types.h: the version record of CLR_RT_NativeAssemblyData.
#ifndef NANOCLR_TYPES_H
#define NANOCLR_TYPES_H

#include "nf_errors_exceptions.h"

typedef unsigned short CLR_UINT16;

struct CLR_RECORD_VERSION
{
    CLR_UINT16 iMajorVersion;
    CLR_UINT16 iMinorVersion;
    CLR_UINT16 iBuildNumber;
    CLR_UINT16 iRevisionNumber;
};

#endif
