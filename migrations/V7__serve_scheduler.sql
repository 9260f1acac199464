-- distrocompat serve: the persistent, cluster-aware scheduler of the refresh job and what the runs publish.
-- Several server replicas share one PostgreSQL: db-scheduler keeps each scheduled task as one row that a
-- replica claims (picked, picked_by, version for optimistic locking) and keeps alive (last_heartbeat), so each
-- run happens once and a run whose replica died is taken over. The table is db-scheduler's PostgreSQL schema
-- for its 16.x line; a later version that needs more columns gets a migration of its own.
CREATE TABLE scheduled_tasks (
    task_name            text NOT NULL,
    task_instance        text NOT NULL,
    task_data            bytea,
    execution_time       timestamptz NOT NULL,
    picked               boolean NOT NULL,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- One row per execution of the scheduled refresh: which replica ran it, for which scheduled time, how it ended.
-- A run whose replica died stays 'running' until the next run marks it 'interrupted'.
CREATE TABLE refresh_run (
    id            bigserial PRIMARY KEY,
    scheduled_for timestamptz NOT NULL,
    replica       text NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    status        text NOT NULL DEFAULT 'running'
                  CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'interrupted')),
    message       text
);
CREATE INDEX refresh_run_started ON refresh_run (started_at);

-- The files a refresh publishes (manylinux-policy.json, its .diff, ...), so that every replica serves the same
-- bytes whichever replica ran the refresh.
CREATE TABLE published_file (
    name           text PRIMARY KEY,
    content        bytea NOT NULL,
    sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    published_at   timestamptz NOT NULL DEFAULT now(),
    refresh_run_id bigint REFERENCES refresh_run ON DELETE SET NULL
);
