package org.pbx.marketplace.bench;

/** One line of the table: what was measured, against what, and whether it meets the goal. */
public final class Row {

    public final String figure;
    public final String ours;
    public final String baseline;
    public final String ratio;
    public final String goal;
    /** "yes", "no", or "—" where there is no goal. */
    public final String met;
    /** The bench step that made the row (the README renders its tables by step). */
    public String step;

    public Row(String figure, String ours, String baseline, String ratio, String goal, boolean met) {
        this.figure = figure;
        this.ours = ours;
        this.baseline = baseline;
        this.ratio = ratio;
        this.goal = goal;
        this.met = met ? "yes" : "no";
    }

    /** A row with no goal of its own (set-up facts, baselines): {@code met} is "—". */
    public Row(String figure, String ours, String baseline, String ratio, String goal, String met) {
        this.figure = figure;
        this.ours = ours;
        this.baseline = baseline;
        this.ratio = ratio;
        this.goal = goal;
        this.met = met;
    }

    /**
     * The verdict for a row whose "ours" does all of the baseline's work and more (a superset): a ratio
     * below 1 cannot be a real gain, so it is "noise", not "yes".
     */
    public static String superset(double ratio, double goal) {
        return ratio < 1 ? "noise (< 1× for a superset)" : ratio <= goal ? "yes" : "no";
    }

    public static String ratio(double ours, double baseline) {
        return String.format("%.2f×", ours / baseline);
    }
}
