package org.pbx.marketplace.impl.internal.license;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.pbx.marketplace.api.LicenseStatus;
import org.pbx.marketplace.api.dto.FeatureDTO;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ProductDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;

/**
 * The license at one moment, immutable: what the hot path reads without a lock. A new state is
 * computed whenever something changes: a verified answer, a failed check, or a moment at which a
 * product, a feature or the offline grace runs out.
 */
final class LicenseState {

    final LicenseStatus status;
    final String key;
    final Token token;
    final ReasonDTO reason;
    /** Features usable now. */
    final FeatureSet available;
    final long lastCheckAt;
    final long nextCheckAt;
    /** The next moment the state changes by time alone, or Long.MAX_VALUE. */
    final long nextBoundary;

    private LicenseState(LicenseStatus status, String key, Token token, ReasonDTO reason, FeatureSet available,
                         long lastCheckAt, long nextCheckAt, long nextBoundary) {
        this.status = status;
        this.key = key;
        this.token = token;
        this.reason = reason;
        this.available = available;
        this.lastCheckAt = lastCheckAt;
        this.nextCheckAt = nextCheckAt;
        this.nextBoundary = nextBoundary;
    }

    static LicenseState unregistered() {
        return new LicenseState(LicenseStatus.UNREGISTERED, null, null, null, FeatureSet.EMPTY, 0, 0, Long.MAX_VALUE);
    }

    /**
     * @param unreachable why the last check failed, or null if it succeeded (or none was made)
     * @param now the clock, already guarded against being turned back
     */
    static LicenseState evaluate(LicenseStore.Record record, Token token, String unreachable, long now, long nextCheckAt) {
        if (record.key == null) {
            return unregistered();
        }
        if (record.refusalStatus != null) {
            ReasonDTO reason = Reason.of(record.refusalCode, record.refusalMessage.get("en"), record.refusalMessage.get("ru"));
            return new LicenseState(LicenseStatus.valueOf(record.refusalStatus), record.key, token, reason, FeatureSet.EMPTY,
                    record.lastCheckAt, nextCheckAt, Long.MAX_VALUE);
        }
        if (token == null) {
            ReasonDTO reason = unreachable == null ? null : Reason.SERVER_DOWN.dto(unreachable);
            return new LicenseState(LicenseStatus.PENDING, record.key, null, reason, FeatureSet.EMPTY, record.lastCheckAt,
                    nextCheckAt, Long.MAX_VALUE);
        }
        LicenseStatus status;
        ReasonDTO reason = null;
        if (now >= token.offlineUntil) {
            status = LicenseStatus.EXPIRED;
            reason = Reason.OFFLINE_TOO_LONG.dto();
        } else if (!token.anyProductActive(now)) {
            status = LicenseStatus.EXPIRED;
            reason = Reason.LICENSE_EXPIRED.dto();
        } else if (unreachable != null || now >= token.expiresAt) {
            status = LicenseStatus.GRACE;
            reason = Reason.SERVER_UNREACHABLE.dto(unreachable == null ? "no check since the token expired" : unreachable,
                    Technical.date(Instant.ofEpochMilli(token.offlineUntil)));
        } else {
            status = LicenseStatus.ACTIVE;
        }
        Set<String> available = new HashSet<>();
        long boundary = token.offlineUntil;
        if (now < token.expiresAt) {
            boundary = Math.min(boundary, token.expiresAt);
        }
        for (ProductDTO product : token.products) {
            if (product.expiresAt > now) {
                boundary = Math.min(boundary, product.expiresAt);
            }
        }
        for (Map.Entry<String, Long> feature : token.featureExpiry.entrySet()) {
            long expiry = feature.getValue();
            if (expiry == 0 || expiry > now) {
                if (status == LicenseStatus.ACTIVE || status == LicenseStatus.GRACE) {
                    available.add(feature.getKey());
                }
                if (expiry > now) {
                    boundary = Math.min(boundary, expiry);
                }
            }
        }
        return new LicenseState(status, record.key, token, reason, new FeatureSet(available),
                record.lastCheckAt, nextCheckAt, now >= boundary ? Long.MAX_VALUE : boundary);
    }

    boolean licensed() {
        return status == LicenseStatus.ACTIVE || status == LicenseStatus.GRACE;
    }

    /** Why a feature is unavailable, or null if it is available; {@code names}: a feature's name by language, or null. */
    ReasonDTO why(String featureId, Function<String, Map<String, String>> names) {
        if (available.contains(featureId)) {
            return null;
        }
        if (status == LicenseStatus.UNREGISTERED) {
            return Reason.NOT_REGISTERED.dto();
        }
        if (!licensed() && reason != null) {
            return reason;
        }
        if (token != null && token.featureExpiry.containsKey(featureId)) {
            return FeatureReason.FEATURE_EXPIRED.dto(featureId, names);
        }
        return FeatureReason.FEATURE_NOT_LICENSED.dto(featureId, names);
    }

    /** {@code names}: a feature's name by language, or null (as {@link #why}). */
    LicenseDTO toDTO(String installationId, Function<String, Map<String, String>> names) {
        LicenseDTO dto = new LicenseDTO();
        dto.status = status;
        dto.maskedKey = Keys.mask(key);
        dto.installationId = installationId;
        dto.lastCheckAt = lastCheckAt;
        dto.nextCheckAt = nextCheckAt;
        dto.reason = reason;
        dto.products = new ArrayList<>();
        dto.features = new ArrayList<>();
        if (token != null) {
            dto.owner = copy(token.owner);
            dto.offlineUntil = token.offlineUntil;
            for (ProductDTO p : token.products) {
                ProductDTO product = new ProductDTO();
                product.id = p.id;
                product.name = p.name;
                product.names = p.names == null ? null : new java.util.LinkedHashMap<>(p.names);
                product.trial = p.trial;
                product.expiresAt = p.expiresAt;
                dto.products.add(product);
            }
            for (FeatureDTO f : token.features) {
                FeatureDTO feature = new FeatureDTO();
                feature.id = f.id;
                feature.expiresAt = f.expiresAt;
                feature.seats = f.seats;
                feature.seatsUsed = f.seatsUsed;
                feature.available = available.contains(f.id);
                Map<String, String> name = names.apply(f.id);
                feature.names = name == null ? null : new java.util.LinkedHashMap<>(name);
                dto.features.add(feature);
            }
        }
        return dto;
    }

    List<String> availableSorted() {
        List<String> list = new ArrayList<>(available);
        Collections.sort(list);
        return list;
    }

    private static org.pbx.marketplace.api.dto.OwnerDTO copy(org.pbx.marketplace.api.dto.OwnerDTO o) {
        org.pbx.marketplace.api.dto.OwnerDTO owner = new org.pbx.marketplace.api.dto.OwnerDTO();
        owner.companyName = o.companyName;
        owner.contactName = o.contactName;
        owner.email = o.email;
        owner.phone = o.phone;
        owner.companyId = o.companyId;
        return owner;
    }
}
