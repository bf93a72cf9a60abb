package org.pbx.marketplace.server.internal.license;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.pbx.marketplace.server.internal.crypto.JwsSigner;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.store.Rows.License;
import org.pbx.marketplace.server.internal.store.Rows.Owner;

/** Builds and signs the payloads of pbx-license and pbx-refusal (docs/protocol.md, "Signed documents"). */
public final class TokenIssuer {
    private final JwsSigner signer;
    private final Duration tokenLifetime;
    private final Duration offlineGrace;

    public TokenIssuer(JwsSigner signer, Duration tokenLifetime, Duration offlineGrace) {
        this.signer = signer;
        this.tokenLifetime = tokenLifetime;
        this.offlineGrace = offlineGrace;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public String license(License license, long serial, String licenseKey, String nonce, String installationId,
                          Entitlements entitlements, Map<String, String> moduleFeatures, long now) {
        ObjectNode p = header(JwsSigner.LICENSE, nonce, installationId, now);
        p.put("serial", serial);
        p.put("licenseKey", licenseKey);
        p.put("offlineUntil", now + offlineGrace.toSeconds());
        Owner o = license.owner();
        ObjectNode owner = p.putObject("owner");
        owner.put("companyName", o.companyName());
        owner.put("contactName", o.contactName());
        owner.put("email", o.email());
        owner.put("phone", o.phone());
        owner.put("companyId", o.companyId());
        ArrayNode products = p.putArray("products");
        for (Entitlements.ProductGrant g : entitlements.products()) {
            ObjectNode product = products.addObject();
            product.put("id", g.id());
            product.putObject("name").put("en", g.nameEn()).put("ru", g.nameRu());
            product.put("trial", g.trial());
            product.put("expiresAt", g.expiresAt());
        }
        ArrayNode features = p.putArray("features");
        for (Entitlements.FeatureGrant g : entitlements.features()) {
            features.addObject().put("id", g.id()).put("expiresAt", g.expiresAt())
                    .put("seats", g.seats()).put("seatsUsed", g.seatsUsed());
        }
        ObjectNode modules = p.putObject("modules");
        moduleFeatures.forEach(modules::put);
        return signer.sign(p);
    }

    public String refusal(Refusal refusal, String licenseKeyHash, String nonce, String installationId, long now) {
        ObjectNode p = header(JwsSigner.REFUSAL, nonce, installationId, now);
        p.put("licenseKeyHash", licenseKeyHash);
        p.put("reason", refusal.reason());
        p.put("code", refusal.error().code());
        p.put("name", refusal.error().name());
        p.putObject("message").put("en", refusal.error().en()).put("ru", refusal.error().ru());
        if (refusal.releasedAt() > 0) {
            p.put("releasedAt", refusal.releasedAt());
        }
        return signer.sign(p);
    }

    private ObjectNode header(String type, String nonce, String installationId, long now) {
        ObjectNode p = Json.object();
        p.put("type", type);
        p.put("iat", now);
        p.put("exp", now + tokenLifetime.toSeconds());
        p.put("nonce", nonce);
        p.put("installationId", installationId);
        return p;
    }
}
