package org.pbx.marketplace.bench.fleet;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Validate requests signed before a phase starts, by random PBXs of the fleet, so the load
 * generator's own signing does not compete with the server during the measurement. Signed with
 * the current time: valid for the server's ±300 s, longer than any phase. Past the end, a request
 * is signed on the spot.
 */
final class Presigned {
    private final Requests requests;
    private final List<Pbx> fleet;
    private final Requests.Signed[] signed;

    private Presigned(Requests requests, List<Pbx> fleet, int count) {
        this.requests = requests;
        this.fleet = fleet;
        long now = System.currentTimeMillis() / 1000;
        this.signed = new Requests.Signed[count];
        IntStream.range(0, count).parallel().forEach(i -> signed[i] = requests.validate(random(fleet), now));
    }

    static Presigned validations(Requests requests, List<Pbx> fleet, int count) {
        return new Presigned(requests, fleet, count);
    }

    Requests.Signed get(long index) {
        return index < signed.length ? signed[(int) index] : requests.validate(random(fleet), System.currentTimeMillis() / 1000);
    }

    private static Pbx random(List<Pbx> fleet) {
        return fleet.get(ThreadLocalRandom.current().nextInt(fleet.size()));
    }
}
