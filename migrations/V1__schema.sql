-- distrocompat schema v1.
-- This directory is the only definition of the schema; released migrations never change.
-- Every table that a load writes has a natural key, so re-running any crawl or import is idempotent.

-- Where data comes from: a mirror that was crawled, or a dataset that was imported.
CREATE TABLE source (
    id          serial PRIMARY KEY,
    provenance  text NOT NULL CHECK (provenance IN ('crawled', 'imported')),
    name        text NOT NULL,          -- 'debian', 'ubuntu', 'pep600_compliance', ...
    location    text NOT NULL,          -- mirror URL or dataset directory
    UNIQUE (provenance, name, location)
);

-- One crawl or import: when, what, how it went.
CREATE TABLE crawl_run (
    id               bigserial PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('crawl', 'import')),
    arguments        text,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    status           text NOT NULL DEFAULT 'running'
                     CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'interrupted')),
    cells_updated    integer NOT NULL DEFAULT 0,
    cells_unchanged  integer NOT NULL DEFAULT 0,
    cells_failed     integer NOT NULL DEFAULT 0,
    requests         integer NOT NULL DEFAULT 0,
    bytes_downloaded bigint  NOT NULL DEFAULT 0
);

CREATE TABLE crawl_error (
    id           bigserial PRIMARY KEY,
    crawl_run_id bigint NOT NULL REFERENCES crawl_run ON DELETE CASCADE,
    at           timestamptz NOT NULL DEFAULT now(),
    scope        text,                  -- e.g. 'debian trixie s390x'
    url          text,
    message      text NOT NULL
);
CREATE INDEX crawl_error_run ON crawl_error (crawl_run_id);

CREATE TABLE distro (
    id           serial PRIMARY KEY,
    name         text NOT NULL UNIQUE CHECK (name = lower(name)),   -- debian, ubuntu, centos, ...
    display_name text NOT NULL                                     -- Debian, Ubuntu, CentOS, ...
);

-- Release identity is (distro, version): "12", "22.04", "7", or a moving suite's name ("testing", "unstable").
CREATE TABLE release (
    id           serial PRIMARY KEY,
    distro_id    integer NOT NULL REFERENCES distro,
    version      text NOT NULL,
    codename     text,
    status       text NOT NULL DEFAULT 'supported'
                 CHECK (status IN ('supported', 'eol', 'rolling', 'devel', 'unknown')),
    libc         text NOT NULL DEFAULT 'glibc' CHECK (libc IN ('glibc', 'musl')),
    libc_version text,                  -- glibc "2.36" or musl "1.2.4"
    release_date date,
    eol_date     date,
    suite_date   timestamptz,           -- Date of the archive's signed Release file, when crawled
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (distro_id, version)
);

-- A release on one architecture, named as wheels name it.
CREATE TABLE release_arch (
    id                  serial PRIMARY KEY,
    release_id          integer NOT NULL REFERENCES release ON DELETE CASCADE,
    arch                text NOT NULL CHECK (arch IN ('x86_64', 'i686', 'aarch64', 'armv7l', 'ppc64le',
                                                      'ppc64', 's390x', 'riscv64', 'loongarch64')),
    -- crawl state, so that an unchanged archive costs no further requests
    source_id           integer REFERENCES source,
    release_file_sha256 text,           -- the signed Release/InRelease seen at the last complete crawl
    packages_sha256     text,           -- the Packages index seen at the last complete crawl
    crawled_at          timestamptz,
    crawl_run_id        bigint REFERENCES crawl_run,
    UNIQUE (release_id, arch)
);

-- A package as observed in a release x arch. History: a replaced version keeps its row with
-- current = false and the time window in which it was listed.
CREATE TABLE package (
    id                 bigserial PRIMARY KEY,
    release_arch_id    integer NOT NULL REFERENCES release_arch ON DELETE CASCADE,
    source_id          integer REFERENCES source,
    name               text NOT NULL,
    version            text NOT NULL,
    source_name        text,
    source_version     text,
    sha256             text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size               bigint,
    url                text,
    first_seen         timestamptz NOT NULL DEFAULT now(),
    last_seen          timestamptz NOT NULL DEFAULT now(),
    current            boolean NOT NULL DEFAULT true,
    first_crawl_run_id bigint REFERENCES crawl_run,
    last_crawl_run_id  bigint REFERENCES crawl_run,
    UNIQUE (release_arch_id, name, sha256)
);
CREATE INDEX package_current ON package (release_arch_id) WHERE current;

-- A shared library, content-addressed: the same file in several suites is stored once.
CREATE TABLE library (
    id       bigserial PRIMARY KEY,
    sha256   text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    soname   text,                      -- DT_SONAME, when the file has one
    size     bigint NOT NULL,
    machine  integer NOT NULL,          -- e_machine
    arch     text NOT NULL              -- the wheel arch the ELF header means
);

