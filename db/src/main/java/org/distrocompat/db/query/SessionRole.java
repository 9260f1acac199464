package org.distrocompat.db.query;

import org.jdbi.v3.core.Jdbi;

/**
 * Who a connection is and whether it can change the data: the HTTP server answers requests through a role that
 * should only read, and checks at start that it really cannot write.
 *
 * @param user          the role the connection runs as
 * @param canWrite      whether that role may insert into the stored releases or create tables
 * @param readOnlySession whether its transactions are read-only by default (default_transaction_read_only)
 */
public record SessionRole(String user, boolean canWrite, boolean readOnlySession) {

    public static SessionRole of(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT current_user,
                       has_table_privilege('release', 'INSERT') OR has_table_privilege('release', 'UPDATE')
                         OR has_schema_privilege(current_schema(), 'CREATE'),
                       current_setting('default_transaction_read_only') = 'on'""")
                .map((rs, ctx) -> new SessionRole(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)))
                .one());
    }
}
