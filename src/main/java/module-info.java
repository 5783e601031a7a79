/**
 * zmq-ffm: ZeroMQ for Java over the native libzmq, through the Foreign Function &amp; Memory API.
 *
 * <p>The module exports the API ({@link io.github.zmqffm}), the proxies ({@link io.github.zmqffm.proxy}) and
 * ZAP authentication with certificates ({@link io.github.zmqffm.auth}) only.
 * The loader, the hand-linked calls and the jextract bindings stay inside: the restricted FFM calls that reach
 * libzmq are made by this module, so only this module needs native access, and no other module can call libzmq
 * raw through it. Run with {@code --enable-native-access=io.github.zmqffm} on the module path
 * ({@code ALL-UNNAMED} on the class path). The native library comes from a classifier jar such as
 * {@code zmq-ffm-<version>-linux-x86_64.jar}, on the module path or the class path.
 */
module io.github.zmqffm {
    exports io.github.zmqffm;
    exports io.github.zmqffm.proxy;
    exports io.github.zmqffm.auth;
}
