/*
 * Runs a command and writes the CPU time it used (user and system, in microseconds, all its threads, from
 * wait4's rusage) to FILE: "user_us sys_us". Exits as the command did. The command dies with this process
 * (PR_SET_PDEATHSIG), so killing the wrapper by its PID ends the tool too.
 *
 *   cputime FILE command [args...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child;

static void forward (int sig)
{
    kill (child, sig);
}

int main (int argc, char *argv[])
{
    if (argc < 3) {
        fprintf (stderr, "usage: cputime FILE command [args...]\n");
        return 2;
    }
    pid_t parent = getpid ();
    child = fork ();
    if (child < 0) {
        perror ("fork");
        return 2;
    }
    if (child == 0) {
        prctl (PR_SET_PDEATHSIG, SIGKILL);
        if (getppid () != parent)
            _exit (127); /* the wrapper died before prctl took effect */
        execvp (argv[2], argv + 2);
        perror (argv[2]);
        _exit (127);
    }
    signal (SIGTERM, forward);
    signal (SIGINT, forward);
    int status;
    struct rusage usage;
    while (wait4 (child, &status, 0, &usage) < 0) {
        if (errno != EINTR) { /* EINTR: a forwarded signal */
            perror ("wait4");
            return 2;
        }
    }
    FILE *out = fopen (argv[1], "w");
    if (!out) {
        perror (argv[1]);
        return 2;
    }
    fprintf (out, "%lld %lld\n", (long long) usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec,
             (long long) usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec);
    fclose (out);
    return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}
