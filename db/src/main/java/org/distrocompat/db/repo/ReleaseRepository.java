package org.distrocompat.db.repo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Distros, releases and release x arch cells. Every method is an idempotent upsert returning the row's id,
 * so crawlers and importers can call them on every run.
 */
public interface ReleaseRepository {

    @SqlQuery("""
            INSERT INTO distro (name, display_name) VALUES (:name, :displayName)
            ON CONFLICT (name) DO UPDATE SET display_name = EXCLUDED.display_name
            RETURNING id""")
    int upsertDistro(@Bind("name") String name, @Bind("displayName") String displayName);

    /** Creates the release or updates the facts given (null arguments leave stored facts as they are). */
    @SqlQuery("""
            INSERT INTO release (distro_id, version, codename, status, libc, libc_version, release_date, eol_date, suite_date)
            VALUES (:distroId, :version, :codename, coalesce(:status, 'unknown'), coalesce(:libc, 'glibc'), :libcVersion,
                    :releaseDate, :eolDate, :suiteDate)
            ON CONFLICT (distro_id, version) DO UPDATE SET
                codename     = coalesce(EXCLUDED.codename, release.codename),
                status       = CASE WHEN :status IS NULL THEN release.status ELSE EXCLUDED.status END,
                libc         = CASE WHEN :libc IS NULL THEN release.libc ELSE EXCLUDED.libc END,
                libc_version = coalesce(EXCLUDED.libc_version, release.libc_version),
                release_date = coalesce(EXCLUDED.release_date, release.release_date),
                eol_date     = coalesce(EXCLUDED.eol_date, release.eol_date),
                suite_date   = coalesce(EXCLUDED.suite_date, release.suite_date),
                updated_at   = now()
            RETURNING id""")
    int upsertRelease(@Bind("distroId") int distroId, @Bind("version") String version,
            @Bind("codename") String codename, @Bind("status") String status, @Bind("libc") String libc,
            @Bind("libcVersion") String libcVersion, @Bind("releaseDate") LocalDate releaseDate,
            @Bind("eolDate") LocalDate eolDate, @Bind("suiteDate") OffsetDateTime suiteDate);

    @SqlQuery("""
            INSERT INTO release_arch (release_id, arch) VALUES (:releaseId, :arch)
            ON CONFLICT (release_id, arch) DO UPDATE SET arch = EXCLUDED.arch
            RETURNING id""")
    int upsertReleaseArch(@Bind("releaseId") int releaseId, @Bind("arch") String arch);

    @SqlQuery("""
            INSERT INTO source (provenance, name, location) VALUES (:provenance, :name, :location)
            ON CONFLICT (provenance, name, location) DO UPDATE SET name = EXCLUDED.name
            RETURNING id""")
    int upsertSource(@Bind("provenance") String provenance, @Bind("name") String name,
            @Bind("location") String location);

    @SqlQuery("SELECT display_name FROM distro WHERE name = :name")
    Optional<String> displayName(@Bind("name") String name);

    @SqlUpdate("DELETE FROM release_arch WHERE id = :id")
    void deleteReleaseArch(@Bind("id") int releaseArchId);
}
