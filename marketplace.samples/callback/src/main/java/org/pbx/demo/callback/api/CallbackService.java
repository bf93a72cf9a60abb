package org.pbx.demo.callback.api;

import org.osgi.annotation.versioning.ProviderType;

/** What other modules may use of the callback widget; the CRM connector shows it on its page. */
@ProviderType
public interface CallbackService {
    /** The module as an admin knows it, e.g. "Callback widget 1.1.0". */
    String label();
}
