package org.pbx.marketplace.bench.gated;

import org.pbx.marketplace.bench.gating.spi.ActiveCount;

/**
 * The component class of the generated test bundle (its bytes are copied into the bundle, so
 * the bundle loads its own copy): it only reports that SCR activated or deactivated it.
 */
public class Gated {

    public void activate() {
        ActiveCount.activated();
    }

    public void deactivate() {
        ActiveCount.deactivated();
    }
}
