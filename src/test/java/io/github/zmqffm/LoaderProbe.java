package io.github.zmqffm;

/** Child-JVM entry point: loads libzmq and prints what was loaded, or the loader's exception (exit 3). */
public final class LoaderProbe {

    private LoaderProbe() {}

    public static void main(String[] args) {
        try {
            LoadedLibrary library = Zmq.library();
            System.out.println("source=" + library.source());
            System.out.println("path=" + library.path());
            System.out.println("version=" + Zmq.version());
            System.out.println("missing=" + library.missing());
            library.warning().ifPresent(warning -> System.out.println("warning=" + warning));
        } catch (LibraryLoadException e) {
            System.err.println(e.getMessage());
            System.err.println("suppressed=" + e.getSuppressed().length);
            System.exit(3);
        }
    }
}
