-- The release calendar: per distro release cycle, when it was released and until when it is supported, as two
-- sources publish it (distro-info-data's CSVs for Debian and Ubuntu, endoflife.date's product files for every
-- distro). Rows are keyed by the calendar's own names (distro id, cycle); the mapping to stored releases is made
-- when reading, so a calendar entry for a release not (yet) stored waits for it.
CREATE TABLE release_calendar (
    id             serial PRIMARY KEY,
    distro         text NOT NULL CHECK (distro = lower(distro)),  -- the stored distro id (debian, rhubi, ...)
    cycle          text NOT NULL,                                   -- "12", "24.04", "15.6"
    source         text NOT NULL CHECK (source IN ('distro-info', 'endoflife')),
    codename       text,
    lts            boolean NOT NULL DEFAULT false,
    release_date   date,               -- null: announced, not released yet
    support_end    date,               -- end of standard (security) support; null: no end announced
    lts_end        date,               -- free long-term support that still counts as supported (Debian LTS)
    extended_end   date,               -- paid or limited extended support (Debian ELTS, Ubuntu ESM, RHEL ELS)
    extended_label text,               -- what that extension is called: ELTS, ESM, ELS, ...
    location       text NOT NULL,      -- the file read
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (distro, cycle, source)
);

-- Every change of a stored calendar date: the old value stays readable.
CREATE TABLE release_calendar_change (
    id          bigserial PRIMARY KEY,
    calendar_id integer NOT NULL REFERENCES release_calendar ON DELETE CASCADE,
    field       text NOT NULL,
    old_value   text,
    new_value   text,
    location    text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX release_calendar_change_calendar ON release_calendar_change (calendar_id);

-- A crawl that found a new package version no longer defining a version name the previous one defined
-- (a dropped symbol version breaks binaries that were built against it): a warning of that run.
CREATE TABLE version_drop (
    id              bigserial PRIMARY KEY,
    crawl_run_id    bigint NOT NULL REFERENCES crawl_run ON DELETE CASCADE,
    release_arch_id integer NOT NULL REFERENCES release_arch ON DELETE CASCADE,
    package_name    text NOT NULL,
    old_version     text NOT NULL,
    new_version     text NOT NULL,
    dropped         text[] NOT NULL,
    found_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX version_drop_cell ON version_drop (release_arch_id);
