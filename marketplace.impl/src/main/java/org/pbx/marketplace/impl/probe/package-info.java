/**
 * Test support, not API: the few entry points benchmarks (marketplace.bench) and tests have into
 * the license engine and the catalog, so that they never put classes into this bundle's private
 * packages. Exported with the mandatory attribute {@code marketplace-internal=true}: only a bundle or
 * class path that asks for it by that attribute uses it; modules see only marketplace.api.
 */
@org.osgi.annotation.bundle.Export(attribute = {"marketplace-internal=true", "mandatory:=marketplace-internal"})
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pbx.marketplace.impl.probe;
