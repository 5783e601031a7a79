"""REQ/REP peer.
  reqrep rep <bind|connect> <endpoint> <count>  echoes <count> requests byte for byte, then prints DONE <count>
  reqrep req <bind|connect> <endpoint> <count>  sends "request <i>", prints each reply as a line"""
import sys

import zmq

import peer

args = sys.argv[1:]
peer.usage_if(len(args) != 4 or args[0] not in ("req", "rep"), "reqrep <req|rep> <bind|connect> <endpoint> <count>")
role, mode, endpoint, count = args[0], args[1], args[2], int(args[3])
with zmq.Context() as context:
    s = peer.socket(context, zmq.REP if role == "rep" else zmq.REQ)
    peer.attach(s, mode, endpoint)
    if role == "rep":
        peer.echo_messages(s, count)
        peer.say("DONE %d" % count)
    else:
        peer.ask_and_print(s, count, "request")
    s.close()
