package io.precis.llm;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that do the work around model calls: starting them (the prompt, the token count) and reading their
 * answers (cleaning, checks, the corrective turn). That work is all computation, so there are as many as the machine
 * has cores; a call waiting for its provider holds none, and an answer is never checked on an event loop, which
 * must not be kept from its other connections. Shared by the executor and the provider of the process; idle ones end
 * after a minute.
 */
final class Workers {

    /** Runs work around model calls, in the order it comes. */
    static final Executor CPU = pool();

    private Workers() {
    }

    private static Executor pool() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "llm-work-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
