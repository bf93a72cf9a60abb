/**
 * Components a module vendor would write, gated on the license with no code of their own;
 * the integration tests watch them come and go.
 */
package org.pbx.marketplace.itest.gated;