-- Which libraries a package ships, under which path and under which name the loader finds them
-- (libc.so.6 -> libc-2.31.so: path is the real file, soname the name looked up).
CREATE TABLE package_library (
    package_id bigint  NOT NULL REFERENCES package ON DELETE CASCADE,
    library_id bigint  NOT NULL REFERENCES library,
    path       text    NOT NULL,
    soname     text    NOT NULL,
    PRIMARY KEY (package_id, soname)
);
CREATE INDEX package_library_library ON package_library (library_id);

-- Every entry of .gnu.version_d, exactly as named, numeric or not.
CREATE TABLE version_definition (
    library_id bigint  NOT NULL REFERENCES library ON DELETE CASCADE,
    idx        integer NOT NULL,        -- vd_ndx
    name       text    NOT NULL,        -- GLIBC_2.17, GLIBCXX_3.4.22, GLIBC_PRIVATE, libc.so.6 (base)
    flags      integer NOT NULL,
    is_base    boolean NOT NULL,
    -- auditwheel's split: the prefix is the text before the first '_', the version the rest
    prefix     text GENERATED ALWAYS AS (split_part(name, '_', 1)) STORED,
    version    text GENERATED ALWAYS AS (substr(name, strpos(name, '_') + 1)) STORED,
    PRIMARY KEY (library_id, idx)
);
CREATE INDEX version_definition_name ON version_definition (name);

-- Exported (defined, non-local) dynamic symbols with the version they are bound to.
CREATE TABLE library_symbol (
    library_id bigint  NOT NULL REFERENCES library ON DELETE CASCADE,
    name       text    NOT NULL,
    version    text    NOT NULL DEFAULT '',     -- '' when unversioned
    hidden     boolean NOT NULL,                -- name@VERSION (true) vs name@@VERSION (false)
    type       text    NOT NULL,
    binding    text    NOT NULL,
    PRIMARY KEY (library_id, name, version)
);

-- Imported datasets (e.g. pep600_compliance records) carry version sets per prefix, not per library.
CREATE TABLE imported_release_arch (
    release_arch_id integer NOT NULL REFERENCES release_arch ON DELETE CASCADE,
    source_id       integer NOT NULL REFERENCES source,
    glibc_version   text,
    record_sha256   text NOT NULL,      -- of the imported record, so an unchanged re-import is a no-op
    record_path     text,
    crawl_run_id    bigint REFERENCES crawl_run,
    imported_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (release_arch_id, source_id)
);

CREATE TABLE imported_version (
    release_arch_id integer NOT NULL,
    source_id       integer NOT NULL,
    name            text    NOT NULL,   -- full name: prefix '_' version, e.g. GLIBCXX_3.4.22
    prefix          text GENERATED ALWAYS AS (split_part(name, '_', 1)) STORED,
    version         text GENERATED ALWAYS AS (substr(name, strpos(name, '_') + 1)) STORED,
    PRIMARY KEY (release_arch_id, source_id, name),
    FOREIGN KEY (release_arch_id, source_id) REFERENCES imported_release_arch ON DELETE CASCADE
);

CREATE TABLE imported_symbol (
    release_arch_id integer NOT NULL,
    source_id       integer NOT NULL,
    soname          text    NOT NULL,   -- e.g. libz.so.1
    name            text    NOT NULL,
    PRIMARY KEY (release_arch_id, source_id, soname, name),
    FOREIGN KEY (release_arch_id, source_id) REFERENCES imported_release_arch ON DELETE CASCADE
);

-- Whether a cell has crawled data: crawled data wins over imported data for the same release x arch.
CREATE VIEW release_arch_provenance AS
SELECT ra.id AS release_arch_id,
       CASE WHEN EXISTS (SELECT 1 FROM package p WHERE p.release_arch_id = ra.id AND p.current) THEN 'crawled'
            WHEN EXISTS (SELECT 1 FROM imported_release_arch i WHERE i.release_arch_id = ra.id) THEN 'imported'
       END AS provenance
FROM release_arch ra;

-- The effective version definitions of every release x arch: the current crawled libraries where
-- the cell was crawled, else the imported sets (soname NULL: imported data is per prefix only).
CREATE VIEW effective_version AS
SELECT p.release_arch_id, pl.soname, vd.name, vd.prefix, vd.version, 'crawled'::text AS provenance
FROM package p
JOIN package_library pl ON pl.package_id = p.id
JOIN version_definition vd ON vd.library_id = pl.library_id AND NOT vd.is_base
WHERE p.current
UNION ALL
SELECT iv.release_arch_id, NULL, iv.name, iv.prefix, iv.version, 'imported'
FROM imported_version iv
WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.release_arch_id = iv.release_arch_id AND p.current);
