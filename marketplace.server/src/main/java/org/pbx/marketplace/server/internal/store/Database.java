package org.pbx.marketplace.server.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The vendor database: H2 in file mode by default, any JDBC URL (PostgreSQL) by configuration.
 * One connection is held open for the server's life, so H2 opens its files once and every
 * operation is a cheap, serialized transaction.
 */
public final class Database implements AutoCloseable {
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connection connection;

    private Database(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String ddl : Schema.STATEMENTS) {
                statement.execute(ddl);
            }
        }
        connection.commit();
    }

    /** H2 file database in {@code dataDir/db}; through the data source, as DriverManager cannot see H2 across OSGi class loaders. */
    public static Database openH2(Path dataDir) {
        JdbcDataSource source = new JdbcDataSource();
        // WRITE_DELAY=0: a commit reaches the file before it is answered. H2's default keeps commits in
        // memory for up to 500 ms, so a killed server forgot keys it had just issued (found by HostCrashIT).
        source.setURL("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("vendor") + ";WRITE_DELAY=0");
        source.setUser("vendor");
        source.setPassword("");
        try {
            return new Database(source.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the vendor database in " + dataDir, e);
        }
    }

    /** Another database by URL; its driver must be on the class path (standalone use). */
    public static Database openUrl(String jdbcUrl, String user, String password) {
        try {
            return new Database(DriverManager.getConnection(jdbcUrl, user, password));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the vendor database at " + jdbcUrl, e);
        }
    }

    /** Runs work as one transaction: all of it is stored or, on any exception, none of it. */
    public synchronized <T> T tx(Work<T> work) {
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("database failure", e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one worth reporting.
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
