package org.pbx.marketplace.itest.gated;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.SatisfyingConditionTarget;

/**
 * Active while the PBX holds a usable license (ACTIVE or GRACE), whatever its features.
 */
@Component(service = LicensedOnly.class)
@SatisfyingConditionTarget("(osgi.condition.id=marketplace.licensed)")
public class LicensedOnly {
}
