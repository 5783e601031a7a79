"""Client of an authenticating server (the Java side runs the server and its ZAP handler).
  auth_client <endpoint> <count> <timeout ms> null
  auth_client <endpoint> <count> <timeout ms> plain <user name> <password>
  auth_client <endpoint> <count> <timeout ms> curve <server public key> <client public key> <client secret key>
  auth_client <endpoint> <count> <timeout ms> curve-cert <server public certificate> <client secret certificate>
      the keys read with zmq.auth.load_certificate
A REQ that connects (the endpoint may name a source address, "tcp://127.0.0.2;127.0.0.1:port"), sends
"auth <i>" and prints each reply; TIMEOUT (exit 3) if none comes within the timeout: how a refused client ends."""
import sys

import zmq
import zmq.auth

import peer

args = sys.argv[1:]
shapes = {"null": 4, "plain": 6, "curve": 7, "curve-cert": 6}
peer.usage_if(len(args) < 4 or shapes.get(args[3]) != len(args),
              "auth_client <endpoint> <count> <timeout ms> null | plain <user> <password> | "
              "curve <server key> <public key> <secret key> | curve-cert <server certificate> <client certificate>")
endpoint, count, timeout, mechanism = args[0], int(args[1]), int(args[2]), args[3]
with zmq.Context() as context:
    s = peer.socket(context, zmq.REQ)
    if mechanism == "plain":
        s.plain_username = args[4].encode()
        s.plain_password = args[5].encode()
    elif mechanism == "curve":
        s.curve_serverkey = args[4].encode()
        s.curve_publickey = args[5].encode()
        s.curve_secretkey = args[6].encode()
    elif mechanism == "curve-cert":
        server_public, _ = zmq.auth.load_certificate(args[4])
        client_public, client_secret = zmq.auth.load_certificate(args[5])
        s.curve_serverkey = server_public
        s.curve_publickey = client_public
        s.curve_secretkey = client_secret
    s.rcvtimeo = timeout
    # A refused client has nothing delivered: don't let close wait on it.
    s.linger = 0
    peer.attach(s, "connect", endpoint)
    peer.ask_and_print(s, count, "auth")
    s.close()
