package io.github.zmqffm.snippets;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.proxy.Device;
import io.github.zmqffm.proxy.DeviceType;
import io.github.zmqffm.proxy.RunningProxy;
import io.github.zmqffm.proxy.SocketSpec;

import java.lang.foreign.ValueLayout;

/**
 * The {@code {@snippet}} examples of the javadoc (javadoc's {@code --snippet-path} is src/test/java): compiled with
 * the tests, and run by {@link SnippetsTest}, which checks what they print.
 */
final class ApiSnippets {

    private ApiSnippets() {}

    static void requestReply() {
        // @start region="request-reply"
        try (Context context = new Context();
             Socket server = context.socket(SocketType.REP);
             Socket client = context.socket(SocketType.REQ)) {
            String endpoint = server.bind("tcp://127.0.0.1:*");   // returns the port the system chose
            client.connect(endpoint);
            client.send("Hello");
            System.out.println("server got " + server.recvString());
            server.send("World");
            System.out.println("client got " + client.recvString());
        }
        // @end
    }

    static void zeroCopy() {
        // @start region="zero-copy"
        try (Context context = new Context();
             Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH);
             Msg out = Msg.allocate(8);
             Msg in = new Msg()) {
            push.connect(pull.bind("inproc://zero-copy"));
            out.data().set(ValueLayout.JAVA_LONG, 0, 42L);      // written in place, in libzmq's message
            push.send(out);
            pull.recv(in);                                      // in.data() is a view of libzmq's memory
            System.out.println("received " + in.data().get(ValueLayout.JAVA_LONG, 0));
        }
        // @end
    }

    static void queueDevice() {
        // @start region="queue-device"
        try (Context context = new Context();
             RunningProxy queue = Device.start(context, DeviceType.QUEUE,
                     SocketSpec.of(SocketType.ROUTER, "@inproc://clients"),
                     SocketSpec.of(SocketType.DEALER, "@inproc://workers"));
             Socket worker = context.socket(SocketType.REP);
             Socket client = context.socket(SocketType.REQ)) {
            worker.connect(queue.backendEndpoint());
            client.connect(queue.frontendEndpoint());
            client.send("job");
            worker.send(worker.recvString() + " done");
            System.out.println("client got " + client.recvString());
        }
        // @end
    }
}
