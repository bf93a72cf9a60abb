/**
 * Services for the PBX's own admin tools only, never for modules: exported with the mandatory
 * attribute {@code marketplace.admin=true} (bnd.bnd), and its services hidden from every bundle
 * but the admin bundles by a service hook of marketplace.impl.
 */
@Version("1.0.0")
package org.pbx.marketplace.admin;

import org.osgi.annotation.versioning.Version;
