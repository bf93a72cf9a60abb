package org.pbx.marketplace.impl.internal.license;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.pbx.marketplace.api.LicenseException;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;
import org.pbx.marketplace.impl.form.RequiredFields;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Level;
import org.pbx.marketplace.impl.internal.license.LicenseEngine.Log;
import org.pbx.marketplace.impl.internal.protocol.InstallationIdentity;
import org.pbx.marketplace.impl.internal.protocol.JwsVerifier;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

/**
 * What the admin (page, console, configuration) and the catalog ask of the license, each in three
 * steps: take a ticket from the {@link LicenseStateMachine}, ask the vendor through the
 * {@link VendorLink} holding no lock the state needs, and commit the verified answer, which the
 * state machine refuses if a newer state came meanwhile. Key changes run one at a time among
 * themselves; checks, coupons and trials never wait for them, nor readers for anything.
 */
final class LicenseOperations {

    private final InstallationIdentity identity;
    private final LicenseClock clock;
    private final LicenseStateMachine machine;
    private final VendorLink link;
    private final KeyReconciler reconciler;
    private final CheckScheduler scheduler;
    private final Supplier<LicenseDTO> license;
    /** Releases queued bindings (on the caller's thread). */
    private final Runnable drain;
    private final Log log;
    /**
     * Key changes (register, a key entered, an offline import, unregistering) one at a time: twenty
     * registrations at once end with one key.
     */
    private final Object keyChange = new Object();

    LicenseOperations(InstallationIdentity identity, LicenseClock clock, LicenseStateMachine machine, VendorLink link,
                      KeyReconciler reconciler, CheckScheduler scheduler, Supplier<LicenseDTO> license, Runnable drain,
                      Log log) {
        this.identity = identity;
        this.clock = clock;
        this.machine = machine;
        this.link = link;
        this.reconciler = reconciler;
        this.scheduler = scheduler;
        this.license = license;
        this.drain = drain;
        this.log = log;
    }

    LicenseDTO register(RegistrationDTO form) throws LicenseException {
        synchronized (keyChange) {
            return registerOnce(form);
        }
    }

    private LicenseDTO registerOnce(RegistrationDTO form) throws LicenseException {
        LicenseStateMachine.Ticket ticket = machine.ticket();
        if (ticket.key != null) {
            String email = form == null || form.email == null ? "" : form.email.trim();
            if (ticket.ownerEmail != null && email.equalsIgnoreCase(ticket.ownerEmail)) {
                return license.get();
            }
            throw new LicenseException(Reason.ALREADY_REGISTERED.dto());
        }
        List<String> missing = RequiredFields.missing(form);
        if (!missing.isEmpty()) {
            throw new LicenseException(Reason.FORM_INVALID.dto(String.join(", ", missing)));
        }
        LicenseProtocol.Outcome outcome = call(p -> p.register(form));
        if (outcome.token == null) {
            throw refusal(outcome);
        }
        String key = Keys.normalize(outcome.token.licenseKey);
        commit(ticket, key, outcome.token, true);
        log.log(Level.INFO, "Registered in the marketplace; license key " + Keys.mask(key));
        log.log(Level.DEBUG, "Registration of " + form.companyName + " <" + form.email + ">");
        return license.get();
    }

    LicenseDTO activateKey(String key) throws LicenseException {
        String normalized = Keys.normalize(key);
        if (!Keys.isKey(normalized)) {
            throw new LicenseException(Reason.KEY_FORMAT.dto());
        }
        synchronized (keyChange) {
            return activate(normalized);
        }
    }

    private LicenseDTO activate(String normalized) throws LicenseException {
        LicenseStateMachine.Ticket ticket = machine.ticket();
        LicenseProtocol.Outcome outcome = call(p -> p.validate(normalized));
        if (outcome.token != null) {
            commit(ticket, normalized, outcome.token, true);
            log.log(Level.INFO, "License key " + Keys.mask(normalized) + " activated");
            return license.get();
        }
        if (normalized.equals(ticket.key)) {
            machine.refuse(ticket, outcome);
            return license.get();
        }
        throw refusal(outcome);
    }

    LicenseDTO applyCoupon(String coupon) throws LicenseException {
        String normalized = Keys.normalize(coupon);
        if (!Keys.isCoupon(normalized)) {
            throw new LicenseException(Reason.COUPON_FORMAT.dto());
        }
        LicenseStateMachine.Ticket ticket = machine.ticket();
        String key = requireKey(ticket);
        return answer(ticket, key, call(p -> p.coupon(key, normalized)));
    }

