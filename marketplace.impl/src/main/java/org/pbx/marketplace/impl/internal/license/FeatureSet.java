package org.pbx.marketplace.impl.internal.license;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;

/**
 * The licensed features, immutable, for the hot path: modules ask "is my feature licensed?" per
 * call. No lock, no allocation. A probe reads one int array: each slot holds its feature's mixed
 * hash with the top bit set (0: empty), so a miss — the unlicensed check — ends at an int compare
 * without touching a String; only a slot whose hash matches is compared by reference (ids are
 * interned, and a module asking with a constant, as {@code LicenseConditions} suggests, usually
 * matches so) and then by equals.
 */
final class FeatureSet extends AbstractSet<String> {

    static final FeatureSet EMPTY = new FeatureSet(java.util.List.of());

    /** Open addressing, at most an eighth full, so a probe rarely looks past its first slot. */
    private final String[] table;
    /** Each slot's {@link #tag}, 0 if the slot is empty: a miss compares ints only (Strings cache their hash). */
    private final int[] tags;
    private final int mask;
    private final int size;

    FeatureSet(Collection<String> features) {
        int capacity = Integer.highestOneBit(Math.max(4, features.size() * 8) - 1) << 1;
        table = new String[capacity];
        tags = new int[capacity];
        mask = capacity - 1;
        int count = 0;
        for (String feature : features) {
            String id = Objects.requireNonNull(feature).intern();
            int tag = tag(id.hashCode());
            int i = tag & mask;
            while (table[i] != null && !table[i].equals(id)) {
                i = (i + 1) & mask;
            }
            if (table[i] == null) {
                table[i] = id;
                tags[i] = tag;
                count++;
            }
        }
        size = count;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof String && contains((String) o);
    }

    /** The hot path: the service's isFeatureAvailable, through LicensedFeatures; a null id is unavailable. */
    boolean contains(String id) {
        if (id == null) {
            return false;
        }
        int[] t = tags;
        int tag = tag(id.hashCode());
        for (int i = tag & mask; ; i = (i + 1) & mask) {
            int slot = t[i];
            if (slot == tag) {
                String feature = table[i];
                if (feature == id || feature.equals(id)) {
                    return true;
                }
            } else if (slot == 0) {
                return false;
            }
        }
    }

    /** The slot's tag: the spread hash, top bit set so that no feature's tag is 0 (an empty slot). */
    private static int tag(int h) {
        return (h ^ (h >>> 16)) | Integer.MIN_VALUE;
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
