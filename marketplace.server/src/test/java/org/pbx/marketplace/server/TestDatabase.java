package org.pbx.marketplace.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.pbx.marketplace.testsupport.PostgresServer;

/**
 * The database the servers under test use. By default the H2 file of each data folder, as in
 * production without a JDBC URL; with -Dvendor.test.db=postgresql (the build's second test run) a
 * database of its own per data folder on one real PostgreSQL server, started on first use and stopped
 * when the test JVM exits. A restart on the same data folder finds the same database again.
 */
final class TestDatabase {
    static final boolean POSTGRES = "postgresql".equals(System.getProperty("vendor.test.db", "h2"));

    private static final Map<Path, String> URLS = new ConcurrentHashMap<>();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static PostgresServer postgres;

    private TestDatabase() {
    }

    static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start();
        }
        return postgres;
    }

    /** Points the settings at this data folder's database (nothing to do for H2: it lives in the folder). */
    static VendorServerSettings.Builder use(Path dataDir, VendorServerSettings.Builder settings) {
        return POSTGRES ? settings.jdbc(url(dataDir), postgres().user(), postgres().password()) : settings;
    }

    /** The PostgreSQL database of a data folder, created on first use. */
    static String url(Path dataDir) {
        return URLS.computeIfAbsent(dataDir.toAbsolutePath().normalize(),
                d -> postgres().createDatabase("vendor_" + NAMES.incrementAndGet()));
    }

    /** A plain JDBC connection to the data folder's database, for tests that look at or prepare rows. */
    static Connection connect(Path dataDir) throws SQLException {
        if (POSTGRES) {
            return DriverManager.getConnection(url(dataDir), postgres().user(), postgres().password());
        }
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("vendor"),
                "vendor", "");
    }

    /**
     * Fails if any text is stored readable: in the H2 files of the data folder, or in any row of any
     * table of its PostgreSQL database (whose files are the database server's, not ours to read).
     */
    static void assertNothingReadable(Path dataDir, String... secrets) throws Exception {
        if (POSTGRES) {
            try (Connection c = connect(dataDir); java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet tables = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                java.util.List<String> names = new java.util.ArrayList<>();
                while (tables.next()) {
                    names.add(tables.getString("TABLE_NAME"));
                }
                org.junit.jupiter.api.Assertions.assertTrue(names.contains("licenses"), names.toString());
                for (String table : names) {
                    try (java.sql.ResultSet rows = s.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                        while (rows.next()) {
                            for (String secret : secrets) {
                                org.junit.jupiter.api.Assertions.assertFalse(rows.getString(1).contains(secret),
                                        "stored readable in table " + table);
                            }
                        }
                    }
                }
            }
            return;
        }
        try (var files = java.nio.file.Files.walk(dataDir.resolve("db"))) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String content = new String(java.nio.file.Files.readAllBytes(file),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    org.junit.jupiter.api.Assertions.assertFalse(content.contains(secret), "stored readable in " + file);
                }
            }
        }
    }
}
