#!/usr/bin/python3
"""REQ client for the QUEUE device test: sends COUNT requests "c<ID>-<i>" and checks that each reply is
"<worker>|<request>". Prints "served <worker> <count>" per worker, then "ok <count>"; exits 1 on a wrong or
missing reply. Usage: queue_client.py ENDPOINT ID COUNT"""
import sys
from collections import Counter

import zmq


def main():
    endpoint, client, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    context = zmq.Context()
    req = context.socket(zmq.REQ)
    req.setsockopt(zmq.LINGER, 0)
    req.setsockopt(zmq.RCVTIMEO, 10000)
    req.connect(endpoint)
    served = Counter()
    try:
        for i in range(count):
            request = "c%s-%d" % (client, i)
            req.send_string(request)
            try:
                reply = req.recv_string()
            except zmq.Again:
                print("no reply to %s within 10 s" % request, file=sys.stderr)
                return 1
            worker, _, echoed = reply.partition("|")
            if echoed != request:
                print("request %s got reply %s" % (request, reply), file=sys.stderr)
                return 1
            served[worker] += 1
    finally:
        req.close()
        context.term()
    for worker, n in sorted(served.items()):
        print("served %s %d" % (worker, n))
    print("ok %d" % sum(served.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
