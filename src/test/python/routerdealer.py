"""ROUTER/DEALER peer with explicit routing ids and multipart messages.
  routerdealer router <bind|connect> <endpoint> <count>
      receives <count> messages; prints "FROM <routing id> <frame>|<frame>..." and replies
      [routing id, "ack", the frames...] to the sender
  routerdealer dealer <bind|connect> <endpoint> <count> <routing id>
      with that ZMQ_ROUTING_ID sends [<routing id> <i>, "", "end <i>"] and prints each reply's frames
      joined by |"""
import sys

import zmq

import peer

args = sys.argv[1:]
peer.usage_if(len(args) < 4 or args[0] not in ("router", "dealer") or (args[0] == "dealer") != (len(args) == 5),
              "routerdealer <router|dealer> <bind|connect> <endpoint> <count> [routing id]")
role, mode, endpoint, count = args[0], args[1], args[2], int(args[3])
with zmq.Context() as context:
    s = peer.socket(context, zmq.ROUTER if role == "router" else zmq.DEALER)
    if role == "dealer":
        s.setsockopt(zmq.ROUTING_ID, args[4].encode())
    peer.attach(s, mode, endpoint)
    for i in range(count):
        if role == "router":
            frames = peer.recv_texts(s)
            peer.say("FROM %s %s" % (frames[0], "|".join(frames[1:])))
            s.send_multipart([frames[0].encode(), b"ack"] + [f.encode() for f in frames[1:]])
        else:
            s.send_multipart([("%s %d" % (args[4], i)).encode(), b"", ("end %d" % i).encode()])
            peer.say("|".join(peer.recv_texts(s)))
    s.close()
