package org.pbx.marketplace.api;

import org.osgi.annotation.versioning.ProviderType;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.api.dto.OperationDTO;
import org.pbx.marketplace.api.dto.UpgradeCheckDTO;

/**
 * The vendor's signed module catalog, and installing, updating and removing its modules while
 * the PBX runs. Every change is an operation you can follow; a failed one leaves the framework's
 * bundles as they were.
 */
@ProviderType
public interface ModuleCatalog {

    /**
     * @param query what to show; null or an empty query shows everything
     * @return the matching modules, with the catalog's version and whether it is stale
     */
    CatalogDTO catalog(ModuleQueryDTO query);

    /**
     * @param moduleId the module's id (its Bundle-SymbolicName)
     * @return the module with all its releases, or null if the catalog has no such module
     */
    ModuleDTO module(String moduleId);

    /**
     * Starts installing a module (and the modules it requires, first).
     *
     * @param moduleId the module's id
     * @param version a release's version, or null for the newest compatible one
     * @return the operation, already running
     * @throws CatalogException if the module or release is unknown or incompatible, or an operation on it is running
     */
    OperationDTO install(String moduleId, String version) throws CatalogException;

    /**
     * Starts updating an installed module to its newest compatible release.
     *
     * @param moduleId the module's id
     * @return the operation, already running
     * @throws CatalogException if the module is not installed, has no newer release, or is busy
     */
    OperationDTO update(String moduleId) throws CatalogException;

    /**
     * Starts going back to an earlier release of an installed module: an operation of kind
     * {@code DOWNGRADE}, as safe as an update (journaled, rolled back when it fails or the host stops in it).
     *
     * @param moduleId the module's id
     * @param version the earlier release, one that runs on this PBX
     * @param confirmAdvisories true when the admin confirmed going back to a release that security
     *        advisories cover; without it such a release is refused ({@code ADVISORY_CONFIRM})
     * @return the operation, already running
     * @throws CatalogException if the module is not installed, the release is unknown, not earlier than the
     *         installed one, incompatible, under an advisory not confirmed, or the module is busy
     * @since 2.2
     */
    OperationDTO downgrade(String moduleId, String version, boolean confirmAdvisories) throws CatalogException;

    /**
     * Checks which installed modules would run on another PBX version, from the catalog's releases
     * and their PBX version ranges; changes nothing.
     *
     * @param pbxVersion the PBX version to check, e.g. {@code 8.0.0}
     * @return every installed module: compatible, compatible after updating to a release, or incompatible, with why
     * @throws CatalogException {@code PBX_VERSION_MALFORMED} if the version is not major[.minor[.micro]]
     * @since 2.2
     */
    UpgradeCheckDTO upgradeCheck(String pbxVersion) throws CatalogException;

    /**
     * Starts removing an installed module.
     *
     * @param moduleId the module's id
     * @return the operation, already running
     * @throws CatalogException if the module is not installed, another installed module requires it, or it is busy
     */
    OperationDTO uninstall(String moduleId) throws CatalogException;

    /**
     * @param operationId an operation's id
     * @return the operation as it stands, or null if unknown
     */
    OperationDTO operation(String operationId);

    /**
     * Fetches the catalog from the vendor now.
     *
     * @return the catalog after the fetch
     * @throws CatalogException if the vendor's catalog was refused (the last good one stays, marked stale)
     */
    CatalogDTO refresh() throws CatalogException;

    /**
     * Hides one security advisory from the banners of the Marketplace page, remembered across
     * restarts. It stays listed (marked dismissed) and still counts for health checks and the
     * {@link InstalledAdvisories} service; there is no way to hide all of them.
     *
     * @param advisoryId the advisory's id
     * @throws CatalogException if no advisory with that id covers an installed module
     */
    void dismissAdvisory(String advisoryId) throws CatalogException;
}
