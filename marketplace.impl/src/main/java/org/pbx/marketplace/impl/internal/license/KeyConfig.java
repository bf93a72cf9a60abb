package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Writes the license key into the license configuration, so the Web Console and configuration
 * files show (as a password field) what the PBX uses, and a restart starts from it.
 */
final class KeyConfig {

    private final ConfigurationAdmin configAdmin;

    KeyConfig(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** Stores the key (null or "" for none); other properties of the configuration stay. */
    void store(String key) throws IOException {
        Configuration configuration = configAdmin.getConfiguration(LicenseConfiguration.PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put("licenseKey", key == null ? "" : key);
        configuration.updateIfDifferent(properties);
    }
}
