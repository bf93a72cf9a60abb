package org.pbx.marketplace.bench.fleet;

/**
 * A PostgreSQL database for the nodes under test: all the bench needs is where it is. The bench's
 * own {@link DebianPostgres} stands in until marketplace.testsupport's PostgresServer is merged;
 * then a few lines wrapping that class replace DebianPostgres (keep the cluster folder between runs,
 * or every run registers the whole fleet again). What the bench reads from the database
 * ({@link PgStats}) goes through this JDBC URL.
 */
interface PostgresDatabase extends AutoCloseable {

    /** The JDBC URL, user and password the nodes are started with. */
    ServerProcess.Jdbc jdbc();

    @Override
    void close() throws Exception;
}
