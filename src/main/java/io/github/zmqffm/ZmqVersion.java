package io.github.zmqffm;

/**
 * A libzmq version, as {@code zmq_version()} reports it.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch level
 */
public record ZmqVersion(int major, int minor, int patch) implements Comparable<ZmqVersion> {

    /** Parses {@code "4.3.4"}. */
    public static ZmqVersion parse(String text) {
        String[] parts = text.strip().split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a major.minor.patch version: " + text);
        }
        return new ZmqVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    @Override
    public int compareTo(ZmqVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
