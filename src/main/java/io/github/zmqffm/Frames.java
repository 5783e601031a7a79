package io.github.zmqffm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The frames of one multipart message, in order. Immutable. */
public final class Frames implements Iterable<byte[]> {

    private final List<byte[]> frames;

    Frames(List<byte[]> frames) {
        this.frames = List.copyOf(frames);
    }

    /** Frames from byte arrays. */
    public static Frames of(byte[]... frames) {
        return new Frames(List.of(frames));
    }

    /** Frames from strings, each encoded as UTF-8. */
    public static Frames ofStrings(String... frames) {
        List<byte[]> list = new ArrayList<>(frames.length);
        for (String frame : frames) {
            list.add(frame.getBytes(StandardCharsets.UTF_8));
        }
        return new Frames(list);
    }

    /** The number of frames. */
    public int size() {
        return frames.size();
    }

    /** Frame {@code index} (the array itself, not a copy). */
    public byte[] get(int index) {
        return frames.get(index);
    }

    /** Frame {@code index} decoded as UTF-8. */
    public String getString(int index) {
        return new String(frames.get(index), StandardCharsets.UTF_8);
    }

    /** The frames as an unmodifiable list. */
    public List<byte[]> asList() {
        return frames;
    }

    @Override
    public Iterator<byte[]> iterator() {
        return frames.iterator();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Frames[");
        for (int i = 0; i < frames.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(frames.get(i).length).append(" B");
        }
        return text.append(']').toString();
    }
}
