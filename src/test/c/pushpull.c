/* PUSH/PULL peer.
 *   pushpull push <bind|connect> <endpoint> <count> <name>  sends "<name> <i>" for i < count, prints SENT <count>,
 *       then stays connected until a line "quit" arrives on stdin (see below)
 *   pushpull pull <bind|connect> <endpoint> <count>         prints each of <count> messages as a line, then DONE */
#include "peer.h"

int main(int argc, char **argv) {
    usage_if(argc < 5, "pushpull <push|pull> <bind|connect> <endpoint> <count> [name]");
    int push = strcmp(argv[1], "push") == 0;
    usage_if(!push && strcmp(argv[1], "pull") != 0, "role must be push or pull");
    usage_if(push && argc != 6, "a pusher needs a name");
    int count = parse_count(argv[4]);
    void *context = peer_context();
    void *socket = peer_socket(context, push ? ZMQ_PUSH : ZMQ_PULL);
    peer_attach(socket, argv[2], argv[3]);
    char text[FRAME_MAX];
    for (int i = 0; i < count; i++) {
        if (push) {
            snprintf(text, sizeof text, "%s %d", argv[5], i);
            send_text(socket, text, 0);
        } else {
            recv_text(socket, text, sizeof text);
            puts(text); /* buffered: flushed by DONE */
        }
    }
    say(push ? "SENT %d" : "DONE %d", count);
    /* Leaving at once could lose messages over ipc: libzmq 4.3.4 takes the hang-up of a peer whose input it
     * paused at the receive high-water mark for an I/O error and drops what is still in the kernel buffer. */
    if (push && !stdin_line_within(PEER_TIMEOUT_MS, "quit")) {
        say("TIMEOUT");
        return 3;
    }
    peer_finish(socket, context);
    return 0;
}
