package org.pbx.marketplace.server.internal.catalog;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.pbx.marketplace.server.internal.catalog.CatalogSource.Content;
import org.pbx.marketplace.server.internal.catalog.CatalogSource.Release;
import org.pbx.marketplace.server.internal.crypto.Codec;
import org.pbx.marketplace.server.internal.crypto.JwsSigner;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.MetaStore;

/**
 * Keeps a signed catalog and its timestamp current, as The Update Framework does: the pair is
 * re-signed when the content changes or half its lifetime has passed, each time with a higher
 * version, and the pair is stored so a restart serves the same documents and never a lower version.
 */
public final class CatalogPublisher {
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
        Content fresh = source.read();
        content = fresh;
        String contentHash = Codec.sha256Hex(Json.bytes(fresh.modules()));
        long now = clock.instant().getEpochSecond();
        Signed stored = db.tx(c -> storedIfFresh(c, contentHash, now));
        if (stored != null) {
            return stored;
        }
        return db.tx(c -> {
            String version = MetaStore.lock(c, "catalog.version", "0");
            Signed again = storedIfFresh(c, contentHash, now);
            if (again != null) {
                return again;
            }
            long next = Long.parseLong(version) + 1;
            Signed signed = CatalogDocuments.sign(signer, fresh.modules(), next, now, lifetime);
            MetaStore.put(c, "catalog.version", Long.toString(next));
            MetaStore.put(c, "catalog.iat", Long.toString(now));
            MetaStore.put(c, "catalog.content", contentHash);
            MetaStore.put(c, "catalog.jws", signed.catalog());
            MetaStore.put(c, "timestamp.jws", signed.timestamp());
            return signed;
        });
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

    /** module id → feature id of every commercial module, for license tokens. */
    public Map<String, String> moduleFeatures() {
        return content().moduleFeatures();
    }
}
