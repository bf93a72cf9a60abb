package org.pbx.marketplace.api;

/**
 * Framework properties the PBX host sets for the Marketplace and its modules.
 */
public final class HostConstants {

    /** Framework property holding the PBX host's version, e.g. {@code 7.2.0}. */
    public static final String HOST_VERSION = "pbx.host.version";

    /** Framework property holding the absolute path of the host's data folder. */
    public static final String DATA_FOLDER = "pbx.data";

    private HostConstants() {
    }
}
