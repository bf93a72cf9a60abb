package org.pbx.marketplace.impl.internal.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Version;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * A requirement said in plain words for an admin: "package com.google.gson 2.x (2.10.0 or later)" rather than
 * its LDAP filter.
 */
final class RequirementWords {

    private static final Pattern AT_LEAST = Pattern.compile("\\((?:version|bundle-version)>=([^)]+)\\)");
    private static final Pattern BELOW = Pattern.compile("\\(!\\((?:version|bundle-version)>=([^)]+)\\)\\)");

    private RequirementWords() {
    }

    static String en(Requirement requirement) {
        return words(requirement, "package ", "bundle ", "capability ", " or later", " to before ", "any version");
    }

    static String ru(Requirement requirement) {
        return words(requirement, "пакет ", "бандл ", "возможность ", " или новее", " и новее, но ниже ", "любой версии");
    }

    private static String words(Requirement requirement, String pkg, String bundle, String capability, String orLater,
                                String toBefore, String any) {
        if (requirement == null) {
            return capability.trim();
        }
        String filter = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        String namespace = requirement.getNamespace();
        String name = named(filter, namespace);
        if (name == null) {
            return capability + namespace + (filter == null ? "" : " " + filter);
        }
        String kind = namespace.equals(PackageNamespace.PACKAGE_NAMESPACE) ? pkg
                : namespace.equals(BundleNamespace.BUNDLE_NAMESPACE) ? bundle : capability + namespace + " ";
        return kind + name + " " + range(filter, orLater, toBefore, any);
    }

    private static String named(String filter, String namespace) {
        if (filter == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\(" + Pattern.quote(namespace) + "=([^)]+)\\)").matcher(filter);
        return m.find() ? m.group(1) : null;
    }

    /** "2.x (2.10.0 or later)" for [2.10,3); "1.2.0 or later"; "1.0.0 to before 1.5.0"; the filter's own words otherwise. */
    static String range(String filter, String orLater, String toBefore, String any) {
        Matcher low = AT_LEAST.matcher(filter);
        Matcher high = BELOW.matcher(filter);
        Version from = low.find() ? Version.parseVersion(low.group(1)) : null;
        Version below = high.find() ? Version.parseVersion(high.group(1)) : null;
        if (from == null && below == null) {
            return any;
        }
        if (from != null && below != null && below.getMinor() == 0 && below.getMicro() == 0
                && below.getMajor() == from.getMajor() + 1) {
            return from.getMinor() == 0 && from.getMicro() == 0 ? from.getMajor() + ".x"
                    : from.getMajor() + ".x (" + from + orLater + ")";
        }
        if (below == null) {
            return from + orLater;
        }
        return (from == null ? Version.emptyVersion : from) + toBefore + below;
    }
}
