"""pyzmq's certificate files (zmq.auth).
  certs create <dir> <name> [key=value ...]   zmq.auth.create_certificates; prints PUBLIC <file>, SECRET <file>
  certs load <file>                           zmq.auth.load_certificate; prints PUBLIC <key>, SECRET <key or None>
  certs keys <dir>                            zmq.auth.load_certificates; prints KEY <key> for each, sorted"""
import sys

import zmq.auth

import peer

args = sys.argv[1:]
peer.usage_if(len(args) < 2 or args[0] not in ("create", "load", "keys") or (args[0] == "create" and len(args) < 3),
              "certs create <dir> <name> [key=value ...] | load <file> | keys <dir>")
if args[0] == "create":
    metadata = dict(pair.split("=", 1) for pair in args[3:])
    public_file, secret_file = zmq.auth.create_certificates(args[1], args[2], metadata=metadata or None)
    peer.say("PUBLIC " + public_file)
    peer.say("SECRET " + secret_file)
elif args[0] == "load":
    public_key, secret_key = zmq.auth.load_certificate(args[1])
    peer.say("PUBLIC " + public_key.decode())
    peer.say("SECRET " + (secret_key.decode() if secret_key else "None"))
else:
    for key in sorted(zmq.auth.load_certificates(args[1])):
        peer.say("KEY " + key.decode())
