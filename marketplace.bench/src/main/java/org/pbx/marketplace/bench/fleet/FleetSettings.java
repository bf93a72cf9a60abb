package org.pbx.marketplace.bench.fleet;

import java.util.Arrays;
import java.util.List;

/** The fleet bench's knobs, all system properties with defaults that keep the whole bench near 15 minutes. */
final class FleetSettings {
    /** Fleet sizes; the largest is generated and registered, smaller ones are its first PBXs. */
    final List<Integer> sizes = ints("bench.fleet.sizes", "10000,100000");
    /** Which set-ups: h2 (one node), pg (one node), pg2 (two nodes on one PostgreSQL). */
    final List<String> setups = List.of(System.getProperty("bench.fleet.setups", "h2,pg,pg2").split(","));
    /** Closed-loop connections: enough that the server always has work waiting on both cores. */
    final int clients = Integer.getInteger("bench.fleet.clients", 32);
    final int rounds = Integer.getInteger("bench.fleet.rounds", 3);
    final int roundSeconds = Integer.getInteger("bench.fleet.roundSeconds", 8);
    final int warmupSeconds = Integer.getInteger("bench.fleet.warmupSeconds", 5);
    final int openSeconds = Integer.getInteger("bench.fleet.openSeconds", 15);
    /** Open-loop connections: more than can ever be busy at half load, so no arrival waits for one. */
    final int openWorkers = Integer.getInteger("bench.fleet.openWorkers", 64);
    /** Alongside the validations at half load: what else PBXs send (per second). */
    final double timestampRate = Double.parseDouble(System.getProperty("bench.fleet.timestampRate", "20"));
    final double downloadRate = Double.parseDouble(System.getProperty("bench.fleet.downloadRate", "1"));
    final double registrationRate = Double.parseDouble(System.getProperty("bench.fleet.registrationRate", "1"));
    /** The burst: fleet ÷ scale PBXs over the 120 s window ÷ scale (the full fleet's arrival rate). */
    final double burstScale = Double.parseDouble(System.getProperty("bench.fleet.burstScale", "10"));
    final int baselineRounds = Integer.getInteger("bench.fleet.baselineRounds", 3);
    final int baselineSeconds = Integer.getInteger("bench.fleet.baselineSeconds", 3);
    /** Extra JVM options for the server nodes, e.g. a flight recording. */
    final List<String> serverJvm = List.of(System.getProperty("bench.fleet.serverJvm", "").split(" ")).stream()
            .filter(s -> !s.isBlank()).toList();
    /** true: forget the cached databases and register the fleet again. */
    final boolean fresh = Boolean.getBoolean("bench.fleet.fresh");

    int largest() {
        return sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static List<Integer> ints(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
