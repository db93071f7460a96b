package io.precis.metering;

import io.precis.task.Caller;
import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the request being served, as the API guard identified it. Resources read it on the request's own
 * thread and pass it on explicitly: work that continues on other threads is given its caller, never looks it up.
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    /** Records who calls; set once, by the guard, before the request reaches a resource. */
    public void set(Caller caller) {
        this.caller = caller;
    }

    /**
     * Who calls.
     *
     * @throws IllegalStateException outside a request the guard admitted, which would be a bug
     */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("No caller: the request did not pass the API guard");
        }
        return caller;
    }
}
