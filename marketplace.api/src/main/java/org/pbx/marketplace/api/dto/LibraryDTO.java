package org.pbx.marketplace.api.dto;

import org.osgi.dto.DTO;

/**
 * A library bundle a module uses: installed from the catalog with the first module that needed it, shared
 * between modules, removed with the last; never listed as a module of its own.
 */
public class LibraryDTO extends DTO {
    /** Its Bundle-SymbolicName, e.g. {@code com.google.gson}. */
    public String symbolicName;
    /** Its Bundle-Version. */
    public String version;
}
