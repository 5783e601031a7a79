/* ROUTER/DEALER peer with explicit routing ids and multipart messages.
 *   routerdealer router <bind|connect> <endpoint> <count>
 *       receives <count> messages; prints "FROM <routing id> <frame>|<frame>..." and replies
 *       [routing id, "ack", the frames...] to the sender
 *   routerdealer dealer <bind|connect> <endpoint> <count> <routing id>
 *       with that ZMQ_ROUTING_ID sends [<routing id> <i>, "", "end <i>"] and prints each reply's frames
 *       joined by | */
#include "peer.h"

#define FRAMES_MAX 16

/* Receives all frames of one message into frames[]; returns how many. */
static int recv_message(void *socket, char frames[][FRAME_MAX]) {
    int count = 0;
    do {
        if (count == FRAMES_MAX) {
            die("more than %d frames", FRAMES_MAX);
        }
        recv_text(socket, frames[count], FRAME_MAX);
        count++;
    } while (has_more(socket));
    return count;
}

static void print_joined(const char *prefix, char frames[][FRAME_MAX], int from, int to) {
    printf("%s", prefix);
    for (int f = from; f < to; f++) {
        printf(f == from ? "%s" : "|%s", frames[f]);
    }
    putchar('\n');
    fflush(stdout);
}

static void route(void *socket, int count) {
    static char frames[FRAMES_MAX][FRAME_MAX];
    for (int i = 0; i < count; i++) {
        int n = recv_message(socket, frames);
        printf("FROM %s ", frames[0]);
        print_joined("", frames, 1, n);
        send_text(socket, frames[0], ZMQ_SNDMORE);
        send_text(socket, "ack", ZMQ_SNDMORE);
        for (int f = 1; f < n; f++) {
            send_text(socket, frames[f], f < n - 1 ? ZMQ_SNDMORE : 0);
        }
    }
}

static void deal(void *socket, int count, const char *id) {
    static char frames[FRAMES_MAX][FRAME_MAX];
    char text[FRAME_MAX];
    for (int i = 0; i < count; i++) {
        snprintf(text, sizeof text, "%s %d", id, i);
        send_text(socket, text, ZMQ_SNDMORE);
        send_text(socket, "", ZMQ_SNDMORE);
        snprintf(text, sizeof text, "end %d", i);
        send_text(socket, text, 0);
        int n = recv_message(socket, frames);
        print_joined("", frames, 0, n);
    }
}

int main(int argc, char **argv) {
    usage_if(argc < 5, "routerdealer <router|dealer> <bind|connect> <endpoint> <count> [routing id]");
    int router = strcmp(argv[1], "router") == 0;
    usage_if(!router && (strcmp(argv[1], "dealer") != 0 || argc != 6), "a dealer needs a routing id");
    void *context = peer_context();
    void *socket = peer_socket(context, router ? ZMQ_ROUTER : ZMQ_DEALER);
    if (!router) {
        set_text(socket, ZMQ_ROUTING_ID, argv[5]);
    }
    peer_attach(socket, argv[2], argv[3]);
    if (router) {
        route(socket, parse_count(argv[4]));
    } else {
        deal(socket, parse_count(argv[4]), argv[5]);
    }
    peer_finish(socket, context);
    return 0;
}
