/**
 * Data transfer objects of the Marketplace API: plain public fields, copied on every call.
 *
 * <p>1.2: {@code UpgradeCheckDTO} and {@code UpgradeCheckModuleDTO} (the report of a PBX upgrade
 * check), {@code ReleaseDTO.advisoryIds}, {@code ReleaseDTO.earlier}; {@code AdvisoryDTO}; {@code ModuleDTO.advisories}, {@code CatalogDTO.advisories},
 * {@code CatalogDTO.updatePolicy} and {@code CatalogDTO.automaticUpdates}.
 *
 * <p>1.3: {@code ProductDTO.names} and {@code FeatureDTO.names}, the names by language; {@code ModuleDTO.releaseLibraries}, the catalog's libraries a module not installed would bring.
 */
@Export
@Version("1.3.0")
package org.pbx.marketplace.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
