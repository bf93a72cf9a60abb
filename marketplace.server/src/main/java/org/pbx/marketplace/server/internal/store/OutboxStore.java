package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The mail outbox. A row is QUEUED until sent (SENT) or given up (FAILED); attempts and
 * last_error say how its delivery goes, next_attempt_at when it is tried again.
 */
public final class OutboxStore {
    public static final String REGISTRATION = "REGISTRATION";
    public static final String LOST_KEYS = "LOST_KEYS";

    public record Entry(long id, String kind, Long licenseId, String recipient, String language, int attempts) {
    }

    /** Counts for the vendor: queued (not tried yet), failing (retrying), failed (given up), sent. */
    public record Counts(int queued, int failing, int failed, int sent, String lastError) {
    }

    private OutboxStore() {
    }

    public static void enqueue(Connection c, String kind, Long licenseId, String recipient, String language, long now)
            throws SQLException {
        Sql.update(c, "INSERT INTO outbox (kind, license_id, recipient, language, status, attempts, created_at,"
                + " next_attempt_at) VALUES (?, ?, ?, ?, 'QUEUED', 0, ?, ?)", kind, licenseId, recipient, language, now, now);
    }

    /**
     * Claims up to {@code limit} due letters for one node until {@code until}: each claim is a conditional
     * update, so of two nodes claiming one letter at once the second finds it claimed (PostgreSQL and H2 both
     * re-check the condition once the first commits). A claim whose node died runs out and is taken again.
     */
    public static List<Entry> claimDue(Connection c, String node, long now, long until, int limit) throws SQLException {
        List<Long> candidates = Sql.list(c, "SELECT id FROM outbox WHERE status = 'QUEUED' AND next_attempt_at <= ?"
                + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY next_attempt_at, id LIMIT " + limit,
                rs -> rs.getLong(1), now, now);
        List<Entry> claimed = new java.util.ArrayList<>();
        for (long id : candidates) {
            if (Sql.update(c, "UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id = ? AND status = 'QUEUED'"
                    + " AND (claimed_until IS NULL OR claimed_until <= ?)", node, until, id, now) == 1) {
                claimed.add(Sql.one(c, "SELECT id, kind, license_id, recipient, language, attempts FROM outbox WHERE id = ?",
                        rs -> new Entry(rs.getLong(1), rs.getString(2), rs.getObject(3) == null ? null : rs.getLong(3),
                                rs.getString(4), rs.getString(5), rs.getInt(6)), id));
            }
        }
        return claimed;
    }

    public static void sent(Connection c, long id, long now) throws SQLException {
        Sql.update(c, "UPDATE outbox SET status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = NULL,"
                + " claimed_by = NULL, claimed_until = NULL WHERE id = ?", now, id);
    }

    /** Removes a request that turned out to need no letter (a lost-key request for an address without keys). */
    public static void delete(Connection c, long id) throws SQLException {
        Sql.update(c, "DELETE FROM outbox WHERE id = ?", id);
    }

    /** Deletes at most {@code limit} sent or given-up letters created before {@code before}; returns how many. */
    public static int purge(Connection c, long before, int limit) throws SQLException {
        return Sql.update(c, "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status IN ('SENT', 'FAILED')"
                + " AND created_at <= ? ORDER BY id LIMIT " + limit + ")", before);
    }

    /** Records a failed attempt; retried at nextAttempt, or given up when nextAttempt is null. */
    public static void failed(Connection c, long id, String error, Long nextAttempt) throws SQLException {
        String text = error == null ? "unknown error" : error.length() > 500 ? error.substring(0, 500) : error;
        Sql.update(c, "UPDATE outbox SET attempts = attempts + 1, last_error = ?, status = ?,"
                        + " next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                text, nextAttempt == null ? "FAILED" : "QUEUED", nextAttempt == null ? 0L : nextAttempt, id);
    }

    public static Counts counts(Connection c) throws SQLException {
        int queued = count(c, "status = 'QUEUED' AND attempts = 0");
        int failing = count(c, "status = 'QUEUED' AND attempts > 0");
        int failed = count(c, "status = 'FAILED'");
        int sent = count(c, "status = 'SENT'");
        String lastError = Sql.one(c, "SELECT last_error FROM outbox WHERE status <> 'SENT' AND last_error IS NOT NULL"
                + " ORDER BY id DESC LIMIT 1", rs -> rs.getString(1));
        return new Counts(queued, failing, failed, sent, lastError);
    }

    private static int count(Connection c, String where) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM outbox WHERE " + where, rs -> rs.getInt(1));
    }
}
