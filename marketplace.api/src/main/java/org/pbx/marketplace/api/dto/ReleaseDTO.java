package org.pbx.marketplace.api.dto;

import java.util.List;
import java.util.Map;

import org.osgi.dto.DTO;

/**
 * One release of a module.
 */
public class ReleaseDTO extends DTO {
    /** Its version, the bundle's Bundle-Version. */
    public String version;
    /** Lowest host version it runs on (inclusive), or null. */
    public String minHostVersion;
    /** Highest host version it runs on (inclusive), or null. */
    public String maxHostVersion;
    /** Size of the jar in bytes. */
    public long size;
    /** SHA-256 of the jar (hex). */
    public String sha256;
    /** Changes, by language. */
    public Map<String, String> changelog;
    /** Release date (ISO-8601 date). */
    public String date;
    /** Module ids that must be installed with it. */
    public List<String> requires;
    /** Whether it runs on this host. */
    public boolean compatible;
    /** Why not, or null. */
    public ReasonDTO incompatibleReason;
    /**
     * Whether it is an earlier release than the installed one that runs on this host: offered to go back
     * to ({@code ModuleCatalog.downgrade}); false when the module is not installed.
     */
    public boolean earlier;
    /**
     * Ids of the security advisories that cover this release (empty when none): going back to it asks for
     * confirmation.
     */
    public List<String> advisoryIds;
}
