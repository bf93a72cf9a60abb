/**
 * Checks of user input that the Marketplace's own bundles share (the license service and the REST
 * resources of marketplace.web). Not API: exported with the mandatory attribute
 * {@code marketplace-internal=true}, so only a bundle that asks for it by that attribute (marketplace.web)
 * wires to it; modules see only marketplace.api.
 */
@org.osgi.annotation.bundle.Export(attribute = {"marketplace-internal=true", "mandatory:=marketplace-internal"})
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pbx.marketplace.impl.form;
