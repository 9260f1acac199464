package org.distrocompat.core.query;

import java.util.List;
import org.distrocompat.core.check.InputNeeds;
import org.distrocompat.core.check.Platform;
import org.distrocompat.db.snapshot.SnapshotCell;

/**
 * A test of one stored release beyond the symbol versions {@link CheckQuery} compares, for the platforms it
 * applies to: on musl, for instance, whether the release's libc exports every symbol name the files need. The
 * {@link Checker} adds what it finds missing to that release's verdict, which is then not compatible.
 */
public interface ReleaseJudgement {

    /** Whether releases are judged this way for files of {@code platform}. */
    boolean appliesTo(Platform platform);

    /**
     * What {@code cell} lacks of {@code needs} by this judgement (a {@link CheckQuery.Missing} with the soname, no
     * version and the symbols for a missing symbol name); empty when it lacks nothing.
     */
    List<CheckQuery.Missing> missing(SnapshotCell cell, InputNeeds needs);
}
