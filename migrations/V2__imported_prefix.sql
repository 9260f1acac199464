-- Which prefixes an imported record covers. A record that lists a prefix with no versions ("LIBATOMIC": [])
-- says the release has none; a record that does not list the prefix at all says nothing about it (older
-- pep600_compliance records predate LIBATOMIC). imported_version alone cannot tell these apart.
CREATE TABLE imported_prefix (
    release_arch_id integer NOT NULL,
    source_id       integer NOT NULL,
    prefix          text    NOT NULL,
    PRIMARY KEY (release_arch_id, source_id, prefix),
    FOREIGN KEY (release_arch_id, source_id) REFERENCES imported_release_arch ON DELETE CASCADE
);
