// A test runtime for the generated nanoFramework stubs on the host: a stack frame holding the managed
// arguments, and nanoCLR's marshalling functions over it (as nf-interpreter's CLR_RT_Interop.cpp behaves:
// a null array is CLR_E_NULL_REFERENCE, an element size other than the typed array's is CLR_E_WRONG_TYPE).
#ifndef MCUAI_TEST_RUNTIME_H
#define MCUAI_TEST_RUNTIME_H

#include "nanoCLR_Interop.h"

struct TestArgument
{
    signed int i4;
    void *data;
    unsigned int count;
    unsigned int elementSize;
};

struct CLR_RT_StackFrame
{
    TestArgument args[2];
    signed int result;
    bool hasResult;
};

#endif
