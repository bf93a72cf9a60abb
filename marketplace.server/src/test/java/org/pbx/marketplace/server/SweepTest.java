package org.pbx.marketplace.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbx.marketplace.server.internal.store.NonceStore;
import org.pbx.marketplace.server.internal.store.Sweeper;
import org.pbx.marketplace.testsupport.TestInstallation;

/** The shared tables stay bounded: what expired is deleted, in batches of bounded size. */
class SweepTest {
    @TempDir
    Path dir;

    private long count(String table) throws Exception {
        try (Connection c = TestDatabase.connect(dir); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void expiredNoncesGoInBatchesOfBoundedSize() throws Exception {
        try (Harness h = Harness.start(dir)) {
            TestInstallation pbx = new TestInstallation();
            String key = h.register(pbx, "sweep@example.com", "Sweep Ltd");
            h.token(h.validate(pbx, key));
            long now = h.clock.epochSeconds();
            try (Connection c = TestDatabase.connect(dir);
                 PreparedStatement ps = c.prepareStatement(
                         "INSERT INTO nonces (installation_id, nonce, expires_at) VALUES (?, ?, ?)")) {
                for (int i = 0; i < 1200; i++) {
                    ps.setString(1, pbx.id);
                    ps.setString(2, "expired-nonce-" + i);
                    ps.setLong(3, now - 1 - i);
                    ps.addBatch();
                }
                ps.executeBatch();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            assertEquals(1202, count("nonces"));
            try (Connection c = TestDatabase.connect(dir)) {
                c.setAutoCommit(false);
                assertEquals(Sweeper.BATCH, NonceStore.sweep(c, now, Sweeper.BATCH), "one batch deletes at most BATCH");
                c.rollback();
            }
            assertEquals(1200, h.server.sweepNow(), "a pass deletes every expired nonce, in several batches");
            assertEquals(2, count("nonces"), "the two live ones stay");
            h.clock.advance(Duration.ofDays(1).plusSeconds(1));
            assertTrue(h.server.sweepNow() >= 2);
            assertEquals(0, count("nonces"), "and go once the token lifetime has passed");
        }
    }

    @Test
    void sessionsAreBoundedPerLicenseAndSweptWhenLongExpired() throws Exception {
        try (Harness h = Harness.start(dir)) {
            String key = h.register(new TestInstallation(), "sessions@example.com", "Sessions Ltd");
            for (int i = 0; i < 25; i++) {
                assertEquals(303, ErrorCodesTest.cabinetLogin(h, key).status());
            }
            assertEquals(20, count("cabinet_sessions"), "a new login ends the license's oldest session past 20");
            h.clock.advance(Duration.ofMinutes(31));
            h.server.sweepNow();
            assertEquals(20, count("cabinet_sessions"), "expired a moment ago: kept, to say so when it comes back");
            h.clock.advance(Duration.ofDays(1));
            h.server.sweepNow();
            assertEquals(0, count("cabinet_sessions"));
            assertEquals(0, count("rate_windows"), "limit rows untouched for a day are gone too");
        }
    }

    @Test
    void sentLettersArePurgedAfterTheRetention() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        GreenMail smtp = Harness.smtp(port);
        smtp.start();
        int smtpPort = port;
        try (Harness h = new Harness(dir, new TestClock(), b -> b.smtp("127.0.0.1", smtpPort,
                VendorServerSettings.SmtpSecurity.NONE).mailFrom("licenses@vendor.test")
                .sentLetterRetention(Duration.ofDays(7)))) {
            h.register(new TestInstallation(), "letter@example.com", "Letter Ltd");
            h.server.deliverMailNow();
            assertTrue(smtp.waitForIncomingEmail(5_000, 1));
            assertArrayEquals(new int[] {0, 0, 0, 1}, h.server.mailOutboxCounts());
            h.clock.advance(Duration.ofDays(6));
            h.server.sweepNow();
            assertArrayEquals(new int[] {0, 0, 0, 1}, h.server.mailOutboxCounts(), "within the retention: kept");
            h.clock.advance(Duration.ofDays(1));
            h.server.sweepNow();
            assertArrayEquals(new int[] {0, 0, 0, 0}, h.server.mailOutboxCounts(), "past it: deleted");
        } finally {
            smtp.stop();
        }
    }
}
