/* A stand-in for bcryptprimitives.dll on Wine older than 9, for the release
 * test only (never shipped): Go 1.24 and later ask it for ProcessPrng at
 * start, and Wine 8 has no such DLL. RtlGenRandom gives the same bytes. */
#include <windows.h>
BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
    if (!SystemFunction036(data, n)) return FALSE;
    data += n;
    len -= n;
  }
  return TRUE;
}
