package org.pbx.marketplace.bench.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.osgi.framework.launch.Framework;
import org.pbx.marketplace.api.LicenseService;
import org.pbx.marketplace.api.dto.CatalogDTO;
import org.pbx.marketplace.api.dto.ModuleQueryDTO;
import org.pbx.marketplace.bench.EmbeddedFelix;
import org.pbx.marketplace.bench.Vendor;
import org.pbx.marketplace.impl.testsupport.CatalogSearch;
import org.pbx.marketplace.impl.testsupport.StartedLicense;

/**
 * Issue 7, "catalog search": the page's search and filter over 10,000 modules, through CatalogView
 * as ModuleCatalog answers it (testsupport's CatalogSearch: every module described, licensed state
 * from the real license service around a started engine),
 * sampled for p99. Baseline: a bare loop doing the same matching over the same parsed modules,
 * with the same lower-case search text per module made once at set-up, as the parse makes ours:
 * the difference is what ModuleCatalog adds (the DTOs, licensed state, sorting), not that cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CatalogSearchBench {

    static final int MODULES = 10_000;

    private Framework felix;
    private StartedLicense license;
    private LicenseService service;
    private CatalogSearch view;
    private List<CatalogSearch.Module> modules;
    /** Each module's id, names and descriptions, lower case, as CatalogDocument precomputes them. */
    private List<String> texts;
    private ModuleQueryDTO text;
    private ModuleQueryDTO filter;
    private final Map<String, org.osgi.framework.Bundle> installed = Map.of();

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("bench-search");
        Vendor vendor = Vendor.shared();
        felix = EmbeddedFelix.start(dir.resolve("felix"), null);
        license = StartedLicense.start(dir.resolve("license"), felix.getBundleContext(), vendor.trustRoot(), Vendor.LICENSE_KEY,
                installation -> vendor.licenseToken(installation, System.currentTimeMillis() / 1000, "marketplace", "call-recording"));
        service = license.service();
        if (!service.isFeatureAvailable("call-recording")) {
            throw new IllegalStateException("the engine did not accept the bench token: " + service.license().reason);
        }
        // The view as the catalog component builds it after a restart: from its verified cache.
        view = new CatalogSearch(dir.resolve("catalog/catalog.json"), vendor.catalog(MODULES, System.currentTimeMillis() / 1000),
                System.currentTimeMillis(), "7.2.0");
        modules = new ArrayList<>(view.modules());
        texts = new ArrayList<>();
        for (CatalogSearch.Module m : modules) {
            StringBuilder t = new StringBuilder(m.id());
            m.names().forEach(v -> t.append('\0').append(v));
            m.descriptions().forEach(v -> t.append('\0').append(v));
            texts.add(t.toString().toLowerCase(Locale.ROOT));
        }
        text = new ModuleQueryDTO();
        text.text = "Recording";
        filter = new ModuleQueryDTO();
        filter.type = "paid";
        filter.category = "telephony";
        if (oursText().modules.size() != baselineText() || oursFilter().modules.size() != baselineFilter()) {
            throw new IllegalStateException("search and baseline disagree");
        }
    }

    @TearDown
    public void tearDown() {
        license.close();
        EmbeddedFelix.stop(felix);
    }

    @Benchmark
    public CatalogDTO oursText() {
        return view.search(text, installed, service, System.currentTimeMillis());
    }

    @Benchmark
    public CatalogDTO oursFilter() {
        return view.search(filter, installed, service, System.currentTimeMillis());
    }

    @Benchmark
    public int baselineText() {
        String needle = text.text.trim().toLowerCase(Locale.ROOT);
        int found = 0;
        for (String t : texts) {
            if (t.contains(needle)) {
                found++;
            }
        }
        return found;
    }

    @Benchmark
    public int baselineFilter() {
        int found = 0;
        for (CatalogSearch.Module m : modules) {
            if (m.commercial() && filter.category.equals(m.category())) {
                found++;
            }
        }
        return found;
    }
}
