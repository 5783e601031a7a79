/* czmq's own certificate code (zcert, zcertstore), for the certificate interop tests. Linked against the system's
 * libczmq and libzmq (Debian's libczmq-dev), not the bundled libzmq: it only reads and writes files.
 *   zcert new <file> [name=value ...]   zcert_new + zcert_set_meta + zcert_save: <file> and <file>_secret;
 *                                       prints PUBLIC <key>
 *   zcert load <file>                   zcert_load (which prefers <file>_secret); prints PUBLIC <key>,
 *                                       SECRET <key or none>, then META <name>=<value> per entry in order
 *   zcert lookup <dir> <public key>     zcertstore over <dir>; prints FOUND <name metadata or -> or MISSING */
#include <czmq.h>

static void usage(void) {
    fprintf(stderr, "usage: zcert new <file> [name=value ...] | load <file> | lookup <dir> <public key>\n");
    exit(2);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        usage();
    }
    if (streq(argv[1], "new")) {
        zcert_t *cert = zcert_new();
        for (int i = 3; i < argc; i++) {
            char *equals = strchr(argv[i], '=');
            if (!equals) {
                usage();
            }
            *equals = '\0';
            zcert_set_meta(cert, argv[i], "%s", equals + 1);
        }
        if (zcert_save(cert, argv[2]) != 0) {
            fprintf(stderr, "zcert_save(%s) failed\n", argv[2]);
            return 1;
        }
        printf("PUBLIC %s\n", zcert_public_txt(cert));
        zcert_destroy(&cert);
    } else if (streq(argv[1], "load") && argc == 3) {
        zcert_t *cert = zcert_load(argv[2]);
        if (!cert) {
            fprintf(stderr, "zcert_load(%s) failed\n", argv[2]);
            return 1;
        }
        printf("PUBLIC %s\n", zcert_public_txt(cert));
        const char *secret = zcert_secret_txt(cert);
        printf("SECRET %s\n", streq(secret, "0000000000000000000000000000000000000000") ? "none" : secret);
        zlist_t *keys = zcert_meta_keys(cert);
        for (char *key = (char *) zlist_first(keys); key; key = (char *) zlist_next(keys)) {
            printf("META %s=%s\n", key, zcert_meta(cert, key));
        }
        zlist_destroy(&keys);
        zcert_destroy(&cert);
    } else if (streq(argv[1], "lookup") && argc == 4) {
        zcertstore_t *store = zcertstore_new(argv[2]);
        zcert_t *cert = zcertstore_lookup(store, argv[3]);
        if (cert) {
            const char *name = zcert_meta(cert, "name");
            printf("FOUND %s\n", name ? name : "-");
        } else {
            printf("MISSING\n");
        }
        zcertstore_destroy(&store);
    } else {
        usage();
    }
    return 0;
}
