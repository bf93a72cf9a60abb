package org.pbx.marketplace.api.dto;

import java.util.Map;

import org.osgi.dto.DTO;

/**
 * One installed module in an upgrade check.
 */
public class UpgradeCheckModuleDTO extends DTO {
    /** Its release runs on the PBX version checked. */
    public static final String COMPATIBLE = "COMPATIBLE";
    /** It runs there after an update to {@link #release}. */
    public static final String UPDATE_NEEDED = "UPDATE_NEEDED";
    /** No release of it runs there. */
    public static final String INCOMPATIBLE = "INCOMPATIBLE";
    /** Not in the catalog (or no catalog yet): nothing says which PBX versions it runs on. */
    public static final String UNKNOWN = "UNKNOWN";

    /** The module's id. */
    public String moduleId;
    /** Its name by language, from the catalog; null when the catalog does not have it. */
    public Map<String, String> name;
    /** The installed version. */
    public String installedVersion;
    /** {@link #COMPATIBLE}, {@link #UPDATE_NEEDED}, {@link #INCOMPATIBLE} or {@link #UNKNOWN}. */
    public String outcome;
    /** For {@link #UPDATE_NEEDED}: the release to update to; otherwise null. */
    public String release;
    /** Why, in en and ru (the release's PBX version range against the version checked). */
    public ReasonDTO reason;
}
