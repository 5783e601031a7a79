"""CURVE peer; each side makes its own key pair with zmq.curve_keypair().
  curve server <bind|connect> <endpoint> <count>
      REP as CURVE server: prints PUBLIC <its public key> before READY; for <count> requests prints
      "GOT <request>" and replies "welcome <request>"; then DONE
  curve client <bind|connect> <endpoint> <server public key> <count> <timeout ms>
      REQ as CURVE client: sends "curve <i>" and prints each reply; TIMEOUT (exit 3) if none comes in time"""
import sys

import zmq

import peer

args = sys.argv[1:]
server = len(args) == 4 and args[0] == "server"
peer.usage_if(not server and (len(args) != 6 or args[0] != "client"),
              "curve server <bind|connect> <endpoint> <count> | "
              "client <bind|connect> <endpoint> <server key> <count> <timeout ms>")
public_key, secret_key = zmq.curve_keypair()
with zmq.Context() as context:
    s = peer.socket(context, zmq.REP if server else zmq.REQ)
    s.curve_secretkey = secret_key
    if server:
        s.curve_server = True
        peer.say("PUBLIC " + public_key.decode())
        peer.attach(s, args[1], args[2])
        count = int(args[3])
        for _ in range(count):
            request = peer.recv_text(s)
            peer.say("GOT " + request)
            s.send_string("welcome " + request)
        peer.say("DONE %d" % count)
    else:
        s.curve_publickey = public_key
        s.curve_serverkey = args[3].encode()
        s.rcvtimeo = int(args[5])
        # Nothing is queued for a peer whose handshake never succeeds: don't let close wait on it.
        s.linger = 0
        peer.attach(s, args[1], args[2])
        peer.ask_and_print(s, int(args[4]), "curve")
    s.close()
