/* CURVE peer; each side makes its own key pair with zmq_curve_keypair.
 *   curve server <bind|connect> <endpoint> <count>
 *       REP as CURVE server: prints PUBLIC <its public key> before READY; for <count> requests prints
 *       "GOT <request>" and replies "welcome <request>"; then DONE
 *   curve client <bind|connect> <endpoint> <server public key> <count> <timeout ms>
 *       REQ as CURVE client: sends "curve <i>" and prints each reply; TIMEOUT (exit 3) if none comes in time */
#include "peer.h"

static void *curve_socket(void *context, int server) {
    char public_key[41];
    char secret_key[41];
    if (zmq_curve_keypair(public_key, secret_key) != 0) {
        die("zmq_curve_keypair");
    }
    void *socket = peer_socket(context, server ? ZMQ_REP : ZMQ_REQ);
    if (server) {
        set_int(socket, ZMQ_CURVE_SERVER, 1);
        say("PUBLIC %s", public_key);
    } else {
        set_text(socket, ZMQ_CURVE_PUBLICKEY, public_key);
    }
    set_text(socket, ZMQ_CURVE_SECRETKEY, secret_key);
    return socket;
}

static void serve(void *socket, int count) {
    char request[FRAME_MAX];
    char reply[FRAME_MAX + 16];
    for (int i = 0; i < count; i++) {
        recv_text(socket, request, sizeof request);
        say("GOT %s", request);
        snprintf(reply, sizeof reply, "welcome %s", request);
        send_text(socket, reply, 0);
    }
    say("DONE %d", count);
}

int main(int argc, char **argv) {
    usage_if(argc < 5, "curve server <bind|connect> <endpoint> <count> | client <bind|connect> <endpoint> <server key> <count> <timeout ms>");
    int server = strcmp(argv[1], "server") == 0;
    usage_if(!server && (strcmp(argv[1], "client") != 0 || argc != 7), "a client needs a server key, count and timeout");
    void *context = peer_context();
    void *socket = curve_socket(context, server);
    if (server) {
        peer_attach(socket, argv[2], argv[3]);
        serve(socket, parse_count(argv[4]));
    } else {
        set_text(socket, ZMQ_CURVE_SERVERKEY, argv[4]);
        set_int(socket, ZMQ_RCVTIMEO, parse_count(argv[6]));
        /* Nothing is queued for a peer whose handshake never succeeds: don't let close wait on it. */
        set_int(socket, ZMQ_LINGER, 0);
        peer_attach(socket, argv[2], argv[3]);
        ask_and_print(socket, parse_count(argv[5]), "curve");
    }
    peer_finish(socket, context);
    return 0;
}
