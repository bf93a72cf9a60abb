/** The call notes other modules may use: exported and versioned, as every module API should be. */
@Export
@Version("1.0.0")
package com.example.callnotes.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
