package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Writes the license key into the license configuration, so the Web Console and configuration
 * files show (as a password field) what the PBX uses, and a restart starts from it. Felix Config
 * Admin's file store is closed to other accounts first ({@link ConfigAdminStore}); if it can't be,
 * the key stays out of the configuration (it is kept in the license store all the same).
 */
final class KeyConfig {

    private final ConfigurationAdmin configAdmin;
    private final Path store;

    /** @param store Felix Config Admin's folder, null when not known (another Config Admin) */
    KeyConfig(ConfigurationAdmin configAdmin, Path store) {
        this.configAdmin = configAdmin;
        this.store = store;
    }

    /** Stores the key (null or "" for none); other properties of the configuration stay. */
    void store(String key) throws IOException {
        try {
            ConfigAdminStore.closeToOthers(store);
        } catch (IOException e) {
            throw new IOException("Config Admin's folder " + store + " could not be made owner-only (" + e + ")", e);
        }
        Configuration configuration = configAdmin.getConfiguration(LicenseConfiguration.PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put("licenseKey", key == null ? "" : key);
        configuration.updateIfDifferent(properties);
    }
}
