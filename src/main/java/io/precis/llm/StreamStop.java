package io.precis.llm;

/**
 * How a streamed call is stopped before its first text: LangChain4j hands a stream's handle over only with its first
 * text, and a stream that sends none (a provider still thinking, or one that only sends comments) would keep its
 * connection until the deadline after its client left. The transport registers its exchange here while the caller's
 * thread starts the call ({@link #open}), and stopping resets that exchange.
 */
final class StreamStop {

    private static final ThreadLocal<StreamStop> STARTING = new ThreadLocal<>();

    private Runnable stop;
    private boolean stopped;

    private StreamStop() {
    }

    /** Starts catching the exchange a streamed call started on this thread opens, until {@link #started()}. */
    static StreamStop open() {
        StreamStop stop = new StreamStop();
        STARTING.set(stop);
        return stop;
    }

    /** The call has started: exchanges opened on this thread from now on are not this call's. */
    void started() {
        STARTING.remove();
    }

    /** Called by the transport as it opens a streamed exchange: {@code stop} gives that exchange up. */
    static void register(Runnable stop) {
        StreamStop starting = STARTING.get();
        if (starting != null) {
            starting.set(stop);
        }
    }

    private void set(Runnable action) {
        boolean already;
        synchronized (this) {
            already = stopped;
            stop = action;
        }
        if (already) {
            action.run();
        }
    }

    /** Gives the call's exchange up, now or as soon as it is registered. */
    void stop() {
        Runnable action;
        synchronized (this) {
            stopped = true;
            action = stop;
        }
        if (action != null) {
            action.run();
        }
    }
}
