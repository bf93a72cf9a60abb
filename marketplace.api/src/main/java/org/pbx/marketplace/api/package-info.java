/**
 * The Marketplace API: the services a PBX module uses to learn what is licensed and what the
 * catalog offers, and the constants a module uses to gate itself on the license.
 *
 * <p>2.0: {@code LicenseService.licenseKey()} is gone (the full key lets its holder release the
 * PBX's binding at the vendor); the admin's reveal is {@code org.pbx.marketplace.admin}, which
 * modules do not get.
 *
 * <p>2.1: {@code RegistrationRules}, the registration form's required fields, shared by the license
 * service and the pages.
 */
@Export
@Version("2.2.0")
package org.pbx.marketplace.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
