package org.pbx.marketplace.server.internal.catalog;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pbx.marketplace.server.internal.catalog.CatalogSource.Content;
import org.pbx.marketplace.server.internal.catalog.CatalogSource.Release;
import org.pbx.marketplace.server.internal.crypto.Codec;
import org.pbx.marketplace.server.internal.crypto.JwsSigner;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.store.MetaStore;
import org.pbx.marketplace.server.internal.store.ProductStore;
import org.pbx.marketplace.server.internal.store.ReleaseStore;

/**
 * Keeps a signed catalog and its timestamp current, as The Update Framework does: the pair is
 * re-signed when the content changes or half its lifetime has passed, each time with a higher
 * version, and the pair is stored so a restart serves the same documents and never a lower version.
 */
public final class CatalogPublisher {
    private static final System.Logger LOG = System.getLogger(CatalogPublisher.class.getName());
    private final Database db;
    private final CatalogSource source;
    private final JwsSigner signer;
    private final Clock clock;
    private final Duration lifetime;
    /** The content last published; read without this object's lock (see content()). */
    private volatile Content content;

    /** The two documents as served, signed together. */
    public record Signed(long version, long iat, String timestamp, String catalog) {
    }

    public CatalogPublisher(Database db, CatalogSource source, JwsSigner signer, Clock clock, Duration lifetime) {
        this.db = db;
        this.source = source;
        this.signer = signer;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * The current pair, re-signed when needed. Shared by every node through the database: the common case
     * only reads; a re-signing locks the version row, so two nodes never sign two different catalogs with one
     * version, and the second finds the first's pair and serves it.
     */
    public Signed current() {
        Content fresh = source.read(); // one reading of the source: modules, libraries and advisories of one version
        com.fasterxml.jackson.databind.node.ArrayNode advisories = fresh.advisories();
        // The signing key is part of what was signed: a rotated catalog key re-signs at once, with a higher version.
        String contentHash = Codec.sha256Hex(Codec.sha256Hex(Json.bytes(fresh.modules()))
                + (advisories.isEmpty() ? "" : Codec.sha256Hex(Json.bytes(advisories))) + Codec.sha256Hex(Json.bytes(fresh.libraries())) + signer.kid());
        long now = clock.instant().getEpochSecond();
        Signed stored = db.tx(c -> storedIfFresh(c, contentHash, now));
        if (stored != null) {
            content = fresh; // the very content that passed the checks below when it was signed
            return stored;
        }
        return db.tx(c -> {
            // Never sign a catalog whose paid modules name a product or feature this server does not have:
            // a PBX could install the module but never license it. The last good pair stays served.
            List<String> problems = new java.util.ArrayList<>();
            EntryChecks.products(fresh.modules(), ProductStore.grantsByProduct(c)).forEach(p -> problems.add(p.message()));
            problems.addAll(changedBytes(c, fresh));
            Advisories.check(advisories, fresh.modules()).forEach(p -> problems.add(p.message()));
            if (!problems.isEmpty()) {
                String reason = String.join("; ", problems);
                String last = MetaStore.get(c, "catalog.jws");
                LOG.log(System.Logger.Level.ERROR, "vendor catalog: " + CatalogSource.FILE + " not signed, "
                        + (last == null ? "no catalog is served" : "the last signed catalog stays served") + ": " + reason);
                if (last == null) {
                    throw new ApiException(ErrorCode.E_CATALOG_REFUSED);
                }
                return new Signed(Long.parseLong(MetaStore.get(c, "catalog.version")),
                        Long.parseLong(MetaStore.get(c, "catalog.iat")), MetaStore.get(c, "timestamp.jws"), last);
            }
            content = fresh;
            String version = MetaStore.lock(c, "catalog.version", "0");
            Signed again = storedIfFresh(c, contentHash, now);
            if (again != null) {
                return again;
            }
            long next = Long.parseLong(version) + 1;
            Signed signed = CatalogDocuments.sign(signer, fresh.modules(), advisories, fresh.libraries(), next, now, lifetime);
            MetaStore.put(c, "catalog.version", Long.toString(next));
            MetaStore.put(c, "catalog.iat", Long.toString(now));
            MetaStore.put(c, "catalog.content", contentHash);
            MetaStore.put(c, "catalog.jws", signed.catalog());
            MetaStore.put(c, "timestamp.jws", signed.timestamp());
            return signed;
        });
    }

    /** Releases published through the admin API whose file no longer has the bytes published: never signed. */
    private static List<String> changedBytes(java.sql.Connection c, Content content) throws java.sql.SQLException {
        List<String> changed = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode module : content.modules()) {
            for (com.fasterxml.jackson.databind.JsonNode release : module.path("releases")) {
                ReleaseStore.Published published = ReleaseStore.find(c, module.path("id").asText(),
                        release.path("version").asText());
                if (published != null && !published.sha256().equals(release.path("sha256").asText())) {
                    changed.add(module.path("id").asText() + " " + release.path("version").asText()
                            + ": the file's SHA-256 is " + release.path("sha256").asText() + ", it was published as "
                            + published.sha256() + " (a published version's bytes never change: publish a new version)");
                }
            }
        }
        return changed;
    }

    private Signed storedIfFresh(java.sql.Connection c, String contentHash, long now) throws java.sql.SQLException {
        String storedHash = MetaStore.get(c, "catalog.content");
        String storedIat = MetaStore.get(c, "catalog.iat");
        boolean freshEnough = storedIat != null && now < Long.parseLong(storedIat) + lifetime.toSeconds() / 2
                && now >= Long.parseLong(storedIat);
        if (!contentHash.equals(storedHash) || !freshEnough) {
            return null;
        }
        return new Signed(Long.parseLong(MetaStore.get(c, "catalog.version")), Long.parseLong(storedIat),
                MetaStore.get(c, "timestamp.jws"), MetaStore.get(c, "catalog.jws"));
    }

    /** Takes no lock: license answers call it inside a database transaction. */
    private Content content() {
        Content known = content;
        if (known == null) {
            // Nothing published since start: the source is what current() would publish.
            known = source.read();
            content = known;
        }
        return known;
    }

    /** Looked up in the content last published, so a file removed since then is reported as missing. */
    public Optional<Release> release(String moduleId, String version) {
        return content().releases().stream()
                .filter(r -> r.moduleId().equals(moduleId) && r.version().equals(version)).findFirst();
    }

    /** A library of the content last published (free to anyone, as its entry says). */
    public Optional<CatalogSource.Library> library(String symbolicName, String version) {
        return content().libraryFiles().stream()
                .filter(l -> l.symbolicName().equals(symbolicName) && l.version().equals(version)).findFirst();
    }

    /** module id → feature id of every commercial module, for license tokens. */
    public Map<String, String> moduleFeatures() {
        return content().moduleFeatures();
    }
}
