// Test stand-in for nf-interpreter's src/CLR/Include/nf_errors_exceptions.h: exactly the HRESULT facts the
// generated nanoFramework stubs use (type, tests, S_OK and the error codes they return), with nanoCLR's values.
#ifndef NF_ERRORS_H
#define NF_ERRORS_H

typedef int HRESULT;

#define SEVERITY_ERROR 1
#define SUCCEEDED(Status) ((HRESULT)(Status) >= 0)
#define FAILED(Status) ((HRESULT)(Status) < 0)
#define S_OK ((HRESULT)0x00000000L)
#define MAKE_HRESULT(sev, fac, code) ((HRESULT)(((unsigned long)(sev) << 31) | ((unsigned long)(fac) << 16) | ((unsigned long)(code))))

#define CLR_E_NULL_REFERENCE MAKE_HRESULT(SEVERITY_ERROR, 0x2100, 0x0000)
#define CLR_E_WRONG_TYPE MAKE_HRESULT(SEVERITY_ERROR, 0x2200, 0x0000)
#define CLR_E_OUT_OF_RANGE MAKE_HRESULT(SEVERITY_ERROR, 0x2500, 0x0000)
#define CLR_E_INVALID_OPERATION MAKE_HRESULT(SEVERITY_ERROR, 0x5600, 0x0000)
#define CLR_E_INVALID_PARAMETER MAKE_HRESULT(SEVERITY_ERROR, 0x7D00, 0x0000)

#endif
