package io.precis.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Jobs in Redis, shared by every replica. Each change that reads and writes more than one key is one Lua script, so
 * two replicas never both claim a job or both let an owner past its limit.
 *
 * <p>Keys: the document {@code precis:job:v1:<id>} (expiring), its lease {@code …:<id>:lease} and cancel request
 * {@code …:<id>:cancel}; the queue {@code precis:jobs:v1:queued} and the started jobs {@code precis:jobs:v1:running}
 * (sorted sets); and each owner's unfinished jobs {@code precis:jobs:v1:active:<owner>} (a set).
 */
final class RedisJobStore implements JobStore {

    private static final Logger LOG = Logger.getLogger(RedisJobStore.class);
    private static final String DOC = "precis:job:v1:";
    private static final String QUEUED = "precis:jobs:v1:queued";
    private static final String RUNNING = "precis:jobs:v1:running";
    private static final String ACTIVE = "precis:jobs:v1:active:";

    /** KEYS: document, queue, owner's set. ARGV: id, document, keep ms, most active, score, document prefix. */
    private static final String CREATE = """
            local live = 0
            for _, member in ipairs(redis.call('SMEMBERS', KEYS[3])) do
              if redis.call('EXISTS', ARGV[6] .. member) == 1 then live = live + 1
              else redis.call('SREM', KEYS[3], member) end
            end
            if live >= tonumber(ARGV[4]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[1])
            redis.call('PEXPIRE', KEYS[3], ARGV[3])
            return 1""";

    /** KEYS: queue, running. ARGV: runner, lease ms, document prefix. */
    private static final String CLAIM_NEXT = """
            for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
              if redis.call('EXISTS', ARGV[3] .. id) == 0 then redis.call('ZREM', KEYS[2], id)
              elseif redis.call('SET', ARGV[3] .. id .. ':lease', ARGV[1], 'NX', 'PX', ARGV[2]) then return id end
            end
            while true do
              local first = redis.call('ZRANGE', KEYS[1], 0, 0)
              if #first == 0 then return false end
              local id = first[1]
              redis.call('ZREM', KEYS[1], id)
              if redis.call('EXISTS', ARGV[3] .. id) == 1 then
                redis.call('ZADD', KEYS[2], 0, id)
                redis.call('SET', ARGV[3] .. id .. ':lease', ARGV[1], 'PX', ARGV[2])
                return id
              end
            end""";

    /** KEYS: queue, running, lease. ARGV: id, runner, lease ms. */
    private static final String CLAIM = """
            if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('ZADD', KEYS[2], 0, ARGV[1])
            redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
            return 1""";

    /** KEYS: lease. ARGV: runner, lease ms. A lapsed lease nobody took is the runner's again. */
    private static final String RENEW = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if not holder then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0""";

    /** KEYS: lease, document. ARGV: runner, document, keep ms. */
    private static final String SAVE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            return 1""";

    /**
     * KEYS: lease, document, queue, running, owner's set, cancel. ARGV: runner ('' for none), document, keep ms, id.
     * Refused when another runner holds the lease, or when the job has finished already (a runner that stalled must
     * not overwrite what the one that took over wrote).
     */
    private static final String FINISH = """
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] then return 0 end
            local current = redis.call('GET', KEYS[2])
            if current then
              local status = cjson.decode(current)['status']
              if status == 'succeeded' or status == 'failed' or status == 'cancelled' then return 0 end
            end
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            redis.call('ZREM', KEYS[3], ARGV[4])
            redis.call('ZREM', KEYS[4], ARGV[4])
            redis.call('SREM', KEYS[5], ARGV[4])
            redis.call('DEL', KEYS[1], KEYS[6])
            return 1""";

    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final ObjectReader documents;

