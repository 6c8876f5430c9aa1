#include "test_runtime.h"

HRESULT Interop_Marshal_INT32(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, signed int &param)
{
    param = stackFrame.args[paramIndex].i4;
    return S_OK;
}

template <class T> static HRESULT MarshalArray(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, CLR_RT_TypedArray<T> &typedArray)
{
    const TestArgument &argument = stackFrame.args[paramIndex];
    if (argument.data == NULL)
        return CLR_E_NULL_REFERENCE;
    if (argument.elementSize != sizeof(T))
        return CLR_E_WRONG_TYPE;
    typedArray.m_pData = (T *)argument.data;
    typedArray.m_ElemCount = argument.count;
    return S_OK;
}

HRESULT Interop_Marshal_UINT8_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, CLR_RT_TypedArray_UINT8 &typedArray)
{
    return MarshalArray(stackFrame, paramIndex, typedArray);
}

HRESULT Interop_Marshal_INT8_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, CLR_RT_TypedArray_INT8 &typedArray)
{
    return MarshalArray(stackFrame, paramIndex, typedArray);
}

HRESULT Interop_Marshal_INT16_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, CLR_RT_TypedArray_INT16 &typedArray)
{
    return MarshalArray(stackFrame, paramIndex, typedArray);
}

HRESULT Interop_Marshal_float_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, CLR_RT_TypedArray_float &typedArray)
{
    return MarshalArray(stackFrame, paramIndex, typedArray);
}

void SetResult_INT32(CLR_RT_StackFrame &stackFrame, signed int value)
{
    stackFrame.result = value;
    stackFrame.hasResult = true;
}
