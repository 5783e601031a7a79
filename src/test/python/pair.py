"""PAIR peer: pair <bind|connect> <endpoint> <count>
sends "hello from Python", then echoes <count> messages byte for byte, then prints DONE <count>."""
import sys

import zmq

import peer

args = sys.argv[1:]
peer.usage_if(len(args) != 3, "pair <bind|connect> <endpoint> <count>")
mode, endpoint, count = args[0], args[1], int(args[2])
with zmq.Context() as context:
    s = peer.socket(context, zmq.PAIR)
    peer.attach(s, mode, endpoint)
    s.send_string("hello from Python")
    peer.echo_messages(s, count)
    peer.say("DONE %d" % count)
    s.close()
