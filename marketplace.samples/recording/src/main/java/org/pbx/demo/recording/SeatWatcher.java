package org.pbx.demo.recording;

import org.osgi.service.component.annotations.Component;
import org.pbx.marketplace.api.LicenseListener;
import org.pbx.marketplace.api.dto.FeatureDTO;
import org.pbx.marketplace.api.dto.LicenseDTO;

/**
 * Keeps the licensed seats of call recording up to date as the license changes (the guide's §4):
 * quick, no I/O, only remembers what the status page shows.
 */
@Component(service = {LicenseListener.class, SeatWatcher.class})
public class SeatWatcher implements LicenseListener {

    private volatile int seats;

    @Override
    public void licenseChanged(LicenseDTO license) {
        int licensed = 0;
        for (FeatureDTO feature : license.features) {
            if ("call-recording".equals(feature.id) && feature.available) {
                licensed = feature.seats;
            }
        }
        seats = licensed;
    }

    /** Seats of call recording the license grants now; 0 when it doesn't. */
    public int seats() {
        return seats;
    }
}