    LicenseDTO startTrial(String productId) throws LicenseException {
        if (productId == null || productId.isBlank()) {
            throw new LicenseException(Reason.FORM_INVALID.dto("productId"));
        }
        LicenseStateMachine.Ticket ticket = machine.ticket();
        String key = requireKey(ticket);
        return answer(ticket, key, call(p -> p.trial(key, productId.trim())));
    }

    LicenseDTO refresh() throws LicenseException {
        LicenseStateMachine.Ticket ticket = machine.ticket();
        String key = requireKey(ticket);
        try {
            return answer(ticket, key, link.protocol().validate(key));
        } catch (VendorUnreachableException e) {
            machine.unreachable(ticket, e.getMessage(), link.settings());
            return license.get();
        }
    }

    /** Remembers the request's nonce and key on disk first, so a restart before the import loses nothing. */
    String offlineActivationRequest(String key) throws LicenseException {
        String normalized = Keys.normalize(key);
        if (!Keys.isKey(normalized)) {
            throw new LicenseException(Reason.KEY_FORMAT.dto());
        }
        String nonce = OfflineActivation.nonce();
        machine.update(next -> {
            next.offlineNonce = nonce;
            next.offlineKey = normalized;
            return null;
        });
        log.log(Level.INFO, "Offline activation request made for license key " + Keys.mask(normalized));
        return OfflineActivation.request(identity, normalized, nonce, clock.millis());
    }

    LicenseDTO importOfflineToken(String tokenFile) throws LicenseException {
        synchronized (keyChange) {
            return importOffline(tokenFile);
        }
    }

    private LicenseDTO importOffline(String tokenFile) throws LicenseException {
        LicenseStateMachine.Ticket ticket = machine.ticket();
        LicenseStore.Record record = machine.record();
        if (record.offlineNonce == null || record.offlineKey == null) {
            throw new LicenseException(Reason.OFFLINE_NO_REQUEST.dto());
        }
        Map<String, PublicKey> keys = link.vendorKeys();
        if (keys.isEmpty()) {
            throw new LicenseException(Reason.NO_VENDOR_KEYS.dto());
        }
        String key = record.offlineKey;
        Token accepted = OfflineActivation.verify(new JwsVerifier(keys), identity.id(), tokenFile,
                record.offlineNonce, key, clock.millis());
        commit(ticket, key, accepted, true);
        // The request is answered: the same token file can't be imported twice.
        machine.update(next -> {
            next.offlineNonce = null;
            next.offlineKey = null;
            return null;
        });
        log.log(Level.INFO, "License key " + Keys.mask(key) + " activated offline");
        return license.get();
    }

    void unregister() {
        String key;
        synchronized (keyChange) {
            key = machine.unregister();
        }
        if (key == null) {
            return;
        }
        reconciler.syncNow();
        log.log(Level.INFO, "Unregistered from the marketplace (key " + Keys.mask(key) + ")");
        // Stored as unregistered first; the vendor hears of it now, or when it is reachable again.
        drain.run();
    }

    private interface Call {
        LicenseProtocol.Outcome run(LicenseProtocol protocol) throws LicenseException, VendorUnreachableException;
    }

    private LicenseProtocol.Outcome call(Call call) throws LicenseException {
        try {
            return call.run(link.protocol());
        } catch (VendorUnreachableException e) {
            throw new LicenseException(Reason.SERVER_DOWN.dto(e.getMessage()));
        }
    }

    private LicenseDTO answer(LicenseStateMachine.Ticket ticket, String key, LicenseProtocol.Outcome outcome)
            throws LicenseException {
        if (outcome.token != null) {
            commit(ticket, key, outcome.token, false);
        } else {
            machine.refuse(ticket, outcome);
        }
        return license.get();
    }

    private void commit(LicenseStateMachine.Ticket ticket, String key, Token token, boolean changesKey)
            throws LicenseException {
        LicenseStateMachine.Effect effect = machine.accept(ticket, key, token, changesKey);
        if (effect == LicenseStateMachine.Effect.KEY_CHANGED) {
            reconciler.syncNow();
            // The key replaced (if any) is queued for release: on the check thread, not the caller's.
            scheduler.runSoon(drain);
        }
    }

    private static String requireKey(LicenseStateMachine.Ticket ticket) throws LicenseException {
        if (ticket.key == null) {
            throw new LicenseException(Reason.NOT_REGISTERED.dto());
        }
        return ticket.key;
    }

    private static LicenseException refusal(LicenseProtocol.Outcome outcome) {
        return new LicenseException(Reason.of(outcome.refusalCode, outcome.refusalMessage.get("en"),
                outcome.refusalMessage.get("ru")));
    }
}
