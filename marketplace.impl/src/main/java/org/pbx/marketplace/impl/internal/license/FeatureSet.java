package org.pbx.marketplace.impl.internal.license;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;

/**
 * The licensed features, immutable, for the hot path: modules ask "is my feature licensed?" per
 * call. One array probe, no lock, no allocation; ids are interned so that a module asking with a
 * constant (as {@code LicenseConditions} suggests) usually matches by reference before equals.
 */
final class FeatureSet extends AbstractSet<String> {

    static final FeatureSet EMPTY = new FeatureSet(java.util.List.of());

    /** Open addressing, at most an eighth full, so a probe rarely looks past its first slot. */
    private final String[] table;
    /** Each slot's hash code: a miss compares ints, not strings (Strings cache their hash). */
    private final int[] hashes;
    private final int mask;
    private final int size;

    FeatureSet(Collection<String> features) {
        int capacity = Integer.highestOneBit(Math.max(4, features.size() * 8) - 1) << 1;
        table = new String[capacity];
        hashes = new int[capacity];
        mask = capacity - 1;
        int count = 0;
        for (String feature : features) {
            String id = Objects.requireNonNull(feature).intern();
            int i = slot(id);
            while (table[i] != null && !table[i].equals(id)) {
                i = (i + 1) & mask;
            }
            if (table[i] == null) {
                table[i] = id;
                hashes[i] = id.hashCode();
                count++;
            }
        }
        size = count;
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof String)) {
            return false;
        }
        String[] t = table;
        int h = o.hashCode();
        for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
            String id = t[i];
            if (id == null) {
                return false;
            }
            if (id == o || hashes[i] == h && id.equals(o)) {
                return true;
            }
        }
    }

    private int slot(String id) {
        int h = id.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(table).filter(Objects::nonNull).iterator();
    }

    @Override
    public int size() {
        return size;
    }
}
