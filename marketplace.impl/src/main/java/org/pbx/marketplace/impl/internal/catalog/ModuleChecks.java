package org.pbx.marketplace.impl.internal.catalog;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The strict spelling of what a catalog names, checked before any of it is used (in a file path,
 * a bundle location or a URL): a signed catalog is the vendor's word, but the vendor's signing
 * machine is not the only way into the PBX, and these values reach the file system and the network.
 */
final class ModuleChecks {

    /** A Bundle-SymbolicName of dot-separated tokens: no "..", no slash, no empty token. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9_-]*)*");
    /** An OSGi version: one to three numbers and an optional qualifier. */
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}(\\.[0-9]{1,9}(\\.[A-Za-z0-9_-]{1,64})?)?)?");
    /**
     * A path on the vendor server: segments of unreserved characters, none starting with a dot (no
     * "." or ".."), so no "//", "@", ":", "%", "?", "#" or backslash can change where it goes.
     */
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,199}){1,16}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_ID = 200;

    private ModuleChecks() {
    }

    static boolean validId(String id) {
        return id != null && id.length() <= MAX_ID && ID.matcher(id).matches();
    }

    static boolean validVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    static boolean validPath(String path) {
        return path != null && PATH.matcher(path).matches();
    }

    static boolean validSha256(String sha256) {
        return sha256 != null && SHA256.matcher(sha256).matches();
    }

    /** @throws IllegalArgumentException naming the value, when the module id is not allowed */
    static String id(String id) {
        if (!validId(id)) {
            throw new IllegalArgumentException("module id \"" + shorten(id) + "\" is not allowed");
        }
        return id;
    }

    /** @throws IllegalArgumentException naming the value, when the version is not allowed */
    static String version(String version) {
        if (!validVersion(version)) {
            throw new IllegalArgumentException("version \"" + shorten(version) + "\" is not allowed");
        }
        return version;
    }

    /**
     * Whether {@code base + path}, as the client builds its URL, stays on the base's scheme, host and
     * port and below its path.
     */
    static boolean staysOn(URI base, String path) {
        if (!validPath(path)) {
            return false;
        }
        URI target;
        try {
            target = new URI(base.toString() + path);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        return base.getScheme().equalsIgnoreCase(target.getScheme()) && base.getHost().equalsIgnoreCase(target.getHost())
                && base.getPort() == target.getPort() && target.getRawUserInfo() == null
                && target.getRawPath() != null && target.getRawPath().equals(basePath + path);
    }

    static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }
}
