package org.pbx.marketplace.server.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.pbx.marketplace.server.internal.AtomicFiles;
import org.pbx.marketplace.server.internal.catalog.CatalogSource.Release;
import org.pbx.marketplace.server.internal.crypto.Codec;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.Json;
import org.pbx.marketplace.server.internal.store.Database;
import org.pbx.marketplace.server.internal.store.ProductStore;
import org.pbx.marketplace.server.internal.store.ReleaseStore.Published;
import org.pbx.marketplace.server.internal.store.ReleaseStore;

/**
 * Publishes one module release: its jar into modules/ and its entry into catalog-source.json, so
 * the catalog publisher signs it on the next catalog request. Refused, storing nothing, when the
 * entry names a product or feature that does not exist or the jar is another bundle (EntryChecks,
 * as CatalogTool checks), and when the version was published before with other bytes.
 */
public final class ReleasePublisher {
    private static final Pattern MODULE_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+){0,2}(\\.[A-Za-z0-9_-]+)?");

    /** What was published; {@code unchanged} when the same bytes were already published. */
    public record Result(String moduleId, String version, String sha256, long size, String file, boolean unchanged) {
    }

    private final Database db;
    private final Path sourceFile;
    private final Path modulesDir;
    private final Clock clock;
    /** Only publications take it (readers of the catalog never do): one read-modify-write of the source at a time. */
    private final Object lock = new Object();

    public ReleasePublisher(Database db, Path dataDir, Clock clock) {
        this.db = db;
        this.sourceFile = dataDir.resolve(CatalogSource.FILE);
        this.modulesDir = dataDir.resolve("modules");
        this.clock = clock;
    }

    /** The one lock of read-modify-writes of catalog-source.json: advisories are published under it too. */
    Object sourceLock() {
        return lock;
    }

    Path sourceFile() {
        return sourceFile;
    }

    Path modulesDir() {
        return modulesDir;
    }

    /** Every release published through the admin API, by module and time. */
    public List<Published> published() {
        return db.tx(ReleaseStore::all);
    }

    public Result publish(ObjectNode entry, byte[] jar) {
        ObjectNode release = checkFormat(entry);
        String id = entry.get("id").asText();
        String version = release.get("version").asText();
        List<EntryChecks.Problem> products = EntryChecks.products(List.of(entry), db.tx(ProductStore::grantsByProduct));
        if (!products.isEmpty()) {
            EntryChecks.Problem problem = products.get(0);
            throw new ApiException(problem.kind() == EntryChecks.Kind.UNKNOWN_PRODUCT
                    ? ErrorCode.E_ENTRY_UNKNOWN_PRODUCT : ErrorCode.E_ENTRY_UNKNOWN_FEATURE,
                    problem.kind() == EntryChecks.Kind.UNKNOWN_PRODUCT ? "productId" : "featureId", problem.message());
        }
        String sha256 = Codec.sha256Hex(jar);
        String fileName = id + "-" + version + ".jar";
        Path target = modulesDir.resolve(fileName);
        Path upload = modulesDir.resolve(".upload-" + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(modulesDir);
            AtomicFiles.write(upload, jar, false);
            List<EntryChecks.Problem> jarProblems = EntryChecks.jars(List.of(
                    new Release(id, version, entry.path("commercial").asBoolean(false), null, upload)));
            if (!jarProblems.isEmpty()) {
                throw new ApiException(ErrorCode.E_BUNDLE_MISMATCH, "jar",
                        jarProblems.get(0).message().replace(upload.getFileName().toString(), "uploaded jar"));
            }
            synchronized (lock) {
                return db.tx(c -> {
                    Published known = ReleaseStore.find(c, id, version);
                    if (known != null && !known.sha256().equals(sha256)) {
                        throw new ApiException(ErrorCode.E_RELEASE_EXISTS, "jar", id + " " + version
                                + " was published with SHA-256 " + known.sha256() + ", this jar is " + sha256);
                    }
                    String present = hashOf(target);
                    if (known == null && present != null && !present.equals(sha256)) {
                        throw new ApiException(ErrorCode.E_RELEASE_EXISTS, "jar", "modules/" + fileName
                                + " already exists with other bytes (put there by hand); publish a new version");
                    }
                    if (!sha256.equals(present)) {
                        // The jar gets its name only complete; a failed transaction leaves at most these same bytes.
                        move(upload, target);
                    }
                    if (known == null) {
                        ReleaseStore.insert(c, new Published(id, version, sha256, jar.length,
                                clock.instant().getEpochSecond()));
                    }
                    boolean entryChanged = mergeIntoSource(entry, release, fileName);
                    return new Result(id, version, sha256, jar.length, fileName, known != null && !entryChanged);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the release " + id + " " + version + " in " + modulesDir, e);
        } finally {
            try {
                Files.deleteIfExists(upload);
            } catch (IOException e) {
                System.getLogger(ReleasePublisher.class.getName()).log(System.Logger.Level.WARNING,
                        "left an upload behind: " + upload, e);
            }
        }
    }

    /**
     * Publishes a library bundle (docs/protocol.md, "Libraries"): its jar into modules/ and its file into the
     * source's "libraries". Refused, storing nothing, when it is no plain bundle or its version is there with other bytes.
     *
     * @return the library's name and version, as the catalog will say them
     */
    public String publishLibrary(byte[] jar) {
        Path upload = modulesDir.resolve(".upload-" + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(modulesDir);
            AtomicFiles.write(upload, jar, false);
            ObjectNode headers = BundleHeaders.of(upload);
            String problem = LibraryJars.problem(headers);
            if (problem != null) {
                throw new ApiException(ErrorCode.E_BUNDLE_MISMATCH, "jar", "the library is " + problem);
            }
            String name = BundleHeaders.symbolicName(headers) + " "
                    + ModuleJars.canonicalVersion(headers.path("Bundle-Version").asText(null));
            String fileName = name.replace(' ', '-') + ".jar";
            Path target = modulesDir.resolve(fileName);
            String sha256 = Codec.sha256Hex(jar);
            synchronized (lock) {
                String present = hashOf(target);
                if (present != null && !present.equals(sha256)) {
                    throw new ApiException(ErrorCode.E_RELEASE_EXISTS, "jar", "library " + name
                            + " was published with SHA-256 " + present + ", this jar is " + sha256);
                }
                if (present == null) {
                    move(upload, target);
                }
                ObjectNode root = Files.exists(sourceFile) ? Json.parseTrusted(Files.readString(sourceFile)) : Json.object();
                ArrayNode libraries = root.has("libraries") ? (ArrayNode) root.get("libraries") : root.putArray("libraries");
                for (JsonNode known : libraries) {
                    if (fileName.equals(known.path("file").asText())) {
                        return name;
                    }
                }
                libraries.addObject().put("file", fileName);
                AtomicFiles.write(sourceFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), false);
                return name;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a library in " + modulesDir, e);
        } finally {
            try {
                Files.deleteIfExists(upload);
            } catch (IOException e) {
                System.getLogger(ReleasePublisher.class.getName()).log(System.Logger.Level.WARNING,
                        "left an upload behind: " + upload, e);
            }
        }
    }

    private static String hashOf(Path file) {
        try {
            return Files.exists(file) ? Codec.sha256Hex(Files.readAllBytes(file)) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            AtomicFiles.replace(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry: a catalog-source module with exactly one release; returns that release. */
    private static ObjectNode checkFormat(ObjectNode entry) {
        String id = entry.path("id").asText("");
        if (!entry.path("id").isTextual() || !MODULE_ID.matcher(id).matches()) {
            throw new ApiException(ErrorCode.E_ENTRY_FORMAT, "entry.id",
                    "id must be the bundle's symbolic name: letters, digits, '.', '_' and '-', at most 200");
        }
        if (!entry.path("name").path("en").isTextual() || !entry.path("name").path("ru").isTextual()) {
            throw new ApiException(ErrorCode.E_ENTRY_FORMAT, "entry.name", "name needs \"en\" and \"ru\" texts");
        }
        JsonNode releases = entry.path("releases");
        if (!releases.isArray() || releases.size() != 1 || !releases.get(0).isObject()) {
            throw new ApiException(ErrorCode.E_ENTRY_FORMAT, "entry.releases",
                    "releases must hold exactly one release: the one this jar is");
        }
        ObjectNode release = (ObjectNode) releases.get(0);
        if (!release.path("version").isTextual() || !VERSION.matcher(release.get("version").asText()).matches()) {
            throw new ApiException(ErrorCode.E_ENTRY_FORMAT, "entry.releases.version",
                    "the release needs a version like 1.2.0 (an OSGi version, the jar's Bundle-Version)");
        }
        if (entry.has("commercial") && !entry.get("commercial").isBoolean()) {
            throw new ApiException(ErrorCode.E_ENTRY_FORMAT, "entry.commercial", "commercial is true or false");
        }
        return release;
    }

    /** Replaces the module's metadata and this version's release in the source; @return whether it changed */
    private boolean mergeIntoSource(ObjectNode entry, ObjectNode release, String fileName) {
        try {
            return merge(entry, release, fileName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + sourceFile, e);
        }
    }

    private boolean merge(ObjectNode entry, ObjectNode release, String fileName) throws IOException {
        ObjectNode root = Files.exists(sourceFile) ? Json.parseTrusted(Files.readString(sourceFile)) : Json.object();
        ArrayNode modules = root.has("modules") ? (ArrayNode) root.get("modules") : root.putArray("modules");
        String id = entry.get("id").asText();
        ObjectNode newRelease = release.deepCopy();
        newRelease.put("file", fileName);
        ArrayNode releases = Json.MAPPER.createArrayNode();
        int at = -1;
        for (int i = 0; i < modules.size(); i++) {
            if (id.equals(modules.get(i).path("id").asText())) {
                at = i;
                for (JsonNode r : modules.get(i).path("releases")) {
                    if (!release.get("version").asText().equals(r.path("version").asText())) {
                        releases.add(r);
                    }
                }
            }
        }
        releases.add(newRelease);
        ObjectNode module = entry.deepCopy();
        module.set("releases", releases);
        JsonNode before = at >= 0 ? modules.get(at) : null;
        if (module.equals(before)) {
            return false;
        }
        if (at >= 0) {
            modules.set(at, module);
        } else {
            modules.add(module);
        }
        AtomicFiles.write(sourceFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), false);
        return true;
    }
}
