package org.pbx.marketplace.server.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.pbx.marketplace.server.internal.store.Rows.Feature;
import org.pbx.marketplace.server.internal.store.Rows.Product;

/** Products and the features each one grants. */
public final class ProductStore {
    private ProductStore() {
    }

    public static void insert(Connection c, Product p, boolean demo) throws SQLException {
        Sql.update(c, "INSERT INTO products (id, name_en, name_ru, trial_days, demo) VALUES (?, ?, ?, ?, ?)",
                p.id(), p.nameEn(), p.nameRu(), p.trialDays(), demo);
        for (Feature f : p.features()) {
            Sql.update(c, "INSERT INTO product_features (product_id, feature_id, seats) VALUES (?, ?, ?)",
                    p.id(), f.id(), f.seats());
        }
    }

    public static Product find(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT id, name_en, name_ru, trial_days FROM products WHERE id = ?",
                rs -> new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        features(c, rs.getString(1))), id);
    }

    public static List<Product> all(Connection c) throws SQLException {
        List<String> ids = Sql.list(c, "SELECT id FROM products ORDER BY id", rs -> rs.getString(1));
        List<Product> result = new java.util.ArrayList<>();
        for (String id : ids) {
            result.add(find(c, id));
        }
        return result;
    }

    private static List<Feature> features(Connection c, String productId) throws SQLException {
        return Sql.list(c, "SELECT feature_id, seats FROM product_features WHERE product_id = ? ORDER BY feature_id",
                rs -> new Feature(rs.getString(1), rs.getInt(2)), productId);
    }

    /** A product as the vendor administers it: with kind, term, trial and named features. */
    public record Details(String id, String nameEn, String nameRu, String kind, int termDays, int trialDays,
                          boolean demo, List<NamedFeature> features) {
    }

    public record NamedFeature(String id, String nameEn, String nameRu, int seats) {
    }

    public static void create(Connection c, String id, String nameEn, String nameRu, String kind, int termDays,
                              int trialDays) throws SQLException {
        Sql.update(c, "INSERT INTO products (id, name_en, name_ru, trial_days, demo, kind, term_days)"
                + " VALUES (?, ?, ?, ?, FALSE, ?, ?)", id, nameEn, nameRu, trialDays, kind, termDays);
    }

    public static void setTrialDays(Connection c, String id, int trialDays) throws SQLException {
        Sql.update(c, "UPDATE products SET trial_days = ? WHERE id = ?", trialDays, id);
    }

    /** Names the feature (or renames it) and lets the product grant it with that many seats. */
    public static void grant(Connection c, String productId, String featureId, String nameEn, String nameRu, int seats)
            throws SQLException {
        nameFeature(c, featureId, nameEn, nameRu);
        Sql.update(c, "INSERT INTO product_features (product_id, feature_id, seats) VALUES (?, ?, ?)",
                productId, featureId, seats);
    }

    public static boolean grants(Connection c, String productId, String featureId) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM product_features WHERE product_id = ? AND feature_id = ?",
                rs -> Boolean.TRUE, productId, featureId) != null;
    }

    public static Details details(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT id, name_en, name_ru, kind, term_days, trial_days, demo FROM products WHERE id = ?",
                rs -> new Details(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getInt(6), rs.getBoolean(7), namedFeatures(c, rs.getString(1))), id);
    }

    public static List<Details> allDetails(Connection c) throws SQLException {
        List<Details> result = new java.util.ArrayList<>();
        for (String id : Sql.list(c, "SELECT id FROM products ORDER BY id", rs -> rs.getString(1))) {
            result.add(details(c, id));
        }
        return result;
    }

    /** product id → the ids of the features it grants, for the catalog checks. */
    public static java.util.Map<String, java.util.Set<String>> grantsByProduct(Connection c) throws SQLException {
        java.util.Map<String, java.util.Set<String>> grants = new java.util.TreeMap<>();
        for (String id : Sql.list(c, "SELECT id FROM products", rs -> rs.getString(1))) {
            grants.put(id, new java.util.TreeSet<>());
        }
        for (String[] row : Sql.list(c, "SELECT product_id, feature_id FROM product_features",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            grants.computeIfAbsent(row[0], k -> new java.util.TreeSet<>()).add(row[1]);
        }
        return grants;
    }

    // Features granted before they had names (demo data of older servers) are named by their id.
    private static List<NamedFeature> namedFeatures(Connection c, String productId) throws SQLException {
        return Sql.list(c, "SELECT pf.feature_id, f.name_en, f.name_ru, pf.seats FROM product_features pf"
                        + " LEFT JOIN features f ON f.id = pf.feature_id WHERE pf.product_id = ? ORDER BY pf.feature_id",
                rs -> new NamedFeature(rs.getString(1), rs.getString(2) == null ? rs.getString(1) : rs.getString(2),
                        rs.getString(3) == null ? rs.getString(1) : rs.getString(3), rs.getInt(4)), productId);
    }

    public static void nameFeature(Connection c, String featureId, String nameEn, String nameRu) throws SQLException {
        if (Sql.update(c, "UPDATE features SET name_en = ?, name_ru = ? WHERE id = ?", nameEn, nameRu, featureId) == 0) {
            Sql.update(c, "INSERT INTO features (id, name_en, name_ru) VALUES (?, ?, ?)", featureId, nameEn, nameRu);
        }
    }

    /** Every named feature: id → {English name, Russian name}, for pages that show features by name. */
    public static java.util.Map<String, String[]> featureNames(Connection c) throws SQLException {
        java.util.Map<String, String[]> names = new java.util.HashMap<>();
        for (String[] row : Sql.list(c, "SELECT id, name_en, name_ru FROM features",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            if (row[1] != null && row[2] != null) {
                names.put(row[0], new String[] {row[1], row[2]});
            }
        }
        return names;
    }
}
