package org.pbx.marketplace.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A licensed, unexpired feature, registered as a service while it lasts, with the service
 * property {@link LicenseConditions#FEATURE_ID_PROPERTY}. For code that prefers
 * {@code @Reference(target = "(marketplace.feature.id=crm)")} to a condition.
 */
@ProviderType
public interface LicensedFeature {

    /**
     * @return the feature's id
     */
    String id();

    /**
     * @return when the feature expires, epoch milliseconds; 0 if it does not
     */
    long expiresAt();

    /**
     * @return the seats licensed; 0 if the feature is not counted in seats
     */
    int seats();
}
