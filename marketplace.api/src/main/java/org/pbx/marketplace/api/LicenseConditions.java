package org.pbx.marketplace.api;

/**
 * The names under which the Marketplace publishes the license to the service registry, so that
 * modules switch on and off with it and write no code for it.
 * <p>
 * While the PBX is licensed, an {@code org.osgi.service.condition.Condition} service with
 * {@code osgi.condition.id=}{@value #LICENSED} is registered; for each licensed, unexpired
 * feature one with {@code osgi.condition.id=marketplace.feature.<id>}. They are withdrawn the
 * moment that stops being true. Gate a DS component on a feature with:
 *
 * <pre>
 * &#64;Component
 * &#64;SatisfyingConditionTarget("(osgi.condition.id=marketplace.feature.crm)")
 * public class CrmSync { ... }
 * </pre>
 */
public final class LicenseConditions {

    /** Condition id present while the PBX holds an ACTIVE or GRACE license. */
    public static final String LICENSED = "marketplace.licensed";

    /** Prefix of a feature's condition id; the feature id follows. */
    public static final String FEATURE_PREFIX = "marketplace.feature.";

    /** Service property naming the feature of a {@link LicensedFeature} service. */
    public static final String FEATURE_ID_PROPERTY = "marketplace.feature.id";

    /** Service property (on the conditions) with the license status name. */
    public static final String STATUS_PROPERTY = "marketplace.license.status";

    private LicenseConditions() {
    }

    /**
     * @param featureId a feature id
     * @return the osgi.condition.id of that feature's condition
     */
    public static String featureCondition(String featureId) {
        return FEATURE_PREFIX + featureId;
    }

    /**
     * @param featureId a feature id
     * @return the LDAP filter to put in {@code @SatisfyingConditionTarget} for that feature
     */
    public static String featureFilter(String featureId) {
        return "(osgi.condition.id=" + FEATURE_PREFIX + featureId + ")";
    }
}
