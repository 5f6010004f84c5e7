package dlnb.data;

import dlnb.Args;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A binary classification data set: numeric features and labels 1 = {@code positiveClass},
 * 0 = {@code negativeClass}.
 */
public record BinaryData(String name, List<String> featureNames, double[][] x, int[] y,
                         String positiveClass, String negativeClass) {
    public BinaryData {
        Args.notBlank("name", name);
        Args.notNull("featureNames", featureNames);
        Args.notNull("x", x);
        Args.notNull("y", y);
        Args.sameLength("x", x.length, "y", y.length);
        Args.check(y.length > 0, name + ": the data set is empty (no rows)");
        for (int i = 0; i < y.length; i++) {
            Args.check(y[i] == 0 || y[i] == 1, "y[" + i + "] must be 0 or 1, got " + y[i]);
            Args.notNull("x[" + i + "]", x[i]);
            Args.check(x[i].length == featureNames.size(), "x[" + i + "] must have " + featureNames.size()
                    + " features, got " + x[i].length);
            for (int j = 0; j < x[i].length; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(name + ": x[" + i + "][" + j + "] (row " + i + ", feature "
                            + featureNames.get(j) + ") is " + x[i][j] + "; features must be finite numbers");
                }
            }
        }
    }

    public int size() {
        return y.length;
    }

    public int positives() {
        return Arrays.stream(y).sum();
    }

    /** The positive proportion pi. */
    public double positiveRate() {
        return positives() / (double) size();
    }

    /** The rows at the given indices, in that order. */
    public BinaryData subset(int[] rows) {
        double[][] xs = new double[rows.length][];
        int[] ys = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            xs[i] = x[rows[i]].clone();
            ys[i] = y[rows[i]];
        }
        return new BinaryData(name, featureNames, xs, ys, positiveClass, negativeClass);
    }

    /** A training and a test part. */
    public record Split(BinaryData train, BinaryData test) {
    }

    /**
     * Shuffles each class with {@code rnd} and puts {@code testFraction} of it (rounded) in the test part,
     * so both parts keep the positive rate (stratified); the same Random seed gives the same split.
     */
    public Split split(double testFraction, Random rnd) {
        Args.check(testFraction > 0 && testFraction < 1, "testFraction must be in (0, 1), got " + testFraction);
        Args.notNull("rnd", rnd);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int label = 1; label >= 0; label--) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == label) {
                    rows.add(i);
                }
            }
            java.util.Collections.shuffle(rows, rnd);
            int nTest = (int) Math.round(testFraction * rows.size());
            Args.check(nTest > 0 && nTest < rows.size(), "testFraction " + testFraction + " leaves a part without class "
                    + (label == 1 ? positiveClass : negativeClass) + " (" + rows.size() + " rows)");
            test.addAll(rows.subList(0, nTest));
            train.addAll(rows.subList(nTest, rows.size()));
        }
        java.util.Collections.sort(train);
        java.util.Collections.sort(test);
        return new Split(subset(train.stream().mapToInt(Integer::intValue).toArray()),
                subset(test.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * From a parsed ARFF: {@code target} must be nominal with two values; {@code positiveClass} null picks
     * the minority class (the usual "positive" of a medical or marketing data set). Nominal features become
     * 0/1 indicator columns; rows with a missing value are dropped.
     */
    public static BinaryData fromArff(Arff.Data data, String name, String target, String positiveClass) {
        Args.notNull("data", data);
        int t = data.index(Args.notBlank("target", target));
        Arff.Attribute targetAttr = data.attributes().get(t);
        Args.check(targetAttr.isNominal() && targetAttr.values().size() == 2, "target " + target
                + " must be nominal with two values, got " + (targetAttr.isNominal() ? targetAttr.values() : "numeric"));
        List<double[]> complete = new ArrayList<>();
        for (double[] row : data.rows()) {
            if (Arrays.stream(row).noneMatch(Double::isNaN)) {
                complete.add(row);
            }
        }
        Args.check(data.rows().length > 0, name + ": the data set is empty (" + data.relation() + " has no rows after @data)");
        Args.check(!complete.isEmpty(), name + ": every one of the " + data.rows().length + " rows of " + data.relation()
                + " has a missing value (?), so no row is left");
        int[] counts = new int[2];
        complete.forEach(r -> counts[(int) r[t]]++);
        int pos;
        if (positiveClass == null) {
            pos = counts[1] <= counts[0] ? 1 : 0;
        } else {
            pos = targetAttr.values().indexOf(positiveClass);
            Args.check(pos >= 0, "positiveClass \"" + positiveClass + "\" is not a value of " + target + " "
                    + targetAttr.values());
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < data.attributes().size(); j++) {
            Arff.Attribute a = data.attributes().get(j);
            if (j == t) {
                continue;
            }
            if (a.isNominal()) {
                a.values().forEach(v -> names.add(a.name() + "=" + v));
            } else {
                names.add(a.name());
            }
        }
        double[][] x = new double[complete.size()][];
        int[] y = new int[complete.size()];
        for (int i = 0; i < x.length; i++) {
            double[] row = complete.get(i);
            double[] features = new double[names.size()];
            int c = 0;
            for (int j = 0; j < row.length; j++) {
                Arff.Attribute a = data.attributes().get(j);
                if (j == t) {
                    continue;
                }
                if (a.isNominal()) {
                    features[c + (int) row[j]] = 1;
                    c += a.values().size();
                } else {
                    features[c++] = row[j];
                }
            }
            x[i] = features;
            y[i] = (int) row[t] == pos ? 1 : 0;
        }
        return new BinaryData(name, List.copyOf(names), x, y, targetAttr.values().get(pos),
                targetAttr.values().get(1 - pos));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s: %d rows, %d features, positive class \"%s\" (%d, %.1f%%), negative \"%s\"",
                name, size(), featureNames.size(), positiveClass, positives(), 100 * positiveRate(), negativeClass);
    }
}
