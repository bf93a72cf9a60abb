package org.pbx.marketplace.shell.health;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service properties that make a component a Felix health check ({@code hc.name}, {@code hc.tags}),
 * as a property type: Felix's own annotations ship in another artifact that the runtime doesn't need.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface HealthCheckService {

    /** No prefix: the members name the properties themselves. */
    String PREFIX_ = "";

    /** {@code hc.name}: the check's name, as the executor's results show it. */
    String hc_name();

    /** {@code hc.tags}: the tags that select the check (the servlet's {@code ?tags=}). */
    String[] hc_tags();
}
