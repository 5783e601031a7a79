#!/usr/bin/python3
"""REP worker for the QUEUE device test: answers each request with "<ID>|<request>". Ends on SIGTERM or after
30 s without a request. Usage: queue_worker.py ENDPOINT ID"""
import sys

import zmq


def main():
    endpoint, worker = sys.argv[1], sys.argv[2]
    context = zmq.Context()
    rep = context.socket(zmq.REP)
    rep.setsockopt(zmq.LINGER, 0)
    rep.setsockopt(zmq.RCVTIMEO, 30000)
    rep.connect(endpoint)
    try:
        while True:
            try:
                request = rep.recv_string()
            except zmq.Again:
                return 0
            rep.send_string("%s|%s" % (worker, request))
    finally:
        rep.close()
        context.term()


if __name__ == "__main__":
    sys.exit(main())
