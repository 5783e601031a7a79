/*
 * libzmq's remote_lat and inproc_lat (perf/remote_lat.cpp, perf/inproc_lat.cpp) with one addition for the
 * benchmark's percentiles: each round trip's time in nanoseconds is written, one per line, to FILE.
 * Same loop (zmq_sendmsg/zmq_recvmsg of one message), same output lines.
 *
 *   latency remote_lat <connect-to> <message-size> <roundtrip-count> FILE
 *   latency inproc_lat <message-size> <roundtrip-count> FILE
 */
#include <zmq.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static size_t message_size;
static int roundtrip_count;

static void fail (const char *call)
{
    printf ("error in %s: %s\n", call, zmq_strerror (zmq_errno ()));
    exit (255);
}

static int64_t now_ns (void)
{
    struct timespec ts;
    clock_gettime (CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void *echo (void *ctx)
{
    void *s = zmq_socket (ctx, ZMQ_REP);
    zmq_msg_t msg;
    if (!s || zmq_connect (s, "inproc://lat_test") != 0)
        fail ("zmq_connect");
    zmq_msg_init (&msg);
    for (int i = 0; i != roundtrip_count; i++) {
        if (zmq_recvmsg (s, &msg, 0) < 0)
            fail ("zmq_recvmsg");
        if (zmq_sendmsg (s, &msg, 0) < 0)
            fail ("zmq_sendmsg");
    }
    zmq_msg_close (&msg);
    zmq_close (s);
    return NULL;
}

/* The timed loop of remote_lat.cpp, plus a clock read around each round trip. */
static unsigned long round_trips (void *s, int64_t *times)
{
    zmq_msg_t msg;
    if (zmq_msg_init_size (&msg, message_size) != 0)
        fail ("zmq_msg_init_size");
    memset (zmq_msg_data (&msg), 0, message_size);
    void *watch = zmq_stopwatch_start ();
    for (int i = 0; i != roundtrip_count; i++) {
        int64_t sent = now_ns ();
        if (zmq_sendmsg (s, &msg, 0) < 0)
            fail ("zmq_sendmsg");
        if (zmq_recvmsg (s, &msg, 0) < 0)
            fail ("zmq_recvmsg");
        if (zmq_msg_size (&msg) != message_size) {
            printf ("message of incorrect size received\n");
            exit (255);
        }
        times[i] = now_ns () - sent;
    }
    unsigned long elapsed = zmq_stopwatch_stop (watch);
    zmq_msg_close (&msg);
    return elapsed;
}

int main (int argc, char *argv[])
{
    int inproc = argc == 5 && strcmp (argv[1], "inproc_lat") == 0;
    if (!inproc && !(argc == 6 && strcmp (argv[1], "remote_lat") == 0)) {
        printf ("usage: latency remote_lat <connect-to> <message-size> <roundtrip-count> FILE\n"
                "       latency inproc_lat <message-size> <roundtrip-count> FILE\n");
        return 1;
    }
    int first = inproc ? 2 : 3;
    message_size = atoi (argv[first]);
    roundtrip_count = atoi (argv[first + 1]);
    const char *file = argv[first + 2];
    int64_t *times = calloc (roundtrip_count > 0 ? roundtrip_count : 1, sizeof (int64_t));

    void *ctx = zmq_ctx_new ();
    void *s = zmq_socket (ctx, ZMQ_REQ);
    pthread_t worker;
    if (inproc) {
        if (zmq_bind (s, "inproc://lat_test") != 0)
            fail ("zmq_bind");
        pthread_create (&worker, NULL, echo, ctx);
        printf ("message size: %d [B]\n", (int) message_size);
        printf ("roundtrip count: %d\n", (int) roundtrip_count);
    } else if (zmq_connect (s, argv[2]) != 0) {
        fail ("zmq_connect");
    }
    unsigned long elapsed = round_trips (s, times);
    if (inproc) {
        pthread_join (worker, NULL);
    } else {
        printf ("message size: %d [B]\n", (int) message_size);
        printf ("roundtrip count: %d\n", (int) roundtrip_count);
    }
    printf ("average latency: %.3f [us]\n", (double) elapsed / (roundtrip_count * 2));

    FILE *out = fopen (file, "w");
    if (!out) {
        perror (file);
        return 255;
    }
    for (int i = 0; i < roundtrip_count; i++)
        fprintf (out, "%lld\n", (long long) times[i]);
    fclose (out);
    free (times);
    zmq_close (s);
    zmq_ctx_term (ctx);
    return 0;
}
