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
}
