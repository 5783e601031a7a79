/* REQ/REP peer.
 *   reqrep rep <bind|connect> <endpoint> <count>  echoes <count> requests byte for byte, then prints DONE <count>
 *   reqrep req <bind|connect> <endpoint> <count>  sends "request <i>", prints each reply as a line */
#include "peer.h"

int main(int argc, char **argv) {
    usage_if(argc != 5, "reqrep <req|rep> <bind|connect> <endpoint> <count>");
    int rep = strcmp(argv[1], "rep") == 0;
    usage_if(!rep && strcmp(argv[1], "req") != 0, "role must be req or rep");
    int count = parse_count(argv[4]);
    void *context = peer_context();
    void *socket = peer_socket(context, rep ? ZMQ_REP : ZMQ_REQ);
    peer_attach(socket, argv[2], argv[3]);
    if (rep) {
        echo_messages(socket, count);
        say("DONE %d", count);
    } else {
        ask_and_print(socket, count, "request");
    }
    peer_finish(socket, context);
    return 0;
}
