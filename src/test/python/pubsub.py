"""PUB/SUB peer. Messages are two frames: topic, body.
  pubsub pub <bind|connect> <endpoint> <count> <topic>...
      publishes [probe, ""] every 10 ms until a line "go" arrives on stdin (the subscriber saw a probe, so its
      subscriptions are in place: no slow-joiner loss), then <count> rounds of [topic, "topic#i"] for every
      topic, then [end, ""]
  pubsub sub <bind|connect> <endpoint> <filter>...
      subscribes to end, the filters and probe (last); prints SUBSCRIBED at the first probe, then "topic body" for
      every other message, and END at the end message"""
import sys

import zmq

import peer

PROBE_PERIOD = 0.01


def await_go(s):
    for _ in range(int(peer.TIMEOUT_MS / 1000 / PROBE_PERIOD)):
        s.send_multipart([b"probe", b""])
        if peer.stdin_line_within(PROBE_PERIOD, "go"):
            return
    peer.say("TIMEOUT")
    sys.exit(3)


def publish(s, count, topics):
    await_go(s)
    for i in range(count):
        for topic in topics:
            s.send_multipart([topic.encode(), ("%s#%d" % (topic, i)).encode()])
    s.send_multipart([b"end", b""])


def subscribe(s, filters):
    # probe last: the publisher reads subscriptions in order, so once it matches a probe it has all the others
    for topic in ["end"] + filters + ["probe"]:
        s.setsockopt(zmq.SUBSCRIBE, topic.encode())
    subscribed = False
    for _ in range(1000000):
        topic, body = peer.recv_texts(s)
        if topic == "end":
            peer.say("END")
            return
        if topic == "probe":
            if not subscribed:
                peer.say("SUBSCRIBED")
                subscribed = True
            continue
        peer.say("%s %s" % (topic, body))
    sys.exit("no end message")


args = sys.argv[1:]
peer.usage_if(len(args) < 3 or args[0] not in ("pub", "sub") or (args[0] == "pub" and len(args) < 5),
              "pubsub pub <bind|connect> <endpoint> <count> <topic>... | sub <bind|connect> <endpoint> <filter>...")
with zmq.Context() as context:
    s = peer.socket(context, zmq.PUB if args[0] == "pub" else zmq.SUB)
    peer.attach(s, args[1], args[2])
    if args[0] == "pub":
        publish(s, int(args[3]), args[4:])
    else:
        subscribe(s, args[3:])
    s.close()
