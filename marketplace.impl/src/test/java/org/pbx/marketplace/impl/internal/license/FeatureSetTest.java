package org.pbx.marketplace.impl.internal.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FeatureSetTest {

    @Test
    void answersAsAHashSetWouldForManyIdsIncludingCollidingOnes() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add("feature-" + i);
        }
        // "Aa" and "BB" share a hash code: the probe must step past a slot taken by the other.
        ids.add("Aa");
        ids.add("BB");
        ids.add("feature-7");
        FeatureSet set = new FeatureSet(ids);
        Set<String> expected = new HashSet<>(ids);
        assertEquals(expected.size(), set.size());
        assertEquals(expected, set);
        assertEquals(expected, new HashSet<>(set));
        for (String id : expected) {
            // A fresh String: the lookup must not rely on the caller's instance being the interned one.
            assertTrue(set.contains(new String(id)), id);
        }
        assertFalse(set.contains("feature-200"));
        assertFalse(set.contains("Ab"));
        assertFalse(set.contains(null));
        assertFalse(set.contains(42));
    }

    @Test
    void aMissWithTheHashOfAPresentIdIsStillAMiss() {
        // Same hash code, so the same tag in the same slot: the probe must compare the strings and go on.
        FeatureSet set = new FeatureSet(List.of("Aa"));
        assertFalse(set.contains("BB"));
        assertTrue(set.contains("Aa"));
    }

    @Test
    void emptySetContainsNothing() {
        assertEquals(0, FeatureSet.EMPTY.size());
        assertFalse(FeatureSet.EMPTY.contains("marketplace"));
        assertEquals(Set.of(), FeatureSet.EMPTY);
    }
}
