"""Helpers shared by the Python interop peers (pyzmq); the same command lines and output as the C peers.

Every peer prints "READY <endpoint>" once its socket is bound or connected, prints what it received as lines
on stdout, and exits 0 on success, 1 on an error, 3 when a receive timed out (after printing TIMEOUT)."""
import select
import sys

import zmq

# How long a peer waits for one message before giving up: bounded, never forever.
TIMEOUT_MS = 10000


def say(text):
    """Prints one line and flushes it, so the Java side sees it at once."""
    print(text, flush=True)


def usage_if(bad, usage):
    if bad:
        print("usage: " + usage, file=sys.stderr)
        sys.exit(2)


def socket(context, kind):
    """A socket with bounded send and receive timeouts and a linger long enough to flush what it sent."""
    s = context.socket(kind)
    s.linger = 5000
    s.rcvtimeo = TIMEOUT_MS
    s.sndtimeo = TIMEOUT_MS
    return s


def attach(s, mode, endpoint):
    """Binds or connects (mode "bind" or "connect"), then announces the real endpoint."""
    if mode == "bind":
        s.bind(endpoint)
    elif mode == "connect":
        s.connect(endpoint)
    else:
        usage_if(True, "mode must be bind or connect, not " + mode)
    say("READY " + s.getsockopt(zmq.LAST_ENDPOINT).decode())


def receive(call, *args):
    """Runs a receive; on timeout prints TIMEOUT and exits 3."""
    try:
        return call(*args)
    except zmq.Again:
        say("TIMEOUT")
        sys.exit(3)


def recv_text(s):
    return receive(s.recv).decode()


def recv_texts(s):
    return [frame.decode() for frame in receive(s.recv_multipart)]


def echo_messages(s, count):
    """Sends <count> received messages back as they came (binary-safe, no copy)."""
    for _ in range(count):
        s.send(receive(s.recv, 0, False), copy=False)


def ask_and_print(s, count, prefix):
    """REQ side: sends "<prefix> <i>" for i < count and prints each reply as a line."""
    for i in range(count):
        s.send_string("%s %d" % (prefix, i))
        say(recv_text(s))


def stdin_line_within(seconds, expected):
    """Waits at most <seconds> for a line on stdin; True if it starts with expected, False on timeout.
    EOF or another line is an error: the Java side only writes what the peer's protocol says."""
    readable, _, _ = select.select([sys.stdin], [], [], seconds)
    if not readable:
        return False
    if not sys.stdin.readline().startswith(expected):
        print("expected %s on stdin" % expected, file=sys.stderr)
        sys.exit(1)
    return True
