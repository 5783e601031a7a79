package io.github.zmqffm;

/**
 * zmq-ffm's own restricted methods: like the JDK's ({@code MemorySegment.reinterpret}, {@code Linker}), they let
 * the caller hand raw addresses to libzmq that nothing can check, so they require native access for the calling
 * module ({@code --enable-native-access=<module>} or {@code ALL-UNNAMED} on the class path).
 */
final class Restricted {

    /** Finds the class that called a restricted method: call {@code WALKER.getCallerClass()} in that method. */
    static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Restricted() {}

    /** Throws {@link IllegalCallerException} unless {@code caller}'s module has native access. */
    static void ensureNativeAccess(Class<?> caller, String method) {
        Module module = caller.getModule();
        if (!module.isNativeAccessEnabled()) {
            String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            throw new IllegalCallerException(method + " is a restricted method: the caller vouches for a raw"
                    + " address, so its module needs native access (--enable-native-access=" + name + ")");
        }
    }
}
