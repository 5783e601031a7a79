/*
 * The C twin of SendRecvBenchmark (src/jmh) and of SendRecvLoop (src/bench): one thread, a PUSH/PULL pair,
 * send a batch of 100 messages, then receive the 100; ns per message, in timed rounds after a warm-up.
 * The same libzmq calls as zmq-ffm's paths make, on the libzmq the build bundles:
 *
 *   buffer     zmq_send / zmq_recv into a caller buffer       (zmq-ffm: byte[], segments, ByteBuffers)
 *   msg        zmq_msg_init_size + zmq_msg_send / zmq_msg_recv into one reused zmq_msg_t   (zmq-ffm: Msg)
 *   multipart  3 frames: zmq_send with ZMQ_SNDMORE / zmq_recv + zmq_getsockopt(ZMQ_RCVMORE) per frame
 *
 *   sendrecv <loop> <inproc|tcp> <message-size> [<rounds> [<round-ms> [<warmup-ms>]]]
 *   sendrecv --batches <warm-up> <measured> <loop> <inproc|tcp> <message-size>
 *
 * The second form, for valgrind's callgrind (instructions per message, repeatable on any machine): runs
 * <warm-up> batches, then <measured> batches with callgrind's collection toggled on for this thread (a no-op
 * outside valgrind), and prints "measured M messages".
 *
 * Prints one line per round: "round N: X ns/message, Y ns/message CPU (M messages)": wall-clock time, and the
 * thread's own CPU time (CLOCK_THREAD_CPUTIME_ID: without the time other processes had the core, so steadier on
 * a shared machine; over tcp without the waits for libzmq's I/O thread). A multipart message counts once.
 */
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_TOGGLE_COLLECT /* valgrind's headers are not installed: --batches counts nothing */
#endif
#include <zmq.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 100
#define FRAMES 3

static void *push, *pull;
static size_t size;
static char *out, *in;
static zmq_msg_t out_msg, in_msg;

static void fail (const char *call)
{
    printf ("error in %s: %s\n", call, zmq_strerror (zmq_errno ()));
    exit (255);
}

static void check (int received)
{
    if (received != (int) size) {
        printf ("message of incorrect size received: %d, expected %d\n", received, (int) size);
        exit (255);
    }
}

