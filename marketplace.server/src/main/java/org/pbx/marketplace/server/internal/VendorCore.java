package org.pbx.marketplace.server.internal;

import java.util.Map;
import org.pbx.marketplace.server.VendorServerSettings;
import org.pbx.marketplace.server.internal.api.V1Api;
import org.pbx.marketplace.server.internal.cabinet.CabinetPages;
import org.pbx.marketplace.server.internal.catalog.CatalogPublisher;
import org.pbx.marketplace.server.internal.catalog.CatalogSource;
import org.pbx.marketplace.server.internal.catalog.DemoData;
import org.pbx.marketplace.server.internal.crypto.InstallationAuth;
import org.pbx.marketplace.server.internal.crypto.JwsSigner;
import org.pbx.marketplace.server.internal.crypto.VendorKeys;
import org.pbx.marketplace.server.internal.http.RequestHandler;
import org.pbx.marketplace.server.internal.license.CabinetService;
import org.pbx.marketplace.server.internal.license.LicenseService;
import org.pbx.marketplace.server.internal.license.TokenIssuer;
import org.pbx.marketplace.server.internal.license.VendorAdmin;
import org.pbx.marketplace.server.internal.store.Database;

/** Wires the server from its settings; the one place that knows every part. Transports only get handler(). */
public final class VendorCore implements AutoCloseable {
    private final Database db;
    private final VendorKeys keys;
    private final VendorAdmin admin;
    private final RequestHandler handler;

    private VendorCore(VendorServerSettings s) {
        this.keys = VendorKeys.loadOrCreate(s.dataDirectory().resolve("keys"));
        this.db = s.jdbcUrl() == null ? Database.openH2(s.dataDirectory())
                : Database.openUrl(s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword());
        try {
            this.admin = new VendorAdmin(db);
            DemoData.seedIfEmpty(db, admin, s.dataDirectory());
            JwsSigner signer = new JwsSigner(keys);
            CatalogPublisher catalog = new CatalogPublisher(db, new CatalogSource(s.dataDirectory()), signer,
                    s.clock(), s.catalogLifetime());
            LicenseService licenses = new LicenseService(db, new TokenIssuer(signer, s.tokenLifetime(),
                    s.offlineGrace()), s.clock(), s.baseLicense(), catalog::moduleFeatures);
            V1Api api = new V1Api(licenses, catalog, new InstallationAuth(s.clock()), keys.published());
            CabinetPages cabinet = new CabinetPages(new CabinetService(db, s.clock()), s.clock(), s.sessionIdle(),
                    s.publicUrl() != null && s.publicUrl().startsWith("https:"));
            this.handler = new VendorHandler(api, cabinet);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public static VendorCore open(VendorServerSettings settings) {
        return new VendorCore(settings);
    }

    public RequestHandler handler() {
        return handler;
    }

    public Map<String, String> vendorPublicKeys() {
        return keys.published();
    }

    public VendorAdmin admin() {
        return admin;
    }

    @Override
    public void close() {
        db.close();
    }
}
