package org.pbx.marketplace.impl.internal.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

import org.pbx.marketplace.impl.internal.AtomicFiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The last good catalog on disk (written with AtomicFiles), so the catalog still shows with the server
 * out of reach, and the last accepted version survives restarts (rollback protection).
 */
final class CatalogCache {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Entry {
        public long version;
        public long fetchedAt;
        public String timestamp;
        public String catalog;
    }

    static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    CatalogCache(Path file) {
        this.file = file;
    }

    Entry load() throws IOException {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), Entry.class);
        } catch (NoSuchFileException e) {
            return new Entry();
        }
    }

    void save(Entry entry) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(entry));
    }

    /** The payload of a JWS this cache stored after verifying it. */
    static byte[] payload(String jws) {
        return Base64.getUrlDecoder().decode(jws.split("\\.")[1]);
    }
}