static int64_t clock_ns (clockid_t clock)
{
    struct timespec ts;
    clock_gettime (clock, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t now_ns (void)
{
    return clock_ns (CLOCK_MONOTONIC);
}

static void buffer_batch (void)
{
    for (int i = 0; i < BATCH; i++)
        if (zmq_send (push, out, size, 0) < 0)
            fail ("zmq_send");
    for (int i = 0; i < BATCH; i++)
        check (zmq_recv (pull, in, size, 0));
}

static void msg_batch (void)
{
    for (int i = 0; i < BATCH; i++) {
        if (zmq_msg_init_size (&out_msg, size) != 0)
            fail ("zmq_msg_init_size");
        if (zmq_msg_send (&out_msg, push, 0) < 0)
            fail ("zmq_msg_send");
    }
    for (int i = 0; i < BATCH; i++)
        check (zmq_msg_recv (&in_msg, pull, 0));
}

static void multipart_batch (void)
{
    for (int i = 0; i < BATCH; i++)
        for (int frame = 0; frame < FRAMES; frame++)
            if (zmq_send (push, out, size, frame < FRAMES - 1 ? ZMQ_SNDMORE : 0) < 0)
                fail ("zmq_send");
    for (int i = 0; i < BATCH; i++) {
        for (int frame = 0; frame < FRAMES; frame++) {
            check (zmq_recv (pull, in, size, 0));
            int more;
            size_t more_size = sizeof more;
            if (zmq_getsockopt (pull, ZMQ_RCVMORE, &more, &more_size) != 0)
                fail ("zmq_getsockopt");
            if (more != (frame < FRAMES - 1)) {
                printf ("frame %d of a message: ZMQ_RCVMORE is %d\n", frame, more);
                exit (255);
            }
        }
    }
}

/*
 * Runs batches for at least `ms` milliseconds; returns the messages sent and received, their time in *elapsed
 * and the thread's CPU time in *cpu.
 */
static int64_t run (void (*batch) (void), int ms, int64_t *elapsed, int64_t *cpu)
{
    int64_t cpu_start = clock_ns (CLOCK_THREAD_CPUTIME_ID);
    int64_t start = now_ns (), end = start + (int64_t) ms * 1000000, now, messages = 0;
    do {
        batch ();
        messages += BATCH;
        now = now_ns ();
    } while (now < end);
    *elapsed = now - start;
    *cpu = clock_ns (CLOCK_THREAD_CPUTIME_ID) - cpu_start;
    return messages;
}

int main (int argc, char *argv[])
{
    long warmup_batches = -1, measured_batches = 0;
    if (argc == 7 && strcmp (argv[1], "--batches") == 0) {
        warmup_batches = atol (argv[2]);
        measured_batches = atol (argv[3]);
        argv += 3;
        argc = 4;
    }
    if (argc < 4 || argc > 7) {
        printf ("usage: sendrecv <buffer|msg|multipart> <inproc|tcp> <message-size> [<rounds> [<round-ms> "
                "[<warmup-ms>]]]\n");
        return 1;
    }
    void (*batch) (void) = strcmp (argv[1], "buffer") == 0 ? buffer_batch
                           : strcmp (argv[1], "msg") == 0 ? msg_batch
                           : strcmp (argv[1], "multipart") == 0 ? multipart_batch : NULL;
    int tcp = strcmp (argv[2], "tcp") == 0;
    if (!batch || (!tcp && strcmp (argv[2], "inproc") != 0)) {
        printf ("unknown loop or transport: %s %s\n", argv[1], argv[2]);
        return 1;
    }
    size = atoi (argv[3]);
    int rounds = argc > 4 ? atoi (argv[4]) : 5;
    int round_ms = argc > 5 ? atoi (argv[5]) : 200;
    int warmup_ms = argc > 6 ? atoi (argv[6]) : 200;

    /* The pair of SocketPair.java: 10 s send and receive timeouts, PULL binds, PUSH connects. */
    void *ctx = zmq_ctx_new ();
    push = zmq_socket (ctx, ZMQ_PUSH);
    pull = zmq_socket (ctx, ZMQ_PULL);
    int timeout = 10000;
    if (zmq_setsockopt (pull, ZMQ_RCVTIMEO, &timeout, sizeof timeout) != 0
        || zmq_setsockopt (push, ZMQ_SNDTIMEO, &timeout, sizeof timeout) != 0)
        fail ("zmq_setsockopt");
    if (zmq_bind (pull, tcp ? "tcp://127.0.0.1:*" : "inproc://sendrecv") != 0)
        fail ("zmq_bind");
    char endpoint[256];
    size_t endpoint_size = sizeof endpoint;
    if (zmq_getsockopt (pull, ZMQ_LAST_ENDPOINT, endpoint, &endpoint_size) != 0)
        fail ("zmq_getsockopt");
    if (zmq_connect (push, endpoint) != 0)
        fail ("zmq_connect");
    out = calloc (size ? size : 1, 1);
    in = calloc (size ? size : 1, 1);
    zmq_msg_init (&out_msg);
    zmq_msg_init (&in_msg);

    if (warmup_batches >= 0) {
        for (long i = 0; i < warmup_batches; i++)
            batch ();
        CALLGRIND_TOGGLE_COLLECT;
        for (long i = 0; i < measured_batches; i++)
            batch ();
        CALLGRIND_TOGGLE_COLLECT;
        printf ("measured %ld messages\n", measured_batches * BATCH);
    } else {
        printf ("# sendrecv %s %s %d B: batch %d, warm-up %d ms, %d rounds of %d ms\n", argv[1], argv[2],
                (int) size, BATCH, warmup_ms, rounds, round_ms);
        int64_t elapsed, cpu;
        run (batch, warmup_ms, &elapsed, &cpu);
        /* Printed once all rounds are done, as SendRecvLoop does. */
        int64_t (*results)[3] = calloc (rounds > 0 ? rounds : 1, sizeof *results);
        for (int r = 0; r < rounds; r++) {
            results[r][0] = run (batch, round_ms, &elapsed, &cpu);
            results[r][1] = elapsed;
            results[r][2] = cpu;
        }
        for (int r = 0; r < rounds; r++)
            printf ("round %d: %.2f ns/message, %.2f ns/message CPU (%lld messages)\n", r + 1,
                    (double) results[r][1] / results[r][0], (double) results[r][2] / results[r][0],
                    (long long) results[r][0]);
        free (results);
    }

    zmq_msg_close (&out_msg);
    zmq_msg_close (&in_msg);
    free (out);
    free (in);
    int linger = 0;
    zmq_setsockopt (push, ZMQ_LINGER, &linger, sizeof linger);
    zmq_close (push);
    zmq_close (pull);
    zmq_ctx_term (ctx);
    return 0;
}
