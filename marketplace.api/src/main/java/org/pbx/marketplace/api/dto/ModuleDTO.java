package org.pbx.marketplace.api.dto;

import java.util.List;
import java.util.Map;

import org.osgi.dto.DTO;

/**
 * A module of the catalog, with what this PBX has of it.
 */
public class ModuleDTO extends DTO {
    /** The module's id, its Bundle-SymbolicName. */
    public String id;
    /** Name by language ({@code en}, {@code ru}). */
    public Map<String, String> name;
    /** Description by language. */
    public Map<String, String> description;
    /** Who publishes it. */
    public String vendor;
    /** Its category. */
    public String category;
    /** Paid (true) or free. */
    public boolean commercial;
    /** The feature a paid module needs, or null. */
    public String featureId;
    /** The product whose trial or purchase grants the feature, or null. */
    public String productId;
    /**
     * How many days a trial of {@link #productId} lasts, as the catalog says (shown before a trial
     * starts); 0 when the catalog does not say, and for a free module.
     */
    public int trialDays;
    /** Free, or its feature is licensed now. */
    public boolean licensed;
    /** Installed version, or null. */
    public String installedVersion;
    /** Newest release compatible with this host, or null if none is. */
    public String latestVersion;
    /** Installed, and a newer compatible release exists. */
    public boolean updateAvailable;
    /** At least one release is compatible with this host. */
    public boolean compatible;
    /** Why no release is compatible, or null. */
    public ReasonDTO incompatibleReason;
    /** All releases, newest first. */
    public List<ReleaseDTO> releases;
    /**
     * The module's own page on the PBX (a path such as {@code /pbx/modules/weather/}), named by its
     * bundle's {@code Pbx-Module-Page} header; set only while the module is installed, started and (if
     * paid) licensed, so that the page is really there. Null otherwise.
     */
    public String page;
    /**
     * The catalog's security advisories that cover the installed version (empty when none does or
     * the module is not installed).
     */
    public List<AdvisoryDTO> advisories;
    /**
     * The library bundles the installed module is wired to (directly or through another library), as the
     * installer put them there from the catalog; empty when it uses none, null when the module is not installed.
     */
    public List<LibraryDTO> libraries;
    /**
     * For a module not installed: the catalog's library bundles its latest compatible release ({@link #latestVersion})
     * names through its manifest, i.e. for each package it imports (and bundle it requires) the highest library of
     * the catalog's library section that provides it in the range asked for, and those libraries' own needs the same
     * way. What an install would bring along, read from the signed catalog without running the resolver: a package
     * the PBX itself provides may make one of them unneeded, which the install's resolution finds. Empty when the
     * release needs none of them; null when the module is installed (see {@link #libraries}), has no compatible
     * release, or the catalog does not carry the release's manifest.
     */
    public List<LibraryDTO> releaseLibraries;
}
