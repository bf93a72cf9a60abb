package org.pbx.marketplace.server.internal.license;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.pbx.marketplace.server.internal.crypto.Codes;
import org.pbx.marketplace.server.internal.crypto.InstallationAuth.Installation;
import org.pbx.marketplace.server.internal.crypto.KeyVault;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.error.RateLimited;
import org.pbx.marketplace.server.internal.mail.MailOutbox;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.LicenseStore;
import org.pbx.marketplace.server.internal.store.NonceStore;
import org.pbx.marketplace.server.internal.store.RateStore;
import org.pbx.marketplace.server.internal.store.ProductStore;
import org.pbx.marketplace.server.internal.store.TrialStore;
import org.pbx.marketplace.server.internal.store.Rows.InstallationLabel;
import org.pbx.marketplace.server.internal.store.Rows.License;
import org.pbx.marketplace.server.internal.store.Rows.LicenseProduct;
import org.pbx.marketplace.server.internal.store.Rows.Product;
import org.pbx.marketplace.server.internal.validation.RegistrationForm;

/**
 * The license authority's protocol operations. Each runs as one transaction: an error stores
 * nothing; a signed answer (token or refusal) stores its nonce so the same request cannot be replayed.
 */
public final class LicenseService {
    public static final String BASE_PRODUCT = "pbx-marketplace";
    /** Limit bucket: registrations per client address per hour. */
    static final String REGISTRATIONS_PER_CLIENT = "registrations.client";

    /** A signed answer: a pbx-license token, or a pbx-refusal when refused. */
    public record Answer(boolean refused, String jws) {
    }

    /** A new key, its token, and whether a letter with the key was queued for the owner's e-mail (mail configured). */
    public record Registered(String licenseKey, String jws, boolean letterSent) {
    }

    @FunctionalInterface
    private interface Action {
        License run(Connection c, long now) throws SQLException;
    }

    private final Database db;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final Duration baseLicense;
    private final Supplier<Map<String, String>> moduleFeatures;
    private final KeyVault vault;
    private final MailOutbox outbox;
    private final int registrationsPerClientPerHour;
    private final int lettersPerAddressPerDay;

    public LicenseService(Database db, TokenIssuer issuer, Clock clock, Duration baseLicense,
                          Supplier<Map<String, String>> moduleFeatures, KeyVault vault, MailOutbox outbox,
                          int registrationsPerClientPerHour, int lettersPerAddressPerDay) {
        this.registrationsPerClientPerHour = registrationsPerClientPerHour;
        this.lettersPerAddressPerDay = lettersPerAddressPerDay;
        this.vault = vault;
        this.outbox = outbox;
        this.db = db;
        this.issuer = issuer;
        this.clock = clock;
        this.baseLicense = baseLicense;
        this.moduleFeatures = moduleFeatures;
    }

    /** @param clientAddress the client's network address, for the per-client limit */
    public Registered register(RegistrationForm form, Installation caller, String clientAddress) {
        return register(form, caller, clientAddress, InstallationLabel.NONE);
    }

