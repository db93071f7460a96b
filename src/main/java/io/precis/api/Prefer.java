package io.precis.api;

/** The client's preferences (RFC 7240): whether it asks for the request to run as a job. */
final class Prefer {

    /** The header. */
    static final String HEADER = "Prefer";
    /** The header's documentation on the operations that honour it. */
    static final String DESCRIPTION = "respond-async (RFC 7240) runs the request as a job: the answer is 202"
            + " Accepted with the job's Location, to read with GET /api/v1/jobs/{jobId}. For work that takes"
            + " longer than a proxy waits (the local model takes minutes for a long article).";
    /** The preference that asks for a job. */
    static final String RESPOND_ASYNC = "respond-async";

    private Prefer() {
    }

    /**
     * Whether a {@code Prefer} header holds {@code respond-async}: preferences are comma-separated (several headers
     * arrive joined so), their names case-insensitive, and may carry a value or parameters, which this one ignores.
     */
    static boolean respondAsync(String header) {
        if (header == null) {
            return false;
        }
        for (String preference : header.split(",")) {
            String name = preference.split("[;=]", 2)[0].strip();
            if (name.equalsIgnoreCase(RESPOND_ASYNC)) {
                return true;
            }
        }
        return false;
    }
}
