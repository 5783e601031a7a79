/*
 * Smoke test of a cross-built libzmq, run under qemu-aarch64 or wine (native/smoke-test): the version, CURVE and
 * draft support, a CURVE key pair, round trips over inproc and tcp 127.0.0.1 (plain, CURVE, and a draft
 * CLIENT/SERVER pair), and the platform's struct layouts that zmq-ffm's Java side declares by hand (NativeAbi).
 * Prints one "key value" line per fact and "ok" at the end; exits 1 at the first failure.
 */
#define ZMQ_BUILD_DRAFT_API
#include <zmq.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define CHECK(cond) do { if (!(cond)) { printf("FAILED %s:%d %s (errno %d: %s)\n", __FILE__, __LINE__, #cond, \
    zmq_errno(), zmq_strerror(zmq_errno())); return 1; } } while (0)

/* Sends "ping" from a to b and "pong" back. */
static int round_trip(void *a, void *b) {
    char buf[8] = {0};
    CHECK(zmq_send(a, "ping", 4, 0) == 4);
    CHECK(zmq_recv(b, buf, sizeof buf, 0) == 4 && memcmp(buf, "ping", 4) == 0);
    CHECK(zmq_send(b, "pong", 4, 0) == 4);
    CHECK(zmq_recv(a, buf, sizeof buf, 0) == 4 && memcmp(buf, "pong", 4) == 0);
    return 0;
}

/* Binds server to tcp://127.0.0.1:* and connects client to the port it got. */
static int tcp_pair(void *server, void *client) {
    char endpoint[256];
    size_t size = sizeof endpoint;
    CHECK(zmq_bind(server, "tcp://127.0.0.1:*") == 0);
    CHECK(zmq_getsockopt(server, ZMQ_LAST_ENDPOINT, endpoint, &size) == 0);
    CHECK(zmq_connect(client, endpoint) == 0);
    return 0;
}

static void *timed_socket(void *context, int type) {
    void *socket = zmq_socket(context, type);
    int timeout = 10000, linger = 0;
    if (socket) {
        zmq_setsockopt(socket, ZMQ_RCVTIMEO, &timeout, sizeof timeout);
        zmq_setsockopt(socket, ZMQ_SNDTIMEO, &timeout, sizeof timeout);
        zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof linger);
    }
    return socket;
}

int main(void) {
    int major, minor, patch;
    zmq_version(&major, &minor, &patch);
    printf("version %d.%d.%d\n", major, minor, patch);
    printf("curve %d\ndraft %d\nipc %d\n", zmq_has("curve"), zmq_has("draft"), zmq_has("ipc"));
    printf("layout long=%u msg=%u\n", (unsigned) sizeof(long), (unsigned) sizeof(zmq_msg_t));
    printf("layout pollitem size=%u fd=%u fdsize=%u events=%u revents=%u\n", (unsigned) sizeof(zmq_pollitem_t),
           (unsigned) offsetof(zmq_pollitem_t, fd), (unsigned) sizeof(((zmq_pollitem_t *) 0)->fd),
           (unsigned) offsetof(zmq_pollitem_t, events), (unsigned) offsetof(zmq_pollitem_t, revents));
    printf("layout poller_event size=%u fd=%u user_data=%u events=%u\n", (unsigned) sizeof(zmq_poller_event_t),
           (unsigned) offsetof(zmq_poller_event_t, fd), (unsigned) offsetof(zmq_poller_event_t, user_data),
           (unsigned) offsetof(zmq_poller_event_t, events));

    char public_key[41], secret_key[41], derived[41];
    CHECK(zmq_curve_keypair(public_key, secret_key) == 0);
    CHECK(strlen(public_key) == 40 && strlen(secret_key) == 40);
    CHECK(zmq_curve_public(derived, secret_key) == 0 && strcmp(derived, public_key) == 0);
    printf("keypair ok\n");

    void *context = zmq_ctx_new();
    CHECK(context != NULL);

    void *a = timed_socket(context, ZMQ_PAIR), *b = timed_socket(context, ZMQ_PAIR);
    CHECK(zmq_bind(b, "inproc://smoke") == 0 && zmq_connect(a, "inproc://smoke") == 0);
    CHECK(round_trip(a, b) == 0);
    zmq_close(a); zmq_close(b);
    printf("inproc ok\n");

    void *rep = timed_socket(context, ZMQ_REP), *req = timed_socket(context, ZMQ_REQ);
    CHECK(tcp_pair(rep, req) == 0);
    CHECK(round_trip(req, rep) == 0);
    zmq_close(req); zmq_close(rep);
    printf("tcp ok\n");

    char client_public[41], client_secret[41];
    CHECK(zmq_curve_keypair(client_public, client_secret) == 0);
    int one = 1;
    void *server = timed_socket(context, ZMQ_REP), *client = timed_socket(context, ZMQ_REQ);
    CHECK(zmq_setsockopt(server, ZMQ_CURVE_SERVER, &one, sizeof one) == 0);
    CHECK(zmq_setsockopt(server, ZMQ_CURVE_SECRETKEY, secret_key, 40) == 0);
    CHECK(zmq_setsockopt(client, ZMQ_CURVE_SERVERKEY, public_key, 40) == 0);
    CHECK(zmq_setsockopt(client, ZMQ_CURVE_PUBLICKEY, client_public, 40) == 0);
    CHECK(zmq_setsockopt(client, ZMQ_CURVE_SECRETKEY, client_secret, 40) == 0);
    CHECK(tcp_pair(server, client) == 0);
    CHECK(round_trip(client, server) == 0);
    zmq_close(client); zmq_close(server);
    printf("curve tcp ok\n");

    void *draft_server = timed_socket(context, ZMQ_SERVER), *draft_client = timed_socket(context, ZMQ_CLIENT);
    CHECK(draft_server != NULL && draft_client != NULL);
    CHECK(tcp_pair(draft_server, draft_client) == 0);
    zmq_msg_t msg;
    CHECK(zmq_send(draft_client, "ping", 4, 0) == 4);
    CHECK(zmq_msg_init(&msg) == 0 && zmq_msg_recv(&msg, draft_server, 0) == 4);
    CHECK(zmq_msg_send(&msg, draft_server, 0) == 4);  /* the routing id travels with the message */
    char buf[8] = {0};
    CHECK(zmq_recv(draft_client, buf, sizeof buf, 0) == 4 && memcmp(buf, "ping", 4) == 0);
    zmq_close(draft_client); zmq_close(draft_server);
    printf("draft tcp ok\n");

    CHECK(zmq_ctx_term(context) == 0);
    printf("ok\n");
    return 0;
}
