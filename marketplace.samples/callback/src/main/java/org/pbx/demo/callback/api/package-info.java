/**
 * The callback widget's API. Version 1.0 in every callback release, so a module importing
 * [1.0,2) resolves against either release and survives an update of the widget.
 */
@Export
@Version("1.0.0")
package org.pbx.demo.callback.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
