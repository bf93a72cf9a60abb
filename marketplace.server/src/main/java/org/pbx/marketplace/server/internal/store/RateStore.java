package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sliding-window limits shared by every node: per (bucket, subject) the times of the events still in
 * the window. Counting locks the row, so two nodes counting the same subject at once take turns and
 * the limit holds exactly.
 */
public final class RateStore {
    /** The longest window of any limit: rows untouched for longer hold nothing and are swept. */
    public static final long LONGEST_WINDOW = 86_400;

    private RateStore() {
    }

    /**
     * Counts one event if the subject is below {@code max} events in the last {@code window} seconds.
     *
     * @return 0 when counted; otherwise the seconds until the oldest event leaves the window (not counted)
     */
    public static long acquire(Connection c, String bucket, String subject, int max, long window, long now)
            throws SQLException {
        List<Long> times = lock(c, bucket, key(subject), now - window);
        if (times.size() >= max) {
            return retryIn(times, max, window, now);
        }
        times.add(now);
        store(c, bucket, key(subject), times, now);
        return 0;
    }

    /** Seconds until the subject may act again (0: now), without counting anything. */
    public static long retryAfter(Connection c, String bucket, String subject, int max, long window, long now)
            throws SQLException {
        String stored = Sql.one(c, "SELECT times FROM rate_windows WHERE bucket = ? AND subject = ?",
                rs -> rs.getString(1), bucket, key(subject));
        List<Long> times = parse(stored, now - window);
        return times.size() >= max ? retryIn(times, max, window, now) : 0;
    }

    /** Counts an event whatever the count (e.g. a failed login), keeping the newest {@code max} times. */
    public static void record(Connection c, String bucket, String subject, int max, long window, long now)
            throws SQLException {
        List<Long> times = lock(c, bucket, key(subject), now - window);
        times.add(now);
        while (times.size() > max) {
            times.remove(0);
        }
        store(c, bucket, key(subject), times, now);
    }

    /** Deletes at most {@code limit} rows untouched since {@code before}; returns how many. */
    public static int sweep(Connection c, long before, int limit) throws SQLException {
        return Sql.update(c, "DELETE FROM rate_windows WHERE (bucket, subject) IN (SELECT bucket, subject"
                + " FROM rate_windows WHERE updated_at <= ? ORDER BY updated_at LIMIT " + limit + ")", before);
    }

    private static List<Long> lock(Connection c, String bucket, String subject, long after) throws SQLException {
        String sql = "SELECT times FROM rate_windows WHERE bucket = ? AND subject = ? FOR UPDATE";
        String stored = Sql.one(c, sql, rs -> rs.getString(1), bucket, subject);
        if (stored == null) {
            Sql.insertIfAbsent(c, "INSERT INTO rate_windows (bucket, subject, times, updated_at) VALUES (?, ?, '', 0)",
                    bucket, subject);
            stored = Sql.one(c, sql, rs -> rs.getString(1), bucket, subject);
        }
        return parse(stored, after);
    }

    private static void store(Connection c, String bucket, String subject, List<Long> times, long now)
            throws SQLException {
        StringBuilder text = new StringBuilder();
        for (Long t : times) {
            text.append(text.length() == 0 ? "" : ",").append(t);
        }
        Sql.update(c, "UPDATE rate_windows SET times = ?, updated_at = ? WHERE bucket = ? AND subject = ?",
                text.toString(), now, bucket, subject);
    }

    /** The stored times after {@code after}, oldest first. */
    private static List<Long> parse(String stored, long after) {
        List<Long> times = new ArrayList<>();
        if (stored != null && !stored.isEmpty()) {
            for (String t : stored.split(",")) {
                long time = Long.parseLong(t);
                if (time > after) {
                    times.add(time);
                }
            }
        }
        return times;
    }

    /** When the count drops below max again: the (size - max + 1)-th oldest time leaves the window. */
    private static long retryIn(List<Long> times, int max, long window, long now) {
        long leaves = times.get(times.size() - max) + window;
        return Math.max(1, leaves - now);
    }

    private static String key(String subject) {
        String s = subject == null ? "" : subject;
        return s.length() > 254 ? s.substring(0, 254) : s;
    }
}
