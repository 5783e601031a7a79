package io.github.zmqffm.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ZeroMQ Property Language (ZPL, rfc.zeromq.org spec 4) as czmq reads certificates: one {@code name} or
 * {@code name = value} a line, 4 spaces of indentation a level, {@code #} comments, values quoted with
 * {@code "} or {@code '} (no escapes) or unquoted up to a comment (as czmq, so pyzmq's unquoted metadata values
 * with spaces read whole).
 */
final class Zpl {

    /** The characters ZPL allows in a name. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9$\\-_@.&+/]+");

    /** One name, its value (null if none) and the names indented under it. */
    record Node(String name, String value, List<Node> children) {

        /** The first child called {@code name}, or null. */
        Node child(String name) {
            for (Node child : children) {
                if (child.name.equals(name)) {
                    return child;
                }
            }
            return null;
        }
    }

    private Zpl() {}

    /** Parses ZPL text into its top-level nodes; {@link IllegalArgumentException} names the bad line. */
    static List<Node> parse(String text) {
        List<Node> roots = new ArrayList<>();
        List<List<Node>> levels = new ArrayList<>();  // levels.get(n): where a node at level n goes
        levels.add(roots);
        String[] lines = text.split("\r?\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1];
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            int indent = 0;
            while (line.charAt(indent) == ' ') {
                indent++;
            }
            if (line.charAt(indent) == '\t' || indent % 4 != 0 || indent / 4 >= levels.size()) {
                throw new IllegalArgumentException("line " + number + ": indent each level by 4 spaces");
            }
            Node node = node(content, number);
            int level = indent / 4;
            levels.get(level).add(node);
            levels.subList(level + 1, levels.size()).clear();
            levels.add(node.children());
        }
        return roots;
    }

    private static Node node(String content, int number) {
        int end = 0;
        while (end < content.length() && !Character.isWhitespace(content.charAt(end)) && "=#".indexOf(content.charAt(end)) < 0) {
            end++;
        }
        String name = content.substring(0, end);
        String rest = content.substring(end).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("line " + number + ": a name is expected");
        }
        if (rest.isEmpty() || rest.startsWith("#")) {
            return new Node(name, null, new ArrayList<>());
        }
        if (!rest.startsWith("=")) {
            throw new IllegalArgumentException("line " + number + ": '=' or the end of the line is expected after " + name);
        }
        return new Node(name, value(rest.substring(1).strip(), number), new ArrayList<>());
    }

    private static String value(String text, int number) {
        if (text.startsWith("\"") || text.startsWith("'")) {
            int close = text.indexOf(text.charAt(0), 1);
            if (close < 0) {
                throw new IllegalArgumentException("line " + number + ": the quoted value does not end");
            }
            String after = text.substring(close + 1).strip();
            if (!after.isEmpty() && !after.startsWith("#")) {
                throw new IllegalArgumentException("line " + number + ": text after the quoted value");
            }
            return text.substring(1, close);
        }
        int comment = text.indexOf('#');
        return (comment < 0 ? text : text.substring(0, comment)).strip();
    }

    /** {@code value} quoted for ZPL: with {@code "}, or {@code '} if it holds a {@code "}. */
    static String quote(String value) {
        return value.indexOf('"') < 0 ? "\"" + value + "\"" : "'" + value + "'";
    }

    /** Whether {@link #quote} can write {@code value}: no line break, not both quote characters. */
    static boolean isWritable(String value) {
        return value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && (value.indexOf('"') < 0 || value.indexOf('\'') < 0);
    }
}
