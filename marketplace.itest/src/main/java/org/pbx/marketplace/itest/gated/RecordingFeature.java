package org.pbx.marketplace.itest.gated;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.propertytypes.SatisfyingConditionTarget;

/**
 * Active exactly while the feature "call-recording" is licensed: the three lines of the guide.
 */
@Component(service = RecordingFeature.class)
@SatisfyingConditionTarget("(osgi.condition.id=marketplace.feature.call-recording)")
public class RecordingFeature {
}
