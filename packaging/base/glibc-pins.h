/* Forced into every C file of the CPython build (CFLAGS=-include): glibc 2.29 gave exp, exp2, log, log2 and pow
 * new symbol versions (faster implementations, same results within their documented error). Bound to the
 * versions every x86_64 glibc has, libpython and its math modules run on glibc 2.28 (RHEL 8) too.
 * See glibc's NEWS for 2.29 and the binutils manual on `.symver`. */
#if defined(__x86_64__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#endif
