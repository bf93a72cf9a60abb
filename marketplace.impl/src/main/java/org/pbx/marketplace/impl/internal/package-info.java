/**
 * The Marketplace's implementation: nothing here is exported; modules use marketplace.api.
 */
package org.pbx.marketplace.impl.internal;
