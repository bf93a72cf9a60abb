package org.pbx.marketplace.api;

import org.osgi.annotation.versioning.ProviderType;
import org.pbx.marketplace.api.dto.LicenseDTO;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.api.dto.RegistrationDTO;

/**
 * The PBX's license: registration, key activation, and what is licensed right now.
 * <p>
 * Operations that talk to the vendor are serialized and idempotent: the same call twice ends in
 * the same state. A failed operation changes nothing and throws a {@link LicenseException}
 * whose reason tells the user what to do.
 * <p>
 * To switch a component on and off with a feature, prefer the OSGi way described in
 * {@link LicenseConditions} over calling this service.
 */
@ProviderType
public interface LicenseService {

    /**
     * @return the license as it stands now; a new object on every call, never null
     */
    LicenseDTO license();

    /**
     * Whether a feature is licensed and unexpired right now. Safe on any hot path: it reads an
     * immutable snapshot, with no I/O, no lock and no allocation.
     *
     * @param featureId the feature's id, as the catalog names it
     * @return true if the feature may be used now
     */
    boolean isFeatureAvailable(String featureId);

    /**
     * Why a feature is unavailable, in words for the user.
     *
     * @param featureId the feature's id
     * @return null if the feature is available, else the stable code and the en/ru message
     */
    ReasonDTO whyUnavailable(String featureId);

    /**
     * Registers this PBX in the marketplace: the vendor issues a new key bound to this installation.
     *
     * @param form the registration form
     * @return the license after registration
     * @throws LicenseException if the form is invalid or the vendor refused or can't be reached
     */
    LicenseDTO register(RegistrationDTO form) throws LicenseException;

    /**
     * Takes an existing key, checks it with the vendor and keeps it.
     *
     * @param key the license key as the vendor's letter shows it
     * @return the license with that key
     * @throws LicenseException if the key is malformed, unknown, bound to another PBX, or the vendor can't be reached
     */
    LicenseDTO activateKey(String key) throws LicenseException;

    /**
     * Applies a coupon to the current key.
     *
     * @param coupon the coupon code
     * @return the license after the coupon
     * @throws LicenseException if there is no key, or the coupon is unknown or used
     */
    LicenseDTO applyCoupon(String coupon) throws LicenseException;

    /**
     * Starts the trial of a product on the current key.
     *
     * @param productId the product's id
     * @return the license with the trial
     * @throws LicenseException if there is no key or the trial is not possible
     */
    LicenseDTO startTrial(String productId) throws LicenseException;

    /**
     * Checks the key with the vendor now.
     *
     * @return the license after the check; GRACE if the vendor can't be reached
     * @throws LicenseException if there is no key to check
     */
    LicenseDTO refresh() throws LicenseException;

    /**
     * Cancels the registration: releases this installation's binding at the vendor (later, if
     * the vendor can't be reached now) and forgets the key, its token and every licensed feature.
     */
    void unregister();

    /**
     * Makes an offline activation request for a PBX without a way to the vendor (docs/protocol.md,
     * "Offline activation"): a document signed by this installation's key that the vendor's cabinet
     * answers with a token file. Only the latest request can be imported; making one changes nothing else.
     *
     * @param key the license key to activate
     * @return the request file's content (a compact JWS of type pbx-activation-request)
     * @throws LicenseException if the key is malformed or the request could not be stored
     * @since 1.1
     */
    String offlineActivationRequest(String key) throws LicenseException;

    /**
     * Imports the token file the vendor made for the latest offline activation request, checked
     * as strictly as a token received online: the vendor's signature, this installation, the
     * requested key and the request's nonce.
     *
     * @param tokenFile the token file's content
     * @return the license with the imported token
     * @throws LicenseException if no request is pending or the token does not answer it
     * @since 1.1
     */
    LicenseDTO importOfflineToken(String tokenFile) throws LicenseException;
}
