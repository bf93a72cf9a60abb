package org.pbx.marketplace.impl.internal.license;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM of {@link LicenseStoreCrashTest}: loops forever loading the license record from the
 * given data folder and saving it with the key switched between {@link #KEY_A} and
 * {@link #KEY_B}, printing "saved N" after each save returned. Every field that changes is
 * derived from the serial, so a torn or mixed write is detectable:
 * serial odd ⇒ {@link #KEY_A}, even ⇒ {@link #KEY_B}; token = {@link #token(String, long)}.
 * Exits with status 2 if the stored record is inconsistent at load (the parent sees EOF early).
 * <p>
 * To overlap the JVM's start with the previous child's run, it first warms Jackson up in memory,
 * then waits for a line "go" on stdin before it touches the data folder.
 */
public final class KeyChangerMain {

    static final String KEY_A = "MKT-AAAAA-AAAAA-AAAAA-AAAAA";
    static final String KEY_B = "MKT-BBBBB-BBBBB-BBBBB-BBBBB";
    static final String FILE_NAME = "license.json";

    private KeyChangerMain() {
    }

    /** The key a consistent record with this serial holds. */
    static String keyFor(long serial) {
        return serial % 2 == 1 ? KEY_A : KEY_B;
    }

    /** The token a consistent record with this key and serial holds. */
    static String token(String key, long serial) {
        return "token-for-" + key + "/serial-" + serial;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: KeyChangerMain <data folder>");
            System.exit(1);
        }
        LicenseStore store = new LicenseStore(Path.of(args[0]).resolve(FILE_NAME));
        warmUp();
        String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (!"go".equals(go)) {
            System.err.println("expected 'go' on stdin, got " + go);
            System.exit(1);
        }
        while (true) {
            LicenseStore.Record record = store.load();
            if (record.key != null
                    && (!record.key.equals(keyFor(record.serial)) || !token(record.key, record.serial).equals(record.token))) {
                System.err.println("inconsistent record at load: key=" + record.key + " serial=" + record.serial
                        + " token=" + record.token);
                System.exit(2);
            }
            long serial = record.serial + 1;
            String key = keyFor(serial);
            record.previousKey = record.key;
            record.key = key;
            record.token = token(key, serial);
            record.serial = serial;
            record.lastCheckAt = serial;
            record.lastSeen = serial;
            store.save(record);
            System.out.println("saved " + serial);
            System.out.flush();
        }
    }

    /** Loads and initialises what a save and a load use, without touching any file. */
    private static void warmUp() throws IOException {
        LicenseStore.Record record = new LicenseStore.Record();
        record.key = KEY_A;
        record.token = token(KEY_A, 1);
        record.serial = 1;
        byte[] content = LicenseStore.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(record);
        LicenseStore.MAPPER.readValue(content, LicenseStore.Record.class);
    }
}
