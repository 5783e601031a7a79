package io.github.zmqffm.tools.perf;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.ZmqException;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * What the six tools share: libzmq's error handling (print the error to standard output, exit with the C
 * tools' {@code return -1}, i.e. 255), the size check, and the CURVE keys of {@code local_thr.cpp} and
 * {@code remote_thr.cpp}.
 */
abstract class PerfTool implements Callable<Integer> {

    /** {@code main}'s {@code return -1} as a process exit code. */
    static final int FAILED = 255;
    static final String SERVER_SECRET = "{X}#>t#jRGaQ}gMhv=30r(Mw+87YGs+5%kh=i@f8";
    static final String SERVER_PUBLIC = "DX4nh=yUn{-9ugra0X3Src4SU-4xTgqxcYY.+<SH";
    static final String CLIENT_PUBLIC = "<n^oA}I:66W+*ds3tAmi1+KJzv-}k&fC2aA5Bj0K";
    static final String CLIENT_SECRET = "9R9bV}[6z6DC-%$!jTVTKvWc=LEL{4i4gzUe$@Zx";

    final PrintStream out = System.out;

    /** The measurement; throws {@link ZmqException} or {@link WrongSize} like the C tools' error paths. */
    abstract void measure() throws InterruptedException;

    @Override
    public final Integer call() throws InterruptedException {
        try {
            measure();
            return 0;
        } catch (ZmqException e) {
            out.println("error in " + e.getMessage());
            return FAILED;
        } catch (WrongSize e) {
            out.println("message of incorrect size received");
            return FAILED;
        }
    }

    /** Fails unless a received message has the expected size, as every C tool checks. */
    static void checkSize(int received, long expected) {
        if (received != expected) {
            throw new WrongSize();
        }
    }

    static void curveServer(Socket socket) {
        socket.set(SocketOption.CURVE_SECRETKEY, SERVER_SECRET);
        socket.set(SocketOption.CURVE_SERVER, true);
    }

    static void curveClient(Socket socket) {
        socket.set(SocketOption.CURVE_SECRETKEY, CLIENT_SECRET);
        socket.set(SocketOption.CURVE_PUBLICKEY, CLIENT_PUBLIC);
        socket.set(SocketOption.CURVE_SERVERKEY, SERVER_PUBLIC);
    }

    /** "message of incorrect size received". */
    static final class WrongSize extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongSize() {
            super("message of incorrect size received", null, false, false);
        }
    }
}
