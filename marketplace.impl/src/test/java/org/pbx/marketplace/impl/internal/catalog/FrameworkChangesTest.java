package org.pbx.marketplace.impl.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.Logger;

/** FrameworkChanges on a mocked framework: refreshes waited for with a limit, undo that goes on and says what it left. */
class FrameworkChangesTest {

    private final BundleContext context = mock(BundleContext.class);
    private final FrameworkWiring wiring = mock(FrameworkWiring.class);
    private final Logger logger = mock(Logger.class);
    private final FrameworkChanges changes = new FrameworkChanges(context, Duration.ofMillis(200), logger);
    private boolean refreshFinishes = true;

    @BeforeEach
    void framework() {
        Bundle system = mock(Bundle.class);
        when(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)).thenReturn(system);
        when(system.adapt(FrameworkWiring.class)).thenReturn(wiring);
        doAnswer(call -> {
            if (refreshFinishes) {
                ((FrameworkListener) call.getArguments()[1]).frameworkEvent(new FrameworkEvent(FrameworkEvent.PACKAGES_REFRESHED, system, null));
            }
            return null;
        }).when(wiring).refreshBundles(any(), any(FrameworkListener[].class));
    }

    @Test
    void aRefreshThatDoesNotFinishInTimeIsAFailure() {
        refreshFinishes = false;
        TimeoutException e = assertThrows(TimeoutException.class, () -> changes.refresh(null));
        assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
    }

    @Test
    void undoRunsNewestFirstAndGoesOnPastAFailureSayingWhatItLeft() {
        List<String> ran = new ArrayList<>();
        List<FrameworkChanges.Undo> undo = List.of(
                new FrameworkChanges.Undo("a", "a 1.0.0 still installed", () -> ran.add("a")),
                new FrameworkChanges.Undo("b", "b 2.0.0 still installed", () -> {
                    ran.add("b");
                    throw new BundleException("storage locked");
                }));

        List<String> left = changes.undo(undo, "INSTALL of b");

        assertEquals(List.of("b", "a"), ran);
        assertEquals(List.of("b 2.0.0 still installed"), left);
        verify(logger).error(argThat((String text) -> text.contains("INSTALL of b") && text.contains("storage locked")
                && text.contains("b 2.0.0 still installed")));
    }

    @Test
    void undoWhoseRefreshHangsSaysSo() {
        refreshFinishes = false;
        List<String> left = changes.undo(List.of(), "UPDATE of a");
        assertEquals(List.of("the framework's wiring not yet refreshed"), left);
        verify(logger).error(argThat((String text) -> text.contains("did not finish")));
    }

    /** A bundle whose wiring requires wires to each of the providers. */
    private static Bundle wired(String location, Bundle... providers) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getLocation()).thenReturn(location);
        BundleWiring wiring = mock(BundleWiring.class);
        List<BundleWire> wires = new ArrayList<>();
        for (Bundle provider : providers) {
            BundleWire wire = mock(BundleWire.class);
            BundleRevision revision = mock(BundleRevision.class);
            when(revision.getBundle()).thenReturn(provider);
            when(wire.getProvider()).thenReturn(revision);
            wires.add(wire);
        }
        when(wiring.getRequiredWires(null)).thenReturn(wires);
        when(bundle.adapt(BundleWiring.class)).thenReturn(wiring);
        return bundle;
    }

    @Test
    void librariesAreReachedThroughLibrariesOnlyAndEachOnce() {
        Bundle framework = wired("System Bundle");
        Bundle deep = wired(FrameworkChanges.LIBRARY_PREFIX + "deep/1.0.0");
        Bundle behindAModule = wired(FrameworkChanges.LIBRARY_PREFIX + "hidden/1.0.0");
        Bundle otherModule = wired(FrameworkChanges.LOCATION_PREFIX + "other", behindAModule);
        Bundle shared = wired(FrameworkChanges.LIBRARY_PREFIX + "shared/1.0.0", deep, framework);
        Bundle direct = wired(FrameworkChanges.LIBRARY_PREFIX + "direct/1.0.0", shared);
        Bundle unresolved = mock(Bundle.class);
        Bundle module = wired(FrameworkChanges.LOCATION_PREFIX + "a", direct, shared, otherModule, framework);
        Bundle second = wired(FrameworkChanges.LOCATION_PREFIX + "b", shared);

        assertEquals(Set.of(direct, shared, deep), FrameworkChanges.librariesReached(List.of(module, second, unresolved)),
                "a library through a library counts, one through another module or the framework does not");
        assertEquals(Set.of(), FrameworkChanges.librariesReached(List.of(unresolved)), "no wiring, no libraries");
    }

    /** A listing while a module is uninstalled: the refresh disposes the wiring after adapt() returned it (LoadIT's 500). */
    @Test
    void aWiringDisposedMeanwhileReachesNothing() {
        Bundle leaving = mock(Bundle.class);
        BundleWiring disposed = mock(BundleWiring.class);
        when(leaving.adapt(BundleWiring.class)).thenReturn(disposed);
        when(disposed.getRequiredWires(null)).thenReturn(null);

        assertEquals(Set.of(), FrameworkChanges.librariesReached(List.of(leaving)), "a wiring no longer in use has no wires");
    }
}
