package org.pbx.marketplace.server.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pbx.marketplace.server.internal.AtomicFiles;
import org.pbx.marketplace.server.internal.error.ApiException;
import org.pbx.marketplace.server.internal.error.ErrorCode;
import org.pbx.marketplace.server.internal.http.Json;

/**
 * Publishes one security advisory into catalog-source.json (an advisory with the same id is
 * replaced, e.g. when its fix comes out), so the catalog publisher signs it on the next catalog
 * request. Checked as the catalog's signing checks it ({@link Advisories}); refused, storing
 * nothing, when anything is wrong.
 */
public final class AdvisoryPublisher {

    /** What was published; {@code unchanged} when the source already had exactly this advisory. */
    public record Result(String id, String moduleId, boolean unchanged) {
    }

    private final Path sourceFile;
    private final CatalogSource source;
    private final Object lock;

    /** Beside the release publisher: the same source file, under the same lock. */
    public AdvisoryPublisher(ReleasePublisher releases) {
        this.sourceFile = releases.sourceFile();
        this.source = new CatalogSource(sourceFile, releases.modulesDir());
        this.lock = releases.sourceLock();
    }

    /** The advisories of the source, as the catalog publisher reads them. */
    public ArrayNode published() {
        return source.read().advisories();
    }

    public Result publish(JsonNode advisory) {
        synchronized (lock) {
            try {
                ObjectNode root = Files.exists(sourceFile) ? Json.parseTrusted(Files.readString(sourceFile)) : Json.object();
                Set<String> modules = new HashSet<>();
                root.path("modules").forEach(m -> modules.add(m.path("id").asText()));
                List<Advisories.Problem> problems = Advisories.check(advisory, modules);
                if (!problems.isEmpty()) {
                    Advisories.Problem first = problems.get(0);
                    throw new ApiException(ErrorCode.E_ADVISORY_INVALID, "advisory." + first.field(), first.message());
                }
                ObjectNode clean = Advisories.published(advisory);
                ArrayNode list = root.path("advisories").isArray() ? (ArrayNode) root.get("advisories") : root.putArray("advisories");
                String id = clean.get("id").asText();
                for (int i = 0; i < list.size(); i++) {
                    if (id.equals(list.get(i).path("id").asText())) {
                        if (list.get(i).equals(clean)) {
                            return new Result(id, clean.get("moduleId").asText(), true);
                        }
                        list.set(i, clean);
                        write(root);
                        return new Result(id, clean.get("moduleId").asText(), false);
                    }
                }
                list.add(clean);
                write(root);
                return new Result(id, clean.get("moduleId").asText(), false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update " + sourceFile, e);
            }
        }
    }

    private void write(ObjectNode root) throws IOException {
        AtomicFiles.write(sourceFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), false);
    }
}