    RedisJobStore(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
        // A document written by a newer replica during a rolling deploy may carry a field this one does not know.
        this.documents = json.readerFor(Job.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public boolean create(Job job, int maxActive, Duration keep) {
        return isOne(command(() -> redis.execute("EVAL", CREATE, "3", DOC + job.id(), QUEUED,
                ACTIVE + job.ownerId(), job.id(), write(job), millis(keep), Integer.toString(maxActive),
                Long.toString(job.createdAt().toEpochMilli()), DOC)));
    }

    @Override
    public int unfinished(String ownerId) {
        Response count = command(() -> redis.execute("SCARD", ACTIVE + ownerId));
        return count == null ? 0 : count.toInteger();
    }

    @Override
    public Optional<Job> get(String id) {
        Response found = command(() -> redis.execute("GET", DOC + id));
        if (found == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(documents.readValue(found.toString()));
        } catch (JsonProcessingException e) {
            LOG.warnf("Job %s is stored in a form this replica cannot read; treating it as absent", id);
            return Optional.empty();
        }
    }

    @Override
    public boolean save(Job job, String runner, Duration lease, Duration keep) {
        return isOne(command(() -> redis.execute("EVAL", SAVE, "2", DOC + job.id() + ":lease", DOC + job.id(),
                runner, write(job), millis(keep))));
    }

    @Override
    public Optional<String> claimNext(String runner, Duration lease) {
        Response claimed = command(() -> redis.execute("EVAL", CLAIM_NEXT, "2", QUEUED, RUNNING, runner,
                millis(lease), DOC));
        return claimed == null ? Optional.empty() : Optional.of(claimed.toString());
    }

    @Override
    public boolean claim(String id, String runner, Duration lease) {
        return isOne(command(() -> redis.execute("EVAL", CLAIM, "3", QUEUED, RUNNING, DOC + id + ":lease", id,
                runner, millis(lease))));
    }

    @Override
    public boolean renew(String id, String runner, Duration lease) {
        return isOne(command(() -> redis.execute("EVAL", RENEW, "1", DOC + id + ":lease", runner, millis(lease))));
    }

    @Override
    public boolean finish(Job job, String runner, Duration keep) {
        return isOne(command(() -> redis.execute("EVAL", FINISH, "6", DOC + job.id() + ":lease", DOC + job.id(),
                QUEUED, RUNNING, ACTIVE + job.ownerId(), DOC + job.id() + ":cancel", runner == null ? "" : runner,
                write(job), millis(keep), job.id())));
    }

    @Override
    public boolean dequeue(String id) {
        return isOne(command(() -> redis.execute("ZREM", QUEUED, id)));
    }

    @Override
    public void requestCancel(String id, Duration keep) {
        command(() -> redis.execute("SET", DOC + id + ":cancel", "1", "PX", millis(keep)));
    }

    @Override
    public boolean cancelRequested(String id) {
        return isOne(command(() -> redis.execute("EXISTS", DOC + id + ":cancel")));
    }

    @Override
    public Optional<Integer> queuedAhead(String id) {
        Response rank = command(() -> redis.execute("ZRANK", QUEUED, id));
        return rank == null ? Optional.empty() : Optional.of(rank.toInteger());
    }

    @Override
    public void clear() {
        for (String pattern : new String[] {DOC + "*", "precis:jobs:v1:*"}) {
            redis.key().keys(pattern).forEach(key -> redis.key().del(key));
        }
    }

    /**
     * A Redis command; a Redis that does not answer makes the job service unavailable for now, since jobs, unlike
     * cached results, exist nowhere else.
     */
    private static Response command(Supplier<Response> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            LOG.warnf("Redis did not take a job command: %s", e.toString());
            throw new ServiceException(Failure.OVERLOADED, "The job store (Redis) is not answering; retry shortly.",
                    Duration.ofSeconds(5));
        }
    }

    private String write(Job job) {
        try {
            return json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A job document could not be written as JSON", e);
        }
    }

    private static boolean isOne(Response answer) {
        return answer != null && answer.toInteger() == 1;
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.max(1, duration.toMillis()));
    }
}
