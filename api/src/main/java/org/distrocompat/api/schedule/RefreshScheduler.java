package org.distrocompat.api.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distrocompat.db.Database;
import org.distrocompat.db.model.RunStatus;

/**
 * Runs {@link ScheduledRefresh} every {@code every} through db-scheduler on the server's PostgreSQL (table
 * {@code scheduled_tasks}, migration V7). Every replica registers the same recurring task; the task is one row, and
 * the replica that claims it (an optimistic-locking update) runs it while the others see it taken. The running
 * replica writes a heartbeat every {@code heartbeat}; when it dies, another replica finds the heartbeat stale after
 * four missed beats and runs the task again. The next run is due {@code every} after the previous one finished.
 */
public final class RefreshScheduler implements AutoCloseable {
    static final String TASK = "distrocompat-refresh";
    private static final int MISSED_HEARTBEATS = 4;

    private final Scheduler scheduler;
    private final Duration every;
    private final String replica;
    private volatile Instant lastStarted;
    private volatile RunStatus lastStatus;

    public RefreshScheduler(Database db, ScheduledRefresh refresh, Duration every, Duration heartbeat, String replica) {
        this.every = every;
        this.replica = replica;
        RecurringTask<Void> task = Tasks.recurring(TASK, FixedDelay.of(every))
                .execute((instance, context) -> {
                    lastStarted = Instant.now();
                    lastStatus = RunStatus.RUNNING;
                    lastStatus = refresh.run(context.getExecution().executionTime);
                });
        Duration poll = heartbeat.compareTo(Duration.ofSeconds(10)) < 0 ? heartbeat : Duration.ofSeconds(10);
        this.scheduler = Scheduler.create(db.dataSource())
                .startTasks(task)
                .threads(1)
                .pollingInterval(poll)
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .schedulerName(new SchedulerName.Fixed(replica))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    public void start() {
        scheduler.start();
    }

    /** What {@code /readyz} says about the schedule on this replica. */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("every", every.toString());
        m.put("replica", replica);
        m.put("last_run_here", lastStarted == null ? null : lastStarted.toString());
        m.put("last_status_here", lastStatus == null ? null : lastStatus.dbName());
        return m;
    }

    /**
     * Stops taking new runs; a run in progress gets a few seconds to finish, after which its execution is left
     * to the heartbeat rule (another replica, or this one's next start, takes it over).
     */
    @Override
    public void close() {
        scheduler.stop();
    }
}
