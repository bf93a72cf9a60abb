/**
 * Data transfer objects of the Marketplace API: plain public fields, copied on every call.
 */
@Export
@Version("1.2.0")
package org.pbx.marketplace.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
