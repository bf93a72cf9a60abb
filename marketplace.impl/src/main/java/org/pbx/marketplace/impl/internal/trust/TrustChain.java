package org.pbx.marketplace.impl.internal.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.pbx.marketplace.impl.internal.AtomicFiles;
import org.pbx.marketplace.impl.internal.protocol.VendorUnreachableException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The root this PBX trusts now: the root it was shipped with (configured, never fetched), or a later
 * version reached from it one verified step at a time. Each step is written to the data folder
 * atomically before it is used, so a crash leaves the old root or the new one, and a restart resumes
 * from the newest step, never from an older root (no rollback).
 */
public final class TrustChain {

    /** Root version N as the vendor serves it, or null when there is none (the chain ends). */
    public interface Source {
        String root(long version) throws VendorUnreachableException;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** More steps in one walk than a vendor would ever publish between two checks: a server that never ends. */
    private static final int MAX_STEPS = 1000;

    private final Path file;
    private final String pinnedHash;
    private volatile TrustRoot current;

    private TrustChain(Path file, String pinnedHash, TrustRoot current) {
        this.file = file;
        this.pinnedHash = pinnedHash;
        this.current = current;
    }

    /**
     * The chain that starts at {@code configured}; resumes from the step stored in {@code file} when that
     * step grew from the same configured root and is not older.
     *
     * @throws TrustException if the configured root is not a root signed by its own root keys
     */
    public static TrustChain open(Path file, String configured) throws TrustException, IOException {
        TrustRoot pinned = TrustRoot.parse(configured).selfSigned();
        String hash = sha256(configured);
        TrustRoot current = pinned;
        try {
            JsonNode stored = MAPPER.readTree(Files.readAllBytes(file));
            if (hash.equals(stored.path("pinned").asText())) {
                TrustRoot step = TrustRoot.parse(stored.path("root").asText(""));
                // Checked when it was stored; the vendor and version keep a damaged or foreign file out.
                if (step.vendor.equals(pinned.vendor) && step.version >= pinned.version) {
                    current = step;
                }
            }
        } catch (NoSuchFileException e) {
            // First start with this root.
        } catch (IOException | TrustException e) {
            // Unreadable: start again from the configured root; the walk finds the newer ones again.
        }
        TrustChain chain = new TrustChain(file, hash, current);
        if (current == pinned) {
            chain.store(pinned);
        }
        return chain;
    }

    public TrustRoot current() {
        return current;
    }

    /**
     * Follows the vendor's roots from the current one: N+1, N+2, … until the vendor has no next one.
     *
     * @return whether the trusted root changed
     * @throws TrustException if a next root is offered that is not to be believed (nothing of it is kept;
     *         the roots before it stay)
     */
    public boolean walk(Source source) throws TrustException, VendorUnreachableException, IOException {
        boolean changed = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            String document = source.root(current.version + 1);
            if (document == null) {
                return changed;
            }
            TrustRoot next = current.next(document);
            store(next);
            current = next;
            changed = true;
        }
        throw new TrustException("the server offers more than " + MAX_STEPS + " new roots at once");
    }

    private void store(TrustRoot root) throws IOException {
        ObjectNode stored = MAPPER.createObjectNode();
        stored.put("pinned", pinnedHash);
        stored.put("root", root.document);
        AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
