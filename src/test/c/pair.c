/* PAIR peer: pair <bind|connect> <endpoint> <count>
 * sends "hello from C", then echoes <count> messages byte for byte, then prints DONE <count>. */
#include "peer.h"

int main(int argc, char **argv) {
    usage_if(argc != 4, "pair <bind|connect> <endpoint> <count>");
    int count = parse_count(argv[3]);
    void *context = peer_context();
    void *socket = peer_socket(context, ZMQ_PAIR);
    peer_attach(socket, argv[1], argv[2]);
    send_text(socket, "hello from C", 0);
    echo_messages(socket, count);
    say("DONE %d", count);
    peer_finish(socket, context);
    return 0;
}
