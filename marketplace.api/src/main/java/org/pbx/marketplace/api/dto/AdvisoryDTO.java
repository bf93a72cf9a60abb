package org.pbx.marketplace.api.dto;

import java.util.List;
import java.util.Map;

import org.osgi.dto.DTO;

/**
 * A security advisory of the vendor's signed catalog that covers a module installed on this PBX.
 */
public class AdvisoryDTO extends DTO {
    /** The advisory's id, e.g. {@code PBXSA-2026-001}; dismissals name it. */
    public String id;
    /** The module it is about. */
    public String moduleId;
    /** The module's installed version, which an affected range covers. */
    public String installedVersion;
    /** The affected versions, as OSGi version ranges. */
    public List<String> affected;
    /** The release that fixes it, or null while there is none. */
    public String fixedVersion;
    /** Whether the fixed release is in the catalog and runs on this PBX. */
    public boolean fixAvailable;
    /** {@code low}, {@code medium}, {@code high} or {@code critical}. */
    public String severity;
    /** Title by language ({@code en}, {@code ru}). */
    public Map<String, String> title;
    /** What it is and what to do, by language. */
    public Map<String, String> text;
    /** A page with details, or null. */
    public String url;
    /** Whether the affected releases were withdrawn by the vendor. */
    public boolean withdrawn;
    /** Whether the admin dismissed it (it is still listed, and still counted by health checks and the service). */
    public boolean dismissed;
}
