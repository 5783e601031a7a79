package io.github.zmqffm;

import io.github.zmqffm.internal.Platform;
import io.github.zmqffm.lib.zmq_poller_event_t;
import io.github.zmqffm.lib.zmq_pollitem_t;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Linker;
import java.lang.foreign.StructLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The platform-dependent C layouts of each classifier, as its C compiler lays them out (gcc for Linux,
 * mingw-w64 and MSVC for Windows, clang for macOS; the cross-build smoke test prints them from C on
 * linux-aarch_64 and windows-x86_64 and compares).
 */
class NativeAbiTest {

    /** Size, then the offsets of socket, fd, events, revents; the size of fd_t; the size of C long. */
    private static void assertPollItem(String classifier, long size, long fd, long events, long revents, long fdSize,
                                       long cLong) {
        NativeAbi abi = NativeAbi.of(platform(classifier));
        StructLayout item = abi.pollItem();
        assertEquals(size, item.byteSize(), classifier + " sizeof(zmq_pollitem_t)");
        assertEquals(0, NativeAbi.offset(item, "socket"), classifier);
        assertEquals(fd, NativeAbi.offset(item, "fd"), classifier + " offsetof(fd)");
        assertEquals(events, NativeAbi.offset(item, "events"), classifier + " offsetof(events)");
        assertEquals(revents, NativeAbi.offset(item, "revents"), classifier + " offsetof(revents)");
        assertEquals(fdSize, abi.fd().byteSize(), classifier + " sizeof(fd_t)");
        assertEquals(cLong, abi.cLong().byteSize(), classifier + " sizeof(long)");
    }

    /** Size, then the offsets of fd, user_data, events. */
    private static void assertPollerEvent(String classifier, long size, long fd, long userData, long events) {
        StructLayout event = NativeAbi.of(platform(classifier)).pollerEvent();
        assertEquals(size, event.byteSize(), classifier + " sizeof(zmq_poller_event_t)");
        assertEquals(fd, NativeAbi.offset(event, "fd"), classifier);
        assertEquals(userData, NativeAbi.offset(event, "user_data"), classifier);
        assertEquals(events, NativeAbi.offset(event, "events"), classifier);
    }

    @Test
    void lp64Platforms() {
        for (String classifier : new String[] {"linux-x86_64", "linux-aarch_64", "osx-x86_64", "osx-aarch_64"}) {
            assertPollItem(classifier, 16, 8, 12, 14, 4, 8);
            assertPollerEvent(classifier, 32, 8, 16, 24);
        }
    }

    @Test
    void windowsHasA64BitSocketAndA32BitLong() {
        assertPollItem("windows-x86_64", 24, 8, 16, 18, 8, 4);
        assertPollerEvent("windows-x86_64", 32, 8, 16, 24);
        assertEquals(true, NativeAbi.of(platform("windows-x86_64")).wideFd());
    }

    @Test
    void theCurrentPlatformAgreesWithTheLinkerAndTheGeneratedStructs() {
        assertEquals(Linker.nativeLinker().canonicalLayouts().get("long").byteSize(), NativeAbi.CURRENT.cLong().byteSize());
        if (!Platform.current().os().equals("windows")) {
            // jextract generated these on linux-x86_64: they hold on every LP64 platform.
            assertEquals(zmq_pollitem_t.layout().byteSize(), NativeAbi.CURRENT.pollItem().byteSize());
            assertEquals(zmq_pollitem_t.fd$offset(), NativeAbi.offset(NativeAbi.CURRENT.pollItem(), "fd"));
            assertEquals(zmq_pollitem_t.revents$offset(), NativeAbi.offset(NativeAbi.CURRENT.pollItem(), "revents"));
            assertEquals(zmq_poller_event_t.layout().byteSize(), NativeAbi.CURRENT.pollerEvent().byteSize());
            assertEquals(zmq_poller_event_t.user_data$offset(),
                    NativeAbi.offset(NativeAbi.CURRENT.pollerEvent(), "user_data"));
            assertEquals(zmq_poller_event_t.events$offset(), NativeAbi.offset(NativeAbi.CURRENT.pollerEvent(), "events"));
        }
    }

    private static Platform platform(String classifier) {
        String[] parts = classifier.split("-", 2);
        return new Platform(parts[0], parts[1]);
    }
}
