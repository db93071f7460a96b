package io.precis.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls work off once nobody waits for it any more: a streaming client that disconnected was the last one. Work in
 * progress registers how to stop (interrupt a model call, leave a chunk's computation); cancelling runs those hooks
 * once, and hooks registered afterwards run at once.
 */
public final class Cancellation {

    private final List<Runnable> hooks = new ArrayList<>();
    private boolean cancelled;

    /** Runs {@code hook} when the work is cancelled, or now if it already is. */
    public void onCancel(Runnable hook) {
        synchronized (this) {
            if (!cancelled) {
                hooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    /** Whether the work was called off. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Calls the work off: runs every hook, once. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(hooks);
            hooks.clear();
        }
        toRun.forEach(Runnable::run);
    }
}
