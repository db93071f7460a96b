package io.precis.llm;

import io.opentelemetry.context.Context;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that do the work after model calls: reading their answers (cleaning, checks, the corrective turn), and
 * what their callers do next (storing the result, the next chunk of a long article, a stand-in summary when the model
 * failed). None of it is done on an event loop, which must not be kept from its other connections, nor on a timer's
 * thread. The work is computation, with at most a short wait for
 * the cache, so there are twice as many threads as cores; a call waiting for its provider holds none. Work carries
 * the trace context of whoever handed it over. Shared by the executor and the provider of the process; idle threads
 * end after a minute.
 */
final class Workers {

    private static final ThreadGroup GROUP = new ThreadGroup("llm-work");
    private static final Executor POOL = pool();

    /** Runs work around model calls, in the order it comes, in the context of whoever handed it over. */
    static final Executor CPU = Context.taskWrapping(POOL);

    private Workers() {
    }

    /** Whether the calling thread is one of these. */
    static boolean onWorker() {
        return Thread.currentThread().getThreadGroup() == GROUP;
    }

    private static Executor pool() {
        int threads = 2 * Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(GROUP, task, "llm-work-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
