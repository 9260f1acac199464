-- Which repository or pocket of a release a package observation came from: a release is often several repositories
-- merged into one release x arch (Fedora releases/N + updates/N, EL BaseOS + AppStream, openSUSE Leap oss + update,
-- Ubuntu jammy + jammy-updates + jammy-security). With first_seen this answers "gained GLIBCXX_3.4.33 in an update
-- on date D". Named as the source names it: an apt suite ("jammy-updates"), an rpm-md repository ("updates").
ALTER TABLE package ADD COLUMN pocket text;

-- Observations made before this column existed are all from a single apt suite: the release's codename.
UPDATE package p
SET pocket = r.codename
FROM release_arch ra JOIN release r ON r.id = ra.release_id
WHERE p.release_arch_id = ra.id AND r.codename IS NOT NULL;
