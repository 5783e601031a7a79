/* PUB/SUB peer. Messages are two frames: topic, body.
 *   pubsub pub <bind|connect> <endpoint> <count> <topic>...
 *       publishes [probe, ""] every 10 ms until a line "go" arrives on stdin (the subscriber saw a probe, so
 *       its subscriptions are in place: no slow-joiner loss), then <count> rounds of [topic, "topic#i"] for
 *       every topic, then [end, ""]
 *   pubsub sub <bind|connect> <endpoint> <filter>...
 *       subscribes to end, the filters and probe (last); prints SUBSCRIBED at the first probe, then "topic body"
 *       for every other message, and END at the end message */
#include "peer.h"

#define PROBE_PERIOD_MS 10
#define PROBE_ROUNDS (PEER_TIMEOUT_MS / PROBE_PERIOD_MS)

static void await_go(void *socket) {
    for (int round = 0; round < PROBE_ROUNDS; round++) {
        send_text(socket, "probe", ZMQ_SNDMORE);
        send_text(socket, "", 0);
        if (stdin_line_within(PROBE_PERIOD_MS, "go")) {
            return;
        }
    }
    say("TIMEOUT");
    exit(3);
}

static void publish(void *socket, int count, int topics, char **topic) {
    await_go(socket);
    char body[FRAME_MAX];
    for (int i = 0; i < count; i++) {
        for (int t = 0; t < topics; t++) {
            snprintf(body, sizeof body, "%s#%d", topic[t], i);
            send_text(socket, topic[t], ZMQ_SNDMORE);
            send_text(socket, body, 0);
        }
    }
    send_text(socket, "end", ZMQ_SNDMORE);
    send_text(socket, "", 0);
}

static void subscribe(void *socket, int filters, char **filter) {
    set_text(socket, ZMQ_SUBSCRIBE, "end");
    for (int f = 0; f < filters; f++) {
        set_text(socket, ZMQ_SUBSCRIBE, filter[f]);
    }
    /* Last: the publisher reads subscriptions in order, so once it matches a probe it has all the others. */
    set_text(socket, ZMQ_SUBSCRIBE, "probe");
    char topic[FRAME_MAX];
    char body[FRAME_MAX];
    int subscribed = 0;
    for (int received = 0; received < 1000000; received++) {
        recv_text(socket, topic, sizeof topic);
        if (!has_more(socket)) {
            die("message without a body frame on topic %s", topic);
        }
        recv_text(socket, body, sizeof body);
        if (strcmp(topic, "end") == 0) {
            say("END");
            return;
        }
        if (strcmp(topic, "probe") == 0) {
            if (!subscribed) {
                say("SUBSCRIBED");
                subscribed = 1;
            }
            continue;
        }
        say("%s %s", topic, body);
    }
    die("no end message");
}

int main(int argc, char **argv) {
    usage_if(argc < 4, "pubsub pub <bind|connect> <endpoint> <count> <topic>... | sub <bind|connect> <endpoint> <filter>...");
    int pub = strcmp(argv[1], "pub") == 0;
    usage_if(!pub && strcmp(argv[1], "sub") != 0, "role must be pub or sub");
    usage_if(pub && argc < 6, "pubsub pub <bind|connect> <endpoint> <count> <topic>...");
    void *context = peer_context();
    void *socket = peer_socket(context, pub ? ZMQ_PUB : ZMQ_SUB);
    peer_attach(socket, argv[2], argv[3]);
    if (pub) {
        publish(socket, parse_count(argv[4]), argc - 5, argv + 5);
    } else {
        subscribe(socket, argc - 4, argv + 4);
    }
    peer_finish(socket, context);
    return 0;
}
