package org.pbx.marketplace.bench.fleet;

/**
 * A PostgreSQL database for the nodes under test. The bench's own {@link DebianPostgres} stands in
 * until marketplace.testsupport's PostgresServer is merged; then that class should implement this
 * (or be wrapped in a few lines) and DebianPostgres goes.
 */
interface PostgresDatabase extends AutoCloseable {

    /** The JDBC URL, user and password the nodes are started with. */
    ServerProcess.Jdbc jdbc();

    /** Client connections to the vendor database right now (pg_stat_activity), the bench's own not counted. */
    int vendorConnections() throws Exception;

    @Override
    void close() throws Exception;
}
