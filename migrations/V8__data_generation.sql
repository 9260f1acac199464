-- The release data's change counter: the snapshot that check and pairings read records the generation it was
-- built from, and is rebuilt when the database's differs (a killed import or server left it behind).
-- One row per write transaction on the tables the snapshot is built from (statement-level triggers, so a COPY of
-- thousands of rows counts once); rows are only ever added, so the visible count grows with every commit and a
-- reader sees it consistent with the data in the same transaction. Inserting distinct keys takes no lock that
-- concurrent writers would wait for. A migration that adds a table the snapshot reads adds its trigger here too.
CREATE TABLE data_change (
    xid        bigint PRIMARY KEY,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO data_change (xid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['distro', 'release', 'release_arch', 'package', 'package_library', 'library',
                             'version_definition', 'library_symbol', 'imported_release_arch', 'imported_version',
                             'imported_symbol', 'imported_prefix', 'release_calendar']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION note_data_change()', t || '_changed', t);
    END LOOP;
END
$$;
