/*
 * One function for the in-thread loops' instruction counts (scripts/bench-compare --inthread --instructions):
 * toggles valgrind callgrind's event collection for the calling thread, around the measured batches. Does nothing
 * when not run under valgrind. A shared library, so that the Java loop can call it through FFM.
 */
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_TOGGLE_COLLECT /* valgrind's headers are not installed: --batches counts nothing */
#endif

void zmqffm_bench_toggle_collect (void)
{
    CALLGRIND_TOGGLE_COLLECT;
}
