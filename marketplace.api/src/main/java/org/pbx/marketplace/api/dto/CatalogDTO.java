package org.pbx.marketplace.api.dto;

import java.util.List;

import org.osgi.dto.DTO;

/**
 * The catalog as the PBX knows it.
 */
public class CatalogDTO extends DTO {
    /** The modules matching the query. */
    public List<ModuleDTO> modules;
    /** The catalog's version (grows with every publication); 0 if none was ever fetched. */
    public long version;
    /** When this catalog was fetched from the vendor, epoch millis; 0 if never. */
    public long fetchedAt;
    /** Whether this is an old copy: the last fetch failed or the catalog expired. */
    public boolean stale;
    /** Why the catalog is stale (or empty), or null. */
    public ReasonDTO reason;
    /** The PBX host's version that compatibility is judged against. */
    public String hostVersion;
    /** Every advisory of the catalog that covers an installed module (whatever the query), dismissed ones included. */
    public List<AdvisoryDTO> advisories;
    /** The update policy: {@code manual}, {@code notify} or {@code automatic} (security fixes only). */
    public String updatePolicy;
    /** The security fixes the automatic policy started since the PBX started, newest first. */
    public List<OperationDTO> automaticUpdates;
}
