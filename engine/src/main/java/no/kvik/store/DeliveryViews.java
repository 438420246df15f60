package no.kvik.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.contract.DeliveryName;
import no.kvik.contract.IngestViews;

/**
 * The SQL of the store views {@value IngestViews#FILES} and {@value IngestViews#REJECTIONS}, written from one
 * manifest generation (as the registry views list its files): the live deliveries and the history of files rejected
 * for their message version; {@value IngestViews#REJECTIONS} adds the files whose latest delivery was rejected for
 * another reason (reason code {@code file}).
 */
final class DeliveryViews {
    private DeliveryViews() {
    }

    static List<String> create(StoreManifest manifest, Contracts contracts) {
        List<String> rows = new ArrayList<>();
        for (StoreManifest.Delivery d : manifest.deliveries()) {
            DeliveryName named = DeliveryName.parse(d.sourceFile());
            Optional<Contract> c = contracts.byId(d.contractId());
            String version = named.version() != null ? named.version()
                    : c.filter(k -> !k.messageVersions().isEmpty()).map(k -> k.messageVersions().get(0)).orElse(null);
            rows.add(row(d.contractId(), d.sourceFile(), named.reportingUnit(), iso(named), isoEnd(named), version,
                    false, null));
        }
        for (StoreManifest.VersionRejection v : manifest.versionRejections()) {
            rows.add(row(v.contractId(), v.sourceFile(), v.reportingUnit(), v.periodStart(), v.periodEnd(),
                    v.versionFound(), true, "message version " + v.versionFound() + " not accepted (accepted: "
                            + String.join(", ", v.versionsAccepted()) + ")"));
        }
        StringBuilder files = new StringBuilder("CREATE OR REPLACE VIEW " + IngestViews.FILES + " AS SELECT ");
        List<String> casts = new ArrayList<>();
        for (IngestViews.Column col : IngestViews.FILE_COLUMNS) {
            casts.add("CAST(" + col.name() + " AS " + col.type().duckDbType() + ") AS " + col.name());
        }
        files.append(String.join(", ", casts));
        List<String> names = IngestViews.FILE_COLUMNS.stream().map(IngestViews.Column::name).toList();
        if (rows.isEmpty()) {
            files.append(" FROM (SELECT ").append(String.join(", ", names.stream().map(n -> "NULL AS " + n).toList()))
                    .append(") WHERE false");
        } else {
            files.append(" FROM (VALUES ").append(String.join(", ", rows)).append(") AS f(")
                    .append(String.join(", ", names)).append(")");
        }
        List<String> others = new ArrayList<>();
        for (StoreManifest.Rejection r : manifest.rejected()) {
            boolean onVersion = manifest.versionRejections().stream()
                    .anyMatch(v -> v.sourceFile().equals(r.sourceFile()) && v.sha256().equals(r.sha256()));
            if (onVersion) continue;
            DeliveryName named = DeliveryName.parse(r.sourceFile());
            others.add("(" + String.join(", ", lit(r.contractId()), lit(r.sourceFile()),
                    lit(named.reportingUnit()), date(iso(named)), date(isoEnd(named)), "'file'",
                    lit(r.reason())) + ")");
        }
        String rejections = "CREATE OR REPLACE VIEW " + IngestViews.REJECTIONS + " AS "
                + IngestViews.rejectionsFrom(IngestViews.FILES)
                + (others.isEmpty() ? "" : " UNION ALL SELECT * FROM (VALUES " + String.join(", ", others) + ")");
        return List.of(files.toString(), rejections);
    }

    private static String row(String contract, String file, String unit, String start, String end, String version,
                              boolean rejected, String reason) {
        return "(" + String.join(", ", lit(contract), lit(file), lit(unit),
                date(start), date(end), lit(version), rejected ? "true" : "false",
                lit(reason)) + ")";
    }

    private static String date(String iso) {
        return iso == null ? "CAST(NULL AS DATE)" : "DATE " + lit(iso);
    }

    private static String lit(String value) {
        return value == null ? "NULL" : BoundSql.literal(value);
    }

    private static String iso(DeliveryName n) {
        return n.periodStart() == null ? null : n.periodStart().toString();
    }

    private static String isoEnd(DeliveryName n) {
        return n.periodEnd() == null ? null : n.periodEnd().toString();
    }
}
