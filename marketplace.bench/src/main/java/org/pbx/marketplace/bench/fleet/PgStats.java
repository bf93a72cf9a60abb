package org.pbx.marketplace.bench.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the bench reads from the vendor database, over a connection of its own (not counted). */
final class PgStats implements AutoCloseable {
    private final Connection connection;

    PgStats(ServerProcess.Jdbc jdbc) throws SQLException {
        this.connection = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
    }

    /** Client connections to this database right now (pg_stat_activity), the bench's own not counted. */
    synchronized int vendorConnections() throws SQLException {
        return (int) one("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND backend_type = 'client backend' AND pid <> pg_backend_pid()");
    }

    /** Rows of the server's nonce table: every validate of the last token lifetime leaves one, and each validate sweeps it. */
    synchronized long nonces() throws SQLException {
        return one("SELECT count(*) FROM nonces");
    }

    private long one(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
