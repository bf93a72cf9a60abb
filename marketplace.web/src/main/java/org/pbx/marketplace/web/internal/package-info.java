/**
 * The Marketplace's REST resources and pages; private, the REST API is the contract.
 */
package org.pbx.marketplace.web.internal;
