/* Helpers shared by the C interop peers (one header, each peer its own program).
 * Every peer prints "READY <endpoint>" once its socket is bound or connected, prints what it received as
 * lines on stdout, and exits 0 on success, 1 on an error, 3 when a receive timed out (after printing TIMEOUT). */
#ifndef ZMQFFM_PEER_H
#define ZMQFFM_PEER_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

#define FRAME_MAX 4096
/* How long a peer waits for one message before giving up: bounded, never forever. */
#define PEER_TIMEOUT_MS 10000

__attribute__((format(printf, 1, 2), noreturn))
static inline void die(const char *format, ...) {
    fflush(stdout);
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fprintf(stderr, " (errno %d: %s)\n", zmq_errno(), zmq_strerror(zmq_errno()));
    exit(1);
}

/* Prints one line and flushes it, so the Java side sees it at once. */
__attribute__((format(printf, 1, 2)))
static inline void say(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    putchar('\n');
    fflush(stdout);
}

static inline void usage_if(int bad, const char *usage) {
    if (bad) {
        fprintf(stderr, "usage: %s\n", usage);
        exit(2);
    }
}

static inline int parse_count(const char *text) {
    char *end;
    long value = strtol(text, &end, 10);
    if (*end != '\0' || value < 0 || value > 1000000) {
        fprintf(stderr, "not a count: %s\n", text);
        exit(2);
    }
    return (int) value;
}

static inline void set_int(void *socket, int option, int value) {
    if (zmq_setsockopt(socket, option, &value, sizeof value) != 0) {
        die("zmq_setsockopt(%d, %d)", option, value);
    }
}

static inline void set_text(void *socket, int option, const char *value) {
    if (zmq_setsockopt(socket, option, value, strlen(value)) != 0) {
        die("zmq_setsockopt(%d, %s)", option, value);
    }
}

/* A socket with bounded send and receive timeouts and a linger long enough to flush what it sent. */
static inline void *peer_socket(void *context, int type) {
    void *socket = zmq_socket(context, type);
    if (socket == NULL) {
        die("zmq_socket(%d)", type);
    }
    set_int(socket, ZMQ_LINGER, 5000);
    set_int(socket, ZMQ_RCVTIMEO, PEER_TIMEOUT_MS);
    set_int(socket, ZMQ_SNDTIMEO, PEER_TIMEOUT_MS);
    return socket;
}

/* Binds or connects (mode "bind" or "connect"), then announces the real endpoint. */
static inline void peer_attach(void *socket, const char *mode, const char *endpoint) {
    int rc;
    if (strcmp(mode, "bind") == 0) {
        rc = zmq_bind(socket, endpoint);
    } else if (strcmp(mode, "connect") == 0) {
        rc = zmq_connect(socket, endpoint);
    } else {
        fprintf(stderr, "mode must be bind or connect, not %s\n", mode);
        exit(2);
    }
    if (rc != 0) {
        die("zmq_%s(%s)", mode, endpoint);
    }
    char last[256];
    size_t size = sizeof last;
    if (zmq_getsockopt(socket, ZMQ_LAST_ENDPOINT, last, &size) != 0) {
        die("zmq_getsockopt(ZMQ_LAST_ENDPOINT)");
    }
    say("READY %s", last);
}

static inline void send_frame(void *socket, const void *data, size_t size, int flags) {
    if (zmq_send(socket, data, size, flags) < 0) {
        die("zmq_send(%zu bytes)", size);
    }
}

static inline void send_text(void *socket, const char *text, int flags) {
    send_frame(socket, text, strlen(text), flags);
}

/* Receives one frame as a NUL-terminated string (frames here are text); on timeout prints TIMEOUT, exits 3. */
static inline size_t recv_text(void *socket, char *buffer, size_t capacity) {
    int size = zmq_recv(socket, buffer, capacity - 1, 0);
    if (size < 0) {
        if (zmq_errno() == EAGAIN) {
            say("TIMEOUT");
            exit(3);
        }
        die("zmq_recv");
    }
    if ((size_t) size >= capacity) {
        fprintf(stderr, "frame of %d bytes is longer than %zu\n", size, capacity - 1);
        exit(1);
    }
    buffer[size] = '\0';
    return (size_t) size;
}

/* Sends <count> received messages back as they came: binary-safe, no copy. */
static inline void echo_messages(void *socket, int count) {
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    for (int i = 0; i < count; i++) {
        if (zmq_msg_recv(&msg, socket, 0) < 0) {
            if (zmq_errno() == EAGAIN) {
                say("TIMEOUT");
                exit(3);
            }
            die("zmq_msg_recv");
        }
        if (zmq_msg_send(&msg, socket, 0) < 0) {
            die("zmq_msg_send");
        }
    }
    zmq_msg_close(&msg);
}

/* REQ side: sends "<prefix> <i>" for i < count and prints each reply as a line. */
static inline void ask_and_print(void *socket, int count, const char *prefix) {
    char request[FRAME_MAX];
    char reply[FRAME_MAX];
    for (int i = 0; i < count; i++) {
        snprintf(request, sizeof request, "%s %d", prefix, i);
        send_text(socket, request, 0);
        recv_text(socket, reply, sizeof reply);
        say("%s", reply);
    }
}

static inline int has_more(void *socket) {
    int more = 0;
    size_t size = sizeof more;
    if (zmq_getsockopt(socket, ZMQ_RCVMORE, &more, &size) != 0) {
        die("zmq_getsockopt(ZMQ_RCVMORE)");
    }
    return more;
}

/* Waits at most timeout_ms for a line on stdin; returns 1 if it starts with expected, 0 on timeout.
 * EOF or another line is an error: the Java side only writes what the peer's protocol says. */
static inline int stdin_line_within(int timeout_ms, const char *expected) {
    zmq_pollitem_t items[] = {{NULL, STDIN_FILENO, ZMQ_POLLIN, 0}};
    if (zmq_poll(items, 1, timeout_ms) < 0) {
        die("zmq_poll(stdin)");
    }
    if (!(items[0].revents & ZMQ_POLLIN)) {
        return 0;
    }
    char line[64];
    if (fgets(line, sizeof line, stdin) == NULL || strncmp(line, expected, strlen(expected)) != 0) {
        fprintf(stderr, "expected %s on stdin\n", expected);
        exit(1);
    }
    return 1;
}

static inline void *peer_context(void) {
    void *context = zmq_ctx_new();
    if (context == NULL) {
        die("zmq_ctx_new");
    }
    return context;
}

static inline void peer_finish(void *socket, void *context) {
    zmq_close(socket);
    zmq_ctx_term(context);
}

#endif
