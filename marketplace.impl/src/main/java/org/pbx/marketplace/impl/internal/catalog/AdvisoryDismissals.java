package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import org.pbx.marketplace.impl.internal.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The advisory ids the admin dismissed, one at a time, kept in the catalog's data area
 * ({@code dismissed-advisories.json}, written whole) so they stay dismissed after a restart.
 */
final class AdvisoryDismissals {

    /** Far more than a catalog carries; a file that somehow grew beyond it is not read further. */
    static final int MAX = 10_000;

    private final Path file;
    private volatile Set<String> dismissed;

    /** @throws IOException when the file exists but cannot be read */
    AdvisoryDismissals(Path file) throws IOException {
        this.file = file;
        Set<String> ids = new TreeSet<>();
        if (Files.exists(file)) {
            JsonNode root = CatalogCache.MAPPER.readTree(file.toFile());
            for (JsonNode id : root.path("dismissed")) {
                if (ids.size() < MAX && id.isTextual()) {
                    ids.add(id.asText());
                }
            }
        }
        dismissed = Collections.unmodifiableSet(ids);
    }

    Set<String> ids() {
        return dismissed;
    }

    /** @return false when it was dismissed already */
    synchronized boolean dismiss(String id) throws IOException {
        if (dismissed.contains(id)) {
            return false;
        }
        Set<String> next = new TreeSet<>(dismissed);
        next.add(id);
        ObjectNode root = CatalogCache.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("dismissed");
        next.forEach(list::add);
        AtomicFiles.write(file, CatalogCache.MAPPER.writeValueAsBytes(root));
        dismissed = Collections.unmodifiableSet(next);
        return true;
    }
}
