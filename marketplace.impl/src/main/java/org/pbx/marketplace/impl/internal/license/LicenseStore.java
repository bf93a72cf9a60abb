package org.pbx.marketplace.impl.internal.license;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pbx.marketplace.impl.internal.AtomicFiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The license as last verified, in the bundle's data area, written atomically (temp file, fsync,
 * rename, fsync of the folder): after a crash at any moment the file is the old or the new one.
 * Config Admin holds the key too, but Felix's store deletes its file before renaming the new
 * one; this file is what the key is restored from when the configuration is gone.
 */
final class LicenseStore {

    /** What is kept; public fields for Jackson. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Record {
        /** The key in use, or null. */
        public String key;
        /** The key used before the current one (or before unregistering): tells a stale configuration from an admin's change. */
        public String previousKey;
        /** The last verified token (JWS), or null. */
        public String token;
        /** The highest serial accepted for this key. */
        public long serial;
        /** Last successful check, epoch millis. */
        public long lastCheckAt;
        /** The latest time seen (clock or token iat), epoch millis: a clock turned back doesn't extend a license. */
        public long lastSeen;
        /** A verified refusal's status (REVOKED, INVALID, EXPIRED), or null. */
        public String refusalStatus;
        /** The refusal's vendor code name, e.g. E_BOUND_ELSEWHERE. */
        public String refusalCode;
        /** The refusal's messages. */
        public Map<String, String> refusalMessage;
        /** Keys whose binding must still be released at the vendor (unregistered while offline). */
        public List<String> pendingRelease = new ArrayList<>();
        /** The nonce of the latest offline activation request, until its token is imported; or null. */
        public String offlineNonce;
        /** The key that request names. */
        public String offlineKey;

        Record copy() {
            return MAPPER.convertValue(this, Record.class);
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    LicenseStore(Path file) {
        this.file = file;
    }

    /** The stored record, or an empty one if there is none (or it is unreadable, which is logged by the caller). */
    Record load() throws IOException {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), Record.class);
        } catch (NoSuchFileException e) {
            return new Record();
        }
    }

    void save(Record record) throws IOException {
        AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
    }
}
