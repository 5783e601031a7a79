"""PUSH/PULL peer.
  pushpull push <bind|connect> <endpoint> <count> <name>  sends "<name> <i>" for i < count, prints SENT <count>,
      then stays connected until a line "quit" arrives on stdin (see below)
  pushpull pull <bind|connect> <endpoint> <count>         prints each of <count> messages as a line, then DONE"""
import sys

import zmq

import peer

args = sys.argv[1:]
peer.usage_if(len(args) < 4 or args[0] not in ("push", "pull") or (args[0] == "push") != (len(args) == 5),
              "pushpull <push|pull> <bind|connect> <endpoint> <count> [name]")
role, mode, endpoint, count = args[0], args[1], args[2], int(args[3])
with zmq.Context() as context:
    s = peer.socket(context, zmq.PUSH if role == "push" else zmq.PULL)
    peer.attach(s, mode, endpoint)
    if role == "push":
        for i in range(count):
            s.send_string("%s %d" % (args[4], i))
        peer.say("SENT %d" % count)
        # Leaving at once could lose messages over ipc: libzmq 4.3.4 takes the hang-up of a peer whose input it
        # paused at the receive high-water mark for an I/O error and drops what is still in the kernel buffer.
        if not peer.stdin_line_within(peer.TIMEOUT_MS / 1000, "quit"):
            peer.say("TIMEOUT")
            sys.exit(3)
    else:
        # Buffered: one write at the end instead of 10,000 flushes.
        lines = [peer.recv_text(s) for _ in range(count)]
        print("\n".join(lines))
        peer.say("DONE %d" % count)
    s.close()
