package no.kvik.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns covariate values into design rows: intercept, then per covariate either its value (numeric) or one 0/1
 * dummy per non-reference level, named "name=level" (R's treatment contrasts, contr.treatment).
 */
public record DesignMatrix(List<Covariate> covariates) {
    public static final String INTERCEPT = "(Intercept)";

    public DesignMatrix {
        covariates = List.copyOf(covariates);
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        names.add(INTERCEPT);
        for (Covariate c : covariates) {
            if (c.categorical()) {
                for (int l = 1; l < c.levels().size(); l++) {
                    names.add(c.name() + "=" + c.levels().get(l));
                }
            } else {
                names.add(c.name());
            }
        }
        return names;
    }

    /** One design row; values are String for categorical and Number for numeric covariates, in covariate order. */
    public double[] row(Object[] values) {
        if (values.length != covariates.size()) {
            throw new IllegalArgumentException("expected " + covariates.size() + " covariate values, got "
                    + values.length);
        }
        double[] row = new double[columnNames().size()];
        row[0] = 1;
        int k = 1;
        for (int j = 0; j < values.length; j++) {
            Covariate c = covariates.get(j);
            if (values[j] == null) {
                throw new IllegalArgumentException("covariate " + c.name() + " is missing");
            }
            if (c.categorical()) {
                int level = c.levels().indexOf(values[j].toString());
                if (level < 0) {
                    throw new IllegalArgumentException("covariate " + c.name() + ": unknown level " + values[j]);
                }
                if (level > 0) {
                    row[k + level - 1] = 1;
                }
                k += c.levels().size() - 1;
            } else {
                row[k++] = ((Number) values[j]).doubleValue();
            }
        }
        return row;
    }
}
