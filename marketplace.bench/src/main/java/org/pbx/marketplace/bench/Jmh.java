package org.pbx.marketplace.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH benchmarks short enough that the whole table fits in a few minutes: three forks (a
 * single JVM's JIT decisions can move a nanosecond figure by half), each two one-second warm-ups
 * and five one-second measurements. Ours and its baseline always share a run; the table prints
 * each score with JMH's 99.9 % error over all forks.
 */
final class Jmh {

    static final int FORKS = 3;

    private final List<RunResult> results = new ArrayList<>();

    static Jmh run(Class<?> benchmark, int threads, boolean gc, Path shared) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
                .forks(FORKS)
                .threads(threads)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx1g", "-D" + Vendor.SHARED + "=" + shared)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        if (gc) {
            options.addProfiler(GCProfiler.class);
        }
        Jmh jmh = new Jmh();
        Collection<RunResult> results = new Runner(options.build()).run();
        jmh.results.addAll(results);
        return jmh;
    }

    /** The run of method {@code name}, with a parameter value if the benchmark has one. */
    RunResult get(String name, String param, String value) {
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            if (benchmark.endsWith("." + name) && (param == null || value.equals(r.getParams().getParam(param)))) {
                return r;
            }
        }
        throw new IllegalStateException("no result for " + name);
    }

    static double score(RunResult r) {
        return r.getPrimaryResult().getScore();
    }

    /** JMH's 99.9 % confidence half-width of the score, over all forks' measurements. */
    static double error(RunResult r) {
        return r.getPrimaryResult().getScoreError();
    }

    /** The score with its error, e.g. "2.77 ± 0.05". */
    static String withError(RunResult r, String format) {
        return String.format(format, score(r)) + " ± " + String.format(format, error(r));
    }

    static double p50(RunResult r) {
        return r.getPrimaryResult().getStatistics().getPercentile(50.0);
    }

    static double p99(RunResult r) {
        return r.getPrimaryResult().getStatistics().getPercentile(99.0);
    }

    /** Bytes allocated per operation (gc profiler), or NaN without it. */
    static double bytesPerOp(RunResult r) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }
}
