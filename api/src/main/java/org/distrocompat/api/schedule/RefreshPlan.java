package org.distrocompat.api.schedule;

import java.nio.file.Path;
import java.time.Duration;
import org.distrocompat.core.refresh.RefreshJob;

/**
 * What {@code serve --refresh-every} schedules: the job (crawl or not, the mainstream configuration), where it
 * publishes its files before they go into the database, how often it runs, how often the running replica proves
 * it is alive, and this replica's name in {@code scheduled_tasks.picked_by} and {@code refresh_run.replica}.
 */
public record RefreshPlan(RefreshJob job, Path outDir, Duration every, Duration heartbeat, String replica) {
}
