package org.pbx.marketplace.web.internal;

import java.util.List;

/**
 * What GET /about answers: the host's version and the product's bundles.
 */
public class AboutDTO {

    /** The PBX host's version (framework property pbx.host.version), or null if the host sets none. */
    public String hostVersion;

    /** The Marketplace's own bundles, by symbolic name. */
    public List<BundleDTO> bundles;

    /** One product bundle. */
    public static class BundleDTO {
        /** Bundle-SymbolicName. */
        public String symbolicName;
        /** Bundle-Version. */
        public String version;
        /** INSTALLED, RESOLVED, STARTING, STOPPING, ACTIVE or UNINSTALLED. */
        public String state;
    }
}