    /** @param label what the PBX reports of itself (host name, PBX version), shown in the cabinet */
    public Registered register(RegistrationForm form, Installation caller, String clientAddress, InstallationLabel label) {
        String key = Codes.newKey();
        Answer answer = answer(key, form.nonce(), caller, label, (c, now) -> {
            // Both limits count in this transaction: a registration refused later counts nothing.
            // The per-address row stays locked until commit, which also serializes registrations of one
            // e-mail address, so the one-company rule below cannot be raced past from two nodes.
            long clientWait = registrationsPerClientPerHour == 0 ? 0 : RateStore.acquire(c,
                    REGISTRATIONS_PER_CLIENT, clientAddress, registrationsPerClientPerHour, 3600, now);
            if (clientWait > 0) {
                throw new RateLimited(ErrorCode.E_REGISTRATION_RATE_LIMITED, null, clientWait);
            }
            long addressWait = lettersPerAddressPerDay == 0 ? 0 : RateStore.acquire(c, MailOutbox.LETTERS_PER_ADDRESS,
                    form.emailNorm(), lettersPerAddressPerDay, RateStore.LONGEST_WINDOW, now);
            if (addressWait > 0) {
                throw new RateLimited(ErrorCode.E_REGISTRATION_RATE_LIMITED, "email", addressWait);
            }
            // No check of other companies at this address: a refusal would tell anyone who is a customer
            // (issue 16). Keys go only to the address itself, in the registration and lost-key letters.
            String hash = Codes.hash(key);
            long id = LicenseStore.insert(c, hash, form.owner(), form.companyNorm(), form.companyIdNorm(),
                    form.emailNorm(), form.language(), now, false);
            // Sealed, not hashed only, so the lost-key letter can send it again (KeyVault says how it stays safe).
            LicenseStore.setKeySealed(c, id, vault.seal(key, hash));
            LicenseStore.putProduct(c, id, new LicenseProduct(BASE_PRODUCT, false, now + baseLicense.toSeconds()));
            outbox.queueRegistration(c, id, form.owner().email(), form.language(), now);
            return LicenseStore.byId(c, id);
        });
        outbox.wake();
        return new Registered(key, answer.jws(), outbox.enabled());
    }

    public Answer validate(String key, String nonce, Map<String, Integer> usage, Installation caller) {
        return validate(key, nonce, usage, caller, InstallationLabel.NONE);
    }

    public Answer validate(String key, String nonce, Map<String, Integer> usage, Installation caller,
                           InstallationLabel label) {
        return answer(key, nonce, caller, label, (c, now) -> {
            License license = LicenseRules.authorize(c, key, caller.id(), true, true, now);
            Entitlements held = Entitlements.of(c, license.id());
            for (Map.Entry<String, Integer> used : usage.entrySet()) {
                if (held.features().stream().anyMatch(f -> f.id().equals(used.getKey()))) {
                    LicenseStore.putUsage(c, license.id(), used.getKey(), used.getValue());
                }
            }
            return license;
        });
    }

    public Answer startTrial(String key, String productId, String nonce, Installation caller) {
        return startTrial(key, productId, nonce, caller, InstallationLabel.NONE);
    }

    public Answer startTrial(String key, String productId, String nonce, Installation caller, InstallationLabel label) {
        return answer(key, nonce, caller, label, (c, now) -> {
            License license = LicenseRules.authorize(c, key, caller.id(), true, true, now);
            Product product = ProductStore.find(c, productId);
            if (product == null) {
                throw new ApiException(ErrorCode.E_UNKNOWN_PRODUCT, "productId");
            }
            if (product.trialDays() <= 0) {
                throw new ApiException(ErrorCode.E_NO_TRIAL, "productId");
            }
            LicenseProduct held = LicenseStore.products(c, license.id()).stream()
                    .filter(p -> p.productId().equals(productId)).findFirst().orElse(null);
            if (held != null && held.expiresAt() > now) {
                return license;
            }
            // Once per key and once per installation: a PBX that unregisters and registers again gets a
            // new key, but keeps its installation key pair, so it does not get the trial a second time.
            if (held != null || TrialStore.used(c, productId, license.id(), caller.id())) {
                throw new ApiException(ErrorCode.E_TRIAL_USED, "productId");
            }
            LicenseStore.putProduct(c, license.id(),
                    new LicenseProduct(productId, true, now + product.trialDays() * LicenseRules.DAY));
            TrialStore.record(c, productId, license.id(), caller.id(), now);
            return license;
        });
    }

    /** Needs no active product: a coupon is how an expired license is renewed. */
    public Answer activateCoupon(String key, String coupon, String nonce, Installation caller) {
        return activateCoupon(key, coupon, nonce, caller, InstallationLabel.NONE);
    }

