package org.pbx.marketplace.api.dto;

import org.osgi.dto.DTO;

/**
 * A catalog search; every null field means "any".
 */
public class ModuleQueryDTO extends DTO {
    /** Words to find in the name or description (any language), case-insensitive. */
    public String text;
    /** {@code free} or {@code paid}. */
    public String type;
    /** Vendor name, exact. */
    public String vendor;
    /** Category, exact. */
    public String category;
    /** Only installed (true) or only not installed (false). */
    public Boolean installed;
    /** Only modules with an update available. */
    public Boolean updateAvailable;
    /** Only modules with a release compatible with this host (true) or without (false). */
    public Boolean compatible;
}
