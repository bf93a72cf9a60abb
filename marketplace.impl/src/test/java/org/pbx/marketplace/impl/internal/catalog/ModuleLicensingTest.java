package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pbx.marketplace.api.CatalogException;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.ReasonDTO;
import org.pbx.marketplace.impl.internal.protocol.VendorChannel;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Which trial an install will start, decided before any download, and never started by the decision itself. */
class ModuleLicensingTest {

    private final LicenseService license = mock(LicenseService.class);
    private final VendorChannel channel = mock(VendorChannel.class);
    private final ModuleLicensing licensing = new ModuleLicensing(license, channel);

    @Test
    void aFreeOrLicensedModuleNeedsNoTrial() throws Exception {
        assertNull(licensing.trialNeeded(module(false, "p")));
        when(license.isFeatureAvailable("f")).thenReturn(true);
        assertNull(licensing.trialNeeded(module(true, "p")));
    }

    @Test
    void aPaidModuleOfAProductWithATrialNamesItWithoutStartingIt() throws Exception {
        when(channel.licenseKey()).thenReturn("MKT-TEST");
        assertEquals("p", licensing.trialNeeded(module(true, "p")));
        verify(license, never()).startTrial(anyString());
    }

    @Test
    void withoutAKeyOrAProductItIsRefusedWithTheLicensesReason() throws Exception {
        ReasonDTO why = new ReasonDTO();
        why.code = "NOT_REGISTERED";
        why.message = Map.of("en", "Register first.", "ru", "Сначала зарегистрируйтесь.");
        when(license.whyUnavailable("f")).thenReturn(why);
        CatalogException e = assertThrows(CatalogException.class, () -> licensing.trialNeeded(module(true, "p")));
        assertEquals("NO_LICENSE", e.reason().code);
        assertEquals("The license does not cover the paid module \"m\" and no trial could be started: Register first.",
                e.reason().message.get("en"));
        when(channel.licenseKey()).thenReturn("MKT-TEST");
        assertEquals("NO_LICENSE", assertThrows(CatalogException.class, () -> licensing.trialNeeded(module(true, null))).reason().code);
    }

    private static CatalogDocument.Module module(boolean commercial, String productId) {
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("id", "m", "commercial", commercial, "featureId", "f",
                "releases", List.of()));
        if (productId != null) {
            fields.put("productId", productId);
        }
        return new CatalogDocument.Module(new ObjectMapper().valueToTree(fields));
    }
}
