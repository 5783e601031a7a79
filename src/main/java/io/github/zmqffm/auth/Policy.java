package io.github.zmqffm.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an {@link Authenticator} accepts in one ZAP domain. Immutable: each method returns a changed copy.
 *
 * <p>The rules, as czmq's zauth and pyzmq's authenticator apply them:
 * <ol>
 *   <li>Addresses: with an {@linkplain #allow allow list}, a peer whose address is not on it is denied,
 *       whatever its credentials; otherwise a peer on the {@linkplain #deny deny list} is denied. (With both,
 *       only the allow list counts.) Over ipc, the address is {@code :uid:gid:pid}, never on an IP list.</li>
 *   <li>NULL: allowed once the address passed.</li>
 *   <li>PLAIN: the user name and password must match {@linkplain #plainPasswords a map} or
 *       {@linkplain #plainPasswordFile a password file}; denied if neither is configured.</li>
 *   <li>CURVE: the client's public key must be {@linkplain #curveKeys one of a set}, or belong to a certificate in
 *       {@linkplain #curveCertificates a directory}; or {@linkplain #curveAnyClient any key} is accepted (the
 *       connection is still encrypted); denied if none is configured.</li>
 *   <li>GSSAPI: denied (this libzmq has no GSSAPI).</li>
 * </ol>
 *
 * <p>An allowed peer's messages carry a User-Id ({@code Msg.gets("User-Id")}): the PLAIN user name; for CURVE the
 * {@code user-id} of its certificate's metadata if it has one, else its public key in Z85; "" for NULL. A CURVE
 * peer found in a certificate directory also carries the certificate's other metadata ({@code Msg.gets("name")}
 * ...), except names libzmq reserves (Socket-Type, Identity, Routing-Id, User-Id, Peer-Address).
 */
public final class Policy {

    private enum CurveMode { NONE, ANY_CLIENT, KEYS, CERTIFICATES }

    private static final Policy DEFAULT = new Policy(Set.of(), Set.of(), null, null, CurveMode.NONE, Set.of(), null);

    private final Set<String> allowed;
    private final Set<String> denied;
    private final Map<String, String> passwords;
    private final PasswordFile passwordFile;
    private final CurveMode curveMode;
    private final Set<String> curveKeys;
    private final CertificateStore certificates;

    private Policy(Set<String> allowed, Set<String> denied, Map<String, String> passwords, PasswordFile passwordFile,
                   CurveMode curveMode, Set<String> curveKeys, CertificateStore certificates) {
        this.allowed = allowed;
        this.denied = denied;
        this.passwords = passwords;
        this.passwordFile = passwordFile;
        this.curveMode = curveMode;
        this.curveKeys = curveKeys;
        this.certificates = certificates;
    }

    /** A policy that allows NULL peers from any address and denies PLAIN and CURVE until they are configured. */
    public static Policy create() {
        return DEFAULT;
    }

    /**
     * This policy with more addresses on the allow list: literal IPv4 or IPv6 addresses (host names are not looked
     * up), compared in canonical form ({@code ::ffff:127.0.0.1} is {@code 127.0.0.1}). Throws
     * {@link IllegalArgumentException} for anything else.
     */
    public Policy allow(String... addresses) {
        return new Policy(plus(allowed, addresses), denied, passwords, passwordFile, curveMode, curveKeys, certificates);
    }

    /** This policy with more addresses on the deny list, as {@link #allow} takes them. */
    public Policy deny(String... addresses) {
        return new Policy(allowed, plus(denied, addresses), passwords, passwordFile, curveMode, curveKeys, certificates);
    }

    /** This policy with PLAIN checked against {@code passwords} (user name to password), copied. */
    public Policy plainPasswords(Map<String, String> passwords) {
        return new Policy(allowed, denied, Map.copyOf(passwords), null, curveMode, curveKeys, certificates);
    }

    /**
     * This policy with PLAIN checked against a file of {@code name=password} lines (czmq's format: {@code #}
     * comments; the password is everything after the first {@code =}), read now and again whenever it changes.
     * Throws {@link UncheckedIOException} if it cannot be read now; if it cannot be read later, PLAIN peers get
     * a temporary failure (300) until it can.
     */
    public Policy plainPasswordFile(Path file) {
        return new Policy(allowed, denied, null, new PasswordFile(file), curveMode, curveKeys, certificates);
    }

    /** This policy with every CURVE client allowed (encrypted, not authenticated: czmq's CURVE_ALLOW_ANY). */
    public Policy curveAnyClient() {
        return new Policy(allowed, denied, passwords, passwordFile, CurveMode.ANY_CLIENT, Set.of(), null);
    }

    /** This policy with the CURVE clients whose Z85 public keys are given allowed, and no others. */
    public Policy curveKeys(Collection<String> publicKeys) {
        Set<String> keys = new LinkedHashSet<>();
        for (String key : publicKeys) {
            keys.add(Certificate.ofPublicKey(key).publicKey());
        }
        return new Policy(allowed, denied, passwords, passwordFile, CurveMode.KEYS, Set.copyOf(keys), null);
    }

    /**
     * This policy with the CURVE clients that have a certificate in {@code directory} allowed, and no others; the
     * directory is read again whenever it changes ({@link CertificateStore}).
     */
    public Policy curveCertificates(Path directory) {
        return curveCertificates(CertificateStore.of(directory));
    }

    /** This policy with the CURVE clients that have a certificate in {@code store} allowed, and no others. */
    public Policy curveCertificates(CertificateStore store) {
        Objects.requireNonNull(store, "store");
        return new Policy(allowed, denied, passwords, passwordFile, CurveMode.CERTIFICATES, Set.of(), store);
    }

    /** Decides one request; the reply says why, in its detail. */
    ZapReply decide(ZapRequest request) {
        String address = canonical(request.address());
        String from = request.mechanism() + " from " + (request.address().isEmpty() ? "(no address)" : request.address());
        if (!allowed.isEmpty() && !allowed.contains(address)) {
            return ZapReply.denied("address not allowed", from + ": not on the allow list");
        }
        if (allowed.isEmpty() && denied.contains(address)) {
            return ZapReply.denied("address denied", from + ": on the deny list");
        }
        return switch (request.mechanism()) {
            case NULL -> ZapReply.allowed("", Map.of(), from);
            case PLAIN -> plain(request, from);
            case CURVE -> curve(request, from);
            case GSSAPI -> ZapReply.denied("GSSAPI not supported", from + ": GSSAPI is not supported");
        };
    }

    private ZapReply plain(ZapRequest request, String from) {
        Map<String, String> users;
        try {
            users = passwordFile != null ? passwordFile.passwords() : passwords;
        } catch (IOException e) {
            return ZapReply.temporaryFailure("passwords unavailable", from + ": cannot read the password file "
                    + passwordFile.file() + " (" + e + ")");
        }
        String user = request.username();
        String shown = "user '" + printable(user) + "'";  // a client's text goes into the log: no line breaks
        if (users == null) {
            return ZapReply.denied("PLAIN not configured", from + ": " + shown + ": no PLAIN passwords configured");
        }
        String expected = users.get(user);
        // MessageDigest.isEqual takes as long wherever the bytes differ; unknown users are compared too.
        boolean match = MessageDigest.isEqual((expected == null ? "\0unknown" : expected).getBytes(StandardCharsets.UTF_8),
                request.password());
        if (expected == null) {
            return ZapReply.denied("wrong user name or password", from + ": unknown " + shown);
        }
        if (!match) {
            return ZapReply.denied("wrong user name or password", from + ": wrong password for " + shown);
        }
        return ZapReply.allowed(user, Map.of(), from + ": " + shown);
    }

    private ZapReply curve(ZapRequest request, String from) {
        String key = request.clientKey();
        String who = from + ": client key " + key;
        return switch (curveMode) {
            case ANY_CLIENT -> ZapReply.allowed(key, Map.of(), who + " (any client allowed)");
            case KEYS -> curveKeys.contains(key) ? ZapReply.allowed(key, Map.of(), who)
                    : ZapReply.denied("unknown CURVE key", who + " is not an allowed key");
            case CERTIFICATES -> certificate(key, who);
            case NONE -> ZapReply.denied("CURVE not configured", who + ": no CURVE clients configured");
        };
    }

    private ZapReply certificate(String key, String who) {
        Certificate certificate;
        try {
            certificate = certificates.lookup(key).orElse(null);
        } catch (UncheckedIOException e) {
            return ZapReply.temporaryFailure("certificates unavailable", who + ": " + e.getMessage() + " (" + e.getCause() + ")");
        }
        if (certificate == null) {
            return ZapReply.denied("unknown CURVE key", who + " has no certificate in " + certificates.directory());
        }
        String userId = certificate.meta("user-id");
        return ZapReply.allowed(userId == null ? key : userId, certificate.metadata(),
                who + " (certificate in " + certificates.directory() + ")");
    }

    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    /** An address in canonical form, or as it is if it is not a literal IP address (ipc's {@code :uid:gid:pid}). */
    static String canonical(String address) {
        try {
            return InetAddress.ofLiteral(address).getHostAddress();
        } catch (IllegalArgumentException notAnIpAddress) {
            return address;
        }
    }

    private static Set<String> plus(Set<String> list, String... addresses) {
        Set<String> more = new LinkedHashSet<>(list);
        for (String address : addresses) {
            try {
                more.add(InetAddress.ofLiteral(address).getHostAddress());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + address + "' is not a literal IP address (host names are not looked up)");
            }
        }
        return Set.copyOf(more);
    }

    /** What the policy checks, without any password. */
    @Override
    public String toString() {
        Map<String, Object> parts = new LinkedHashMap<>();
        if (!allowed.isEmpty()) {
            parts.put("allow", allowed);
        } else if (!denied.isEmpty()) {
            parts.put("deny", denied);
        }
        parts.put("PLAIN", passwordFile != null ? "file " + passwordFile.file()
                : passwords != null ? passwords.size() + " user(s)" : "denied");
        parts.put("CURVE", switch (curveMode) {
            case NONE -> "denied";
            case ANY_CLIENT -> "any client";
            case KEYS -> curveKeys.size() + " key(s)";
            case CERTIFICATES -> "certificates in " + certificates.directory();
        });
        return "Policy" + parts;
    }
}
