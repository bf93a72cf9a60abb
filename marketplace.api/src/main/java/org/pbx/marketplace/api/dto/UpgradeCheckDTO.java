package org.pbx.marketplace.api.dto;

import java.util.List;
import java.util.Map;

import org.osgi.dto.DTO;

/**
 * Which installed modules would run on another PBX version, computed from the catalog's releases
 * and their PBX version ranges: the answer to "check PBX version X" before upgrading the PBX.
 */
public class UpgradeCheckDTO extends DTO {
    /** The PBX version checked, as given. */
    public String pbxVersion;
    /** This PBX's version now. */
    public String hostVersion;
    /** The version of the catalog the check used; 0 when no catalog was received yet. */
    public long catalogVersion;
    /** Whether that catalog is an old copy (the last fetch failed or it expired): the answer may be out of date. */
    public boolean stale;
    /** Every installed module, by id. */
    public List<UpgradeCheckModuleDTO> modules;
    /** The whole report as plain text, by language ({@code en}, {@code ru}): what the page copies and the shell prints. */
    public Map<String, String> text;
}
