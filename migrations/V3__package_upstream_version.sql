-- The upstream version of a package and of its source package, as the source adapter reads its archive's
-- version syntax (Debian "2.36-9+deb12u4" and RPM "2.34-100.el9" both mean glibc 2.36 / 2.34). Stored so that
-- readers (pairings: which gcc built libstdc++) never parse a distro's version syntax themselves.
ALTER TABLE package ADD COLUMN upstream_version text;
ALTER TABLE package ADD COLUMN source_upstream_version text;

-- Rows crawled before this column existed are all Debian-style: drop the epoch and the last "-revision".
UPDATE package
SET upstream_version        = regexp_replace(regexp_replace(version, '^[0-9]+:', ''), '(.)-[^-]*$', '\1'),
    source_upstream_version = regexp_replace(regexp_replace(coalesce(source_version, version), '^[0-9]+:', ''),
                                             '(.)-[^-]*$', '\1');
