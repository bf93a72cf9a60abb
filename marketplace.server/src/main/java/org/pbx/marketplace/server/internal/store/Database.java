package org.pbx.marketplace.server.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The vendor database: H2 in file mode by default, PostgreSQL (any JDBC URL) by configuration, both
 * through a HikariCP pool and both migrated by Flyway (db/migration) before the first request. Every
 * transaction takes its own pooled connection, so requests run in parallel; what must not interleave
 * is ordered by the database itself (row locks, conditional updates, unique keys; see the stores).
 */
public final class Database implements AutoCloseable {
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Default pool size: enough for a 2-core node; PostgreSQL's default max_connections (100) allows several nodes. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** SQLSTATE of a unique or primary key violation, the same in H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private final HikariDataSource pool;

    private Database(HikariConfig config, String where) {
        config.setPoolName("vendor-db");
        config.setAutoCommit(false);
        try {
            this.pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the vendor database " + where + ": " + rootMessage(e), e);
        }
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot migrate the vendor database " + where + ": " + rootMessage(e), e);
        }
    }

    /**
     * Brings the schema to the newest migration. A database made by a server from before migrations has
     * tables but no history table: Flyway records it at version 0 and runs V1, whose statements all say
     * IF NOT EXISTS, so it ends at version 1 with whatever it already had, then runs the rest. Flyway
     * finds its database support through ServiceLoader on this class's loader (in OSGi: this bundle, which
     * embeds Flyway with its service files), not the thread's context loader.
     */
    private static void migrate(HikariDataSource pool) {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:db/migration")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("schema made before migrations")
                .load()
                .migrate();
    }

    /** H2 file database in {@code dataDir/db}; through the data source, as DriverManager cannot see H2 across OSGi class loaders. */
    public static Database openH2(Path dataDir, int poolSize) {
        JdbcDataSource source = new JdbcDataSource();
        // WRITE_DELAY=0: a commit reaches the file before it is answered. H2's default keeps commits in
        // memory for up to 500 ms, so a killed server forgot keys it had just issued (found by HostCrashIT).
        // LOCK_TIMEOUT: a transaction waiting for a row lock (SELECT ... FOR UPDATE) waits up to 10 s, not H2's 1 s.
        source.setURL("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("vendor")
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000");
        source.setUser("vendor");
        source.setPassword("");
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setMaximumPoolSize(poolSize);
        return new Database(config, "in " + dataDir);
    }

    /** Another database by URL (PostgreSQL: jdbc:postgresql://host/db); its driver must be on the class path. */
    public static Database openUrl(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        return new Database(config, "at " + jdbcUrl);
    }

    /**
     * Runs work as one transaction on a connection of its own: all of it is stored or, on any exception,
     * none of it. Read committed (both databases' default); work that reads and then writes locks what it read.
     */
    public <T> T tx(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollback(connection);
                throw new IllegalStateException("database failure: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                rollback(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("no database connection: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The original failure is the one worth reporting; the pool discards a broken connection.
            System.getLogger(Database.class.getName()).log(System.Logger.Level.WARNING, "rollback failed", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Connections in use right now (for operators and the fleet benchmark). */
    public int activeConnections() {
        return pool.getHikariPoolMXBean() == null ? 0 : pool.getHikariPoolMXBean().getActiveConnections();
    }

    @Override
    public void close() {
        pool.close();
    }
}
