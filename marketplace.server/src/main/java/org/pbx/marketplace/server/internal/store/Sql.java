package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/** Just enough JDBC plumbing to keep the stores about their tables, not about statements. */
final class Sql {
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.map(rs));
            }
            return result;
        }
    }

    static <T> T one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        List<T> rows = list(c, sql, row, args);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Inserts unless a row with the same key exists; says whether it inserted. Inside a savepoint, because
     * PostgreSQL aborts the whole transaction on a failed statement; a concurrent insert of the same key waits
     * for the other transaction and then counts as existing.
     */
    static boolean insertIfAbsent(Connection c, String sql, Object... args) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            update(c, sql, args);
            c.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (!Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(savepoint);
            return false;
        }
    }

    static long insertReturningId(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        bind(ps, args);
        return ps;
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
