package org.pbx.marketplace.server.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.pbx.marketplace.server.internal.http.Json;

/**
 * The vendor-edited catalog-source.json plus the module files under modules/. Sizes and hashes
 * come from the files themselves, so the signed catalog cannot disagree with what is served.
 */
public final class CatalogSource {

    /** The server's one logging API (README, "Logging"): the platform logger, in the host and standalone alike. */
    private static final System.Logger LOG = System.getLogger(CatalogSource.class.getName());

    public static final String FILE = "catalog-source.json";

    /** One downloadable release, as the download endpoint needs it. */
    public record Release(String moduleId, String version, boolean commercial, String featureId, Path file) {
    }

    /**
     * The modules array for the payload, the releases it lists, and the releases left out for a missing file;
     * the source's advisories (unchecked) from the same reading of the file, so one catalog never mixes two versions.
     */
    public record Content(ArrayNode modules, List<Release> releases, Map<String, String> moduleFeatures,
                          List<String> missing, ArrayNode libraries, List<Library> libraryFiles, ArrayNode advisories) {
    }

    /** One downloadable library bundle (docs/protocol.md, "Libraries"): always free. */
    public record Library(String symbolicName, String version, Path file) {
    }

    private record FileHash(long size, long modified, String sha256, ObjectNode headers) {
    }

    /** How catalog-source.json's text is read: the file system, or a test's hand between two reads. */
    interface SourceText {
        String read(Path file) throws IOException;
    }

    private final Path sourceFile;
    private final Path modulesDir;
    private final SourceText text;
    /** Catalog requests read the source at the same time (and the admin's advisory listing): a concurrent map. */
    private final Map<Path, FileHash> hashes = new java.util.concurrent.ConcurrentHashMap<>();

    /** The server's layout: catalog-source.json and modules/ in the data folder. */
    public CatalogSource(Path dataDir) {
        this(dataDir.resolve(FILE), dataDir.resolve("modules"));
    }

    /** Any layout, for the vendor's CatalogTool. */
    public CatalogSource(Path sourceFile, Path modulesDir) {
        this(sourceFile, modulesDir, Files::readString);
    }

    CatalogSource(Path sourceFile, Path modulesDir, SourceText text) {
        this.sourceFile = sourceFile;
        this.modulesDir = modulesDir.toAbsolutePath().normalize();
        this.text = text;
    }

    public Path modulesDir() {
        return modulesDir;
    }

    /** Releases whose file is missing are left out (and logged): a catalog never names bytes it cannot serve. */
    public Content read() {
        ArrayNode modules = Json.MAPPER.createArrayNode();
        List<Release> releases = new ArrayList<>();
        Map<String, String> features = new java.util.TreeMap<>();
        List<String> missing = new ArrayList<>();
        ArrayNode libraries = Json.MAPPER.createArrayNode();
        List<Library> libraryFiles = new ArrayList<>();
        if (!Files.exists(sourceFile)) {
            return new Content(modules, releases, features, missing, libraries, libraryFiles, Json.MAPPER.createArrayNode());
        }
        ObjectNode source;
        try {
            source = Json.parseTrusted(text.read(sourceFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode m : source.path("modules")) {
            ObjectNode module = ((ObjectNode) m).deepCopy();
            String id = module.path("id").asText();
            boolean commercial = module.path("commercial").asBoolean(false);
            String featureId = commercial ? module.path("featureId").asText(null) : null;
            if (!commercial) {
                // Free modules need no license: no feature, no product to try.
                module.remove("featureId");
                module.remove("productId");
            } else {
                features.put(id, featureId);
            }
            ArrayNode published = module.putArray("releases");
            for (JsonNode r : m.path("releases")) {
                ObjectNode release = ((ObjectNode) r).deepCopy();
                Path file = resolve(release.path("file").asText(""));
                release.remove("file");
                if (file == null || !Files.isRegularFile(file)) {
                    String what = id + " " + release.path("version").asText() + " (file \""
                            + r.path("file").asText("") + "\" in " + modulesDir + ")";
                    LOG.log(System.Logger.Level.WARNING, "vendor catalog: release file missing, left out: " + what);
                    missing.add(what);
                    continue;
                }
                FileHash hash = hash(file);
                String version = release.path("version").asText();
                release.put("size", hash.size());
                release.put("sha256", hash.sha256());
                release.put("path", "/v1/modules/" + id + "/" + version + "/download");
                // What the bundle provides and needs: the PBX resolves it before downloading it.
                if (!hash.headers().isEmpty()) {
                    release.set("manifest", hash.headers());
                }
                published.add(release);
                releases.add(new Release(id, version, commercial, featureId, file));
            }
            modules.add(module);
        }
        readLibraries(source, libraries, libraryFiles, missing);
        return new Content(modules, releases, features, missing, libraries, libraryFiles, Advisories.of(source));
    }

    /**
     * The source's "libraries": each names a jar in modules/ by "file"; its name, version, size, hash and
     * headers come from the jar. One that is no plain bundle (no name, a fragment) is left out and logged.
     */
    private void readLibraries(ObjectNode source, ArrayNode libraries, List<Library> files, List<String> missing) {
        for (JsonNode l : source.path("libraries")) {
            String name = l.path("file").asText("");
            Path file = resolve(name);
            if (file == null || !Files.isRegularFile(file)) {
                LOG.log(System.Logger.Level.WARNING, "vendor catalog: library file missing, left out: \"" + name + "\"");
                missing.add("library \"" + name + "\" (in " + modulesDir + ")");
                continue;
            }
            FileHash hash = hash(file);
            String problem = LibraryJars.problem(hash.headers());
            if (problem != null) {
                LOG.log(System.Logger.Level.WARNING, "vendor catalog: library " + name + " left out: " + problem);
                missing.add("library \"" + name + "\": " + problem);
                continue;
            }
            String bsn = BundleHeaders.symbolicName(hash.headers());
            String version = ModuleJars.canonicalVersion(hash.headers().path("Bundle-Version").asText(null));
            ObjectNode library = libraries.addObject();
            library.put("symbolicName", bsn);
            library.put("version", version);
            library.put("size", hash.size());
            library.put("sha256", hash.sha256());
            library.put("path", "/v1/libraries/" + bsn + "/" + version + "/download");
            library.set("manifest", hash.headers());
            files.add(new Library(bsn, version, file));
        }
    }

    // Catalog paths are vendor-written but still kept inside modules/: no ../, no absolute paths.
    private Path resolve(String relative) {
        if (relative.isEmpty() || relative.contains("\\") || relative.contains("..")) {
            return null;
        }
        Path file = modulesDir.resolve(relative).normalize();
        return file.startsWith(modulesDir) ? file : null;
    }

    private FileHash hash(Path file) {
        try {
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            FileHash known = hashes.get(file);
            if (known != null && known.size() == size && known.modified() == modified) {
                return known;
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            FileHash fresh = new FileHash(size, modified, HexFormat.of().formatHex(digest.digest()), BundleHeaders.of(file));
            hashes.put(file, fresh);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
