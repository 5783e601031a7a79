package io.github.zmqffm.auth;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policy decisions on requests made by hand, and the password file format. */
class PolicyTest {

    @Test
    void addressesAreComparedInCanonicalForm() {
        Policy policy = Policy.create().deny("::1", "127.0.0.2");
        assertEquals(400, policy.decide(nullFrom("0:0:0:0:0:0:0:1")).status());
        assertEquals(400, policy.decide(nullFrom("::ffff:127.0.0.2")).status());
        assertEquals(200, policy.decide(nullFrom("127.0.0.1")).status());
        assertEquals(200, policy.decide(nullFrom(":0:0:1234")).status(), "an ipc peer is never on an IP list");
        assertEquals(400, Policy.create().allow("127.0.0.1").decide(nullFrom(":0:0:1234")).status());
    }

    @Test
    void hostNamesAreNotAddresses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policy.create().allow("localhost"));
        assertTrue(e.getMessage().contains("not a literal IP address"), e.getMessage());
    }

    @Test
    void passwordLinesAreReadAsCzmqReadsThem() {
        Map<String, String> passwords = PasswordFile.parse(List.of("# comment", "admin=se=cret", "=nameless", "no equals",
                "", "spaced = pass word \r", "empty="));
        assertEquals(Map.of("admin", "se=cret", "spaced ", " pass word ", "empty", ""), passwords);
    }

    @Test
    void describesItselfWithoutPasswords() {
        String text = Policy.create().allow("10.0.0.1").plainPasswords(Map.of("admin", "hunter2")).curveAnyClient().toString();
        assertEquals("Policy{allow=[10.0.0.1], PLAIN=1 user(s), CURVE=any client}", text);
        assertFalse(text.contains("hunter2"));
    }

    private static ZapRequest nullFrom(String address) {
        return new ZapRequest("1.0", new byte[] {'1'}, "", address, Mechanism.NULL, List.of());
    }
}