    public Answer activateCoupon(String key, String coupon, String nonce, Installation caller, InstallationLabel label) {
        return answer(key, nonce, caller, label, (c, now) -> {
            License license = LicenseRules.authorize(c, key, caller.id(), false, true, now);
            LicenseRules.applyCoupon(c, license, coupon, now);
            return license;
        });
    }

    /**
     * Answers an offline activation request with a token for its installation, nonce echoed, as
     * validate would. A "no" comes as a numbered JSON error, not a signed refusal: the PBX imports
     * only tokens, and a person reads the error.
     */
    public String activateOffline(ActivationRequest request) {
        return answer(request.licenseKey(), request.nonce(), request.installation(), InstallationLabel.NONE, (c, now) -> {
            try {
                return LicenseRules.authorize(c, request.licenseKey(), request.installation().id(), true, now);
            } catch (Refusal refusal) {
                throw new ApiException(refusal.error(), "licenseKey");
            }
        }).jws();
    }

    /** Idempotent: an installation that is not bound has nothing to release. */
    public void release(String key, Installation caller) {
        db.tx(c -> {
            License license = LicenseStore.byKeyHash(c, Codes.hash(key));
            if (license == null) {
                throw new ApiException(ErrorCode.E_UNKNOWN_KEY, "licenseKey");
            }
            LicenseStore.release(c, license.id(), caller.id());
            return null;
        });
    }

    /**
     * For paid downloads: the caller must hold the key's binding and an unexpired grant of the feature, or
     * (trialProductId given) be able to start the trial of a product granting it; that trial is not started here.
     */
    public void checkFeature(String key, String featureId, Installation caller, String trialProductId) {
        db.tx(c -> {
            long now = clock.instant().getEpochSecond();
            License license;
            try {
                license = LicenseRules.authorize(c, key, caller.id(), false, now);
            } catch (Refusal refusal) {
                throw new ApiException(refusal.error(), "licenseKey");
            }
            boolean bound = LicenseStore.bindings(c, license.id()).stream()
                    .anyMatch(b -> b.installationId().equals(caller.id()));
            if (!bound || !Entitlements.of(c, license.id()).featureActive(featureId, now)
                    && (trialProductId == null || !trialOpen(c, trialProductId, featureId, license, caller))) {
                throw new ApiException(ErrorCode.E_NOT_ENTITLED);
            }
            return null;
        });
    }

    /** Whether startTrial would grant this product, which grants the feature, to this key and installation. */
    private static boolean trialOpen(Connection c, String productId, String featureId, License license, Installation caller)
            throws SQLException {
        Product product = ProductStore.find(c, productId);
        return product != null && product.trialDays() > 0
                && product.features().stream().anyMatch(f -> f.id().equals(featureId))
                && LicenseStore.products(c, license.id()).stream().noneMatch(p -> p.productId().equals(productId))
                && !TrialStore.used(c, productId, license.id(), caller.id());
    }

    private Answer answer(String key, String nonce, Installation caller, InstallationLabel label, Action action) {
        return db.tx(c -> {
            long now = clock.instant().getEpochSecond();
            // Claimed first, in this transaction: a JSON error rolls the claim back (the nonce may be retried),
            // a signed answer keeps it, and a concurrent request with the same nonce waits and is a replay.
            if (!NonceStore.claim(c, caller.id(), nonce, now + issuer.tokenLifetime().toSeconds(), now)) {
                throw new ApiException(ErrorCode.E_NONCE_REPLAY, "nonce");
            }
            try {
                License license = action.run(c, now);
                LicenseStore.bind(c, license.id(), caller.id(), caller.publicKey(), now, label);
                long serial = LicenseStore.nextSerial(c, license.id());
                return new Answer(false, issuer.license(license, serial, key, nonce, caller.id(),
                        Entitlements.of(c, license.id()), moduleFeatures.get(), now));
            } catch (Refusal refusal) {
                return new Answer(true, issuer.refusal(refusal, Codes.hash(key), nonce, caller.id(), now));
            }
        });
    }
}
