/**
 * The Marketplace API: the services a PBX module uses to learn what is licensed and what the
 * catalog offers, and the constants a module uses to gate itself on the license.
 */
@Export
@Version("1.1.0")
package org.pbx.marketplace.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
