/* REQ client for the QUEUE device test, linked against the project's libzmq: sends COUNT requests
 * "c<ID>-<i>" and checks that each reply is "<worker>|<request>". Prints "served <worker> <count>" per
 * worker, then "ok <count>"; exits 1 on a wrong or missing reply.
 * Usage: req_client ENDPOINT ID COUNT */
#include <zmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORKERS 16

int main (int argc, char *argv[])
{
    if (argc != 4) {
        fprintf (stderr, "usage: req_client ENDPOINT ID COUNT\n");
        return 2;
    }
    const char *endpoint = argv[1];
    const char *client = argv[2];
    int count = atoi (argv[3]);
    char workers[MAX_WORKERS][32];
    int served[MAX_WORKERS] = {0};
    int known = 0, ok = 0, linger = 0, timeout = 10000;

    void *context = zmq_ctx_new ();
    void *req = zmq_socket (context, ZMQ_REQ);
    zmq_setsockopt (req, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt (req, ZMQ_RCVTIMEO, &timeout, sizeof timeout);
    if (zmq_connect (req, endpoint) != 0) {
        fprintf (stderr, "connect %s: %s\n", endpoint, zmq_strerror (zmq_errno ()));
        return 1;
    }
    for (int i = 0; i < count; i++) {
        char request[64], reply[128];
        int length = snprintf (request, sizeof request, "c%s-%d", client, i);
        zmq_send (req, request, length, 0);
        int size = zmq_recv (req, reply, sizeof reply - 1, 0);
        if (size < 0 || size >= (int) sizeof reply) {
            fprintf (stderr, "no reply to %s: %s\n", request, zmq_strerror (zmq_errno ()));
            return 1;
        }
        reply[size] = '\0';
        char *bar = strchr (reply, '|');
        if (!bar || strcmp (bar + 1, request) != 0 || bar - reply >= 32) {
            fprintf (stderr, "request %s got reply %s\n", request, reply);
            return 1;
        }
        *bar = '\0';
        int w = 0;
        while (w < known && strcmp (workers[w], reply) != 0)
            w++;
        if (w == known) {
            if (known == MAX_WORKERS) {
                fprintf (stderr, "more than %d workers\n", MAX_WORKERS);
                return 1;
            }
            strcpy (workers[known++], reply);
        }
        served[w]++;
        ok++;
    }
    zmq_close (req);
    zmq_ctx_term (context);
    for (int w = 0; w < known; w++)
        printf ("served %s %d\n", workers[w], served[w]);
    printf ("ok %d\n", ok);
    return 0;
}
