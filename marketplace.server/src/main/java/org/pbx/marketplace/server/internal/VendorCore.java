package org.pbx.marketplace.server.internal;

import java.util.Map;
import org.pbx.marketplace.server.VendorServerSettings;
import org.pbx.marketplace.server.internal.api.AdminApi;
import org.pbx.marketplace.server.internal.api.V1Api;
import org.pbx.marketplace.server.internal.cabinet.CabinetPages;
import org.pbx.marketplace.server.internal.catalog.CatalogPublisher;
import org.pbx.marketplace.server.internal.catalog.CatalogSource;
import org.pbx.marketplace.server.internal.catalog.DemoData;
import org.pbx.marketplace.server.internal.catalog.ReleasePublisher;
import org.pbx.marketplace.server.internal.crypto.InstallationAuth;
import org.pbx.marketplace.server.internal.crypto.JwsSigner;
import org.pbx.marketplace.server.internal.crypto.KeyVault;
import org.pbx.marketplace.server.internal.crypto.TrustRoots;
import org.pbx.marketplace.server.internal.crypto.VendorKeys;
import org.pbx.marketplace.server.internal.http.RequestHandler;
import org.pbx.marketplace.server.internal.license.CabinetService;
import org.pbx.marketplace.server.internal.license.LicenseService;
import org.pbx.marketplace.server.internal.license.TokenIssuer;
import org.pbx.marketplace.server.internal.license.VendorAdmin;
import org.pbx.marketplace.server.internal.mail.Letters;
import org.pbx.marketplace.server.internal.mail.MailOutbox;
import org.pbx.marketplace.server.internal.mail.SmtpMailer;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.Sweeper;

/** Wires the server from its settings; the one place that knows every part. Transports only get handler(). */
public final class VendorCore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VendorCore.class.getName());
    /** What a vendor sees on the first start without demo data: how to make the first product. */
    static final String NO_PRODUCTS = "The vendor server has no products of its own (only '" + LicenseService.BASE_PRODUCT + "', which registration grants) and no coupons yet. Create them with the admin"
            + " API or its command-line tool (docs/vendor-admin.md): set VENDOR_ADMIN_TOKEN for the server and the tool, then"
            + " java -cp marketplace.server-<version>-standalone.jar org.pbx.marketplace.server.internal.cli.AdminTool"
            + " --url http://HOST:PORT product create --id ID --name-en NAME --name-ru NAME --term-days 365 --trial-days 30."
            + " For the demo vendor instead, start with --demo (OSGi: demoData=true).";
    private final Database db;
    private final VendorKeys keys;
    private final TrustRoots trust;
    private final VendorAdmin admin;
    private final RequestHandler handler;
    private final MailOutbox outbox;
    private final Sweeper sweeper;
    private volatile String publicBase;

    private VendorCore(VendorServerSettings s) {
        this.keys = VendorKeys.loadOrCreate(s.dataDirectory().resolve("keys"));
        this.trust = TrustRoots.loadOrCreate(s.dataDirectory().resolve("keys"), keys, s.clock());
        KeyVault vault = KeyVault.loadOrCreate(s.dataDirectory().resolve("keys"));
        this.publicBase = s.publicUrl() == null ? "http://localhost" : s.publicUrl().replaceAll("/+$", "");
        this.db = s.jdbcUrl() == null ? Database.openH2(s.dataDirectory(), s.jdbcPoolSize())
                : Database.openUrl(s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword(), s.jdbcPoolSize());
        MailOutbox mail = null;
        try {
            this.admin = new VendorAdmin(db, s.clock());
            if (s.demoData()) {
                DemoData.seedIfEmpty(db, admin, s.dataDirectory());
            }
            // The one product every server has: registration grants it (docs/protocol.md §5.1).
            admin.ensureBaseProduct();
            if (admin.products().size() == 1) {
                LOG.log(System.Logger.Level.WARNING, NO_PRODUCTS);
            }
            // Built before the worker can start, so a bad sender address fails the start, not a letter later.
            SmtpMailer mailer = s.mailEnabled() ? new SmtpMailer(s) : null;
            mail = new MailOutbox(db, vault, new Letters(() -> publicBase), mailer, s);
            this.outbox = mail;
            // Separate keys for license answers and the catalog, each the role's key of the newest trust root.
            JwsSigner licenseSigner = new JwsSigner(() -> trust.signer(TrustRoots.LICENSE));
            JwsSigner catalogSigner = new JwsSigner(() -> trust.signer(TrustRoots.CATALOG));
            CatalogPublisher catalog = new CatalogPublisher(db, new CatalogSource(s.dataDirectory()), catalogSigner,
                    s.clock(), s.catalogLifetime());
            LicenseService licenses = new LicenseService(db, new TokenIssuer(licenseSigner, s.tokenLifetime(),
                    s.offlineGrace()), s.clock(), s.baseLicense(), catalog::moduleFeatures, vault, outbox,
                    s.registrationsPerClientPerHour(), s.lettersPerAddressPerDay());
            V1Api api = new V1Api(licenses, catalog, new InstallationAuth(s.clock()), trust, s.clock());
            CabinetPages cabinet = new CabinetPages(new CabinetService(db, s.clock(), outbox), licenses, db, vault,
                    s.clock(), s.sessionIdle(), s.publicUrl() != null && s.publicUrl().startsWith("https:"), s.adminToken());
            this.handler = new VendorHandler(api, cabinet, new AdminApi(admin,
                    new ReleasePublisher(db, s.dataDirectory(), s.clock()), trust, s.adminToken()));
            this.sweeper = new Sweeper(db, s.clock(), s.sentLetterRetention(), true);
        } catch (RuntimeException e) {
            if (mail != null) {
                mail.close();
            }
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
        return trust.published();
    }

    /** The vendor's trust roots: what a PBX maker ships (version 1 or later) and the admin's rotations. */
    public TrustRoots trust() {
        return trust;
    }

    public VendorAdmin admin() {
        return admin;
    }

    public MailOutbox outbox() {
        return outbox;
    }

    /** The base URL letters link to (the cabinet is below it); set once the transport knows its address. */
    public void publicBase(String baseUrl) {
        this.publicBase = baseUrl.replaceAll("/+$", "");
    }

    /** Sweeps expired nonces, sessions, limit rows and old letters now (a background pass runs every minute). */
    public int sweepNow() {
        return sweeper.sweep();
    }

    public Database database() {
        return db;
    }

    @Override
    public void close() {
        sweeper.close();
        outbox.close();
        db.close();
    }
}
