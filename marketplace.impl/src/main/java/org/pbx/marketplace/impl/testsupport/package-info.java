/**
 * A thin way in to marketplace.impl's internals for its benchmarks and tests (marketplace.bench),
 * so they never put classes into the implementation's packages. Not API: no module may use it, it
 * may change with any release, and it is exported only to importers that ask for the mandatory
 * attribute {@code marketplace.testsupport=true} (bnd.bnd). Everything here starts or calls the
 * real implementation; nothing is a second implementation of it.
 */
@Export
@Version("1.0.0")
package org.pbx.marketplace.impl.testsupport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
