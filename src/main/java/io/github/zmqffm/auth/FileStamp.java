package io.github.zmqffm.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a file, or the files of a directory, looked like: path, size, modification time and file key each. Two
 * equal stamps mean nothing worth reloading changed (as czmq's zcertstore and zhashx_refresh decide), at the
 * cost of a directory listing instead of reading every file.
 *
 * @param entries the files, sorted by name
 */
record FileStamp(List<Entry> entries) {

    /**
     * One file. Links are followed: a file replaced behind a symbolic link (as Kubernetes mounts do) is a change.
     *
     * @param file     the path
     * @param size     its size in bytes
     * @param modified its modification time
     * @param key      its identity (device and inode on Linux), or null
     */
    record Entry(Path file, long size, FileTime modified, Object key) {}

    /** The stamp of one file; a missing file throws {@link NoSuchFileException}. */
    static FileStamp ofFile(Path file) throws IOException {
        return new FileStamp(List.of(entry(file)));
    }

    /**
     * The stamp of the regular files in {@code directory} that {@code wanted} accepts; an absent directory has an
     * empty stamp, a path that is not a directory throws {@link NotDirectoryException}.
     */
    static FileStamp ofDirectory(Path directory, Predicate<Path> wanted) throws IOException {
        if (!Files.exists(directory)) {
            return new FileStamp(List.of());
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(wanted).sorted(Comparator.comparing(Path::toString)).toList()) {
                try {
                    if (Files.isRegularFile(file)) {
                        entries.add(entry(file));
                    }
                } catch (NoSuchFileException removedMeanwhile) {
                    // gone between the listing and the look at it: not there
                }
            }
        }
        return new FileStamp(List.copyOf(entries));
    }

    private static Entry entry(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new Entry(file, attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    }
}
