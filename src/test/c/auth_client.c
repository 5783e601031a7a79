/* Client of an authenticating server (the Java side runs the server and its ZAP handler).
 *   auth_client <endpoint> <count> <timeout ms> null
 *   auth_client <endpoint> <count> <timeout ms> plain <user name> <password>
 *   auth_client <endpoint> <count> <timeout ms> curve <server public key> <client public key> <client secret key>
 * A REQ that connects (the endpoint may name a source address, "tcp://127.0.0.2;127.0.0.1:port"), sends
 * "auth <i>" and prints each reply; TIMEOUT (exit 3) if none comes within the timeout: how a refused client ends. */
#include "peer.h"

int main(int argc, char **argv) {
    usage_if(argc < 5, "auth_client <endpoint> <count> <timeout ms> null | plain <user> <password> | "
                       "curve <server key> <public key> <secret key>");
    const char *mechanism = argv[4];
    int null_client = strcmp(mechanism, "null") == 0 && argc == 5;
    int plain = strcmp(mechanism, "plain") == 0 && argc == 7;
    int curve = strcmp(mechanism, "curve") == 0 && argc == 8;
    usage_if(!null_client && !plain && !curve, "mechanism: null | plain <user> <password> | curve <server key> <public key> <secret key>");
    void *context = peer_context();
    void *socket = peer_socket(context, ZMQ_REQ);
    if (plain) {
        set_text(socket, ZMQ_PLAIN_USERNAME, argv[5]);
        set_text(socket, ZMQ_PLAIN_PASSWORD, argv[6]);
    } else if (curve) {
        set_text(socket, ZMQ_CURVE_SERVERKEY, argv[5]);
        set_text(socket, ZMQ_CURVE_PUBLICKEY, argv[6]);
        set_text(socket, ZMQ_CURVE_SECRETKEY, argv[7]);
    }
    set_int(socket, ZMQ_RCVTIMEO, parse_count(argv[3]));
    /* A refused client has nothing delivered: don't let close wait on it. */
    set_int(socket, ZMQ_LINGER, 0);
    peer_attach(socket, "connect", argv[1]);
    ask_and_print(socket, parse_count(argv[2]), "auth");
    peer_finish(socket, context);
    return 0;
}
