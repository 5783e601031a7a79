package io.github.zmqffm.soak;

/**
 * What one pipe of the soak delivered: messages sent and received (checked), and what went wrong. For REQ/REP a
 * round trip is two messages, the request (checked by the REP) and the reply (checked by the REQ).
 */
record PipeResult(String name, long sent, long received, long lost, long duplicated, long reordered, String error) {

    /** One JSON object. */
    String json() {
        return "{\"name\":\"" + name + "\",\"sent\":" + sent + ",\"received\":" + received + ",\"lost\":" + lost
                + ",\"duplicated\":" + duplicated + ",\"reordered\":" + reordered + ",\"error\":"
                + (error == null ? "null" : "\"" + error.replace("\\", "\\\\").replace("\"", "'") + "\"") + "}";
    }
}
