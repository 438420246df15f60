package no.kvik.contract;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a delivery's file name says of it, read before a byte of the file: the message version it is written on
 * ({@code _v4} or {@code _v4.1} just before the extension), the reporting unit that sent it (a 9-digit organisation
 * number standing alone in the name) and the period it covers (a tertial {@code 2024T2}, else the last year
 * written in the name). Example: {@code npr_somatic_974795930_2024T2_v4.csv}. A part the name lacks is null.
 *
 * @param version       the message version named, or null (a compiled extract, taken as the contract's current one)
 * @param reportingUnit the organisation number named, or null (a file of several units)
 * @param periodStart   first day of the period named, or null
 * @param periodEnd     day after the period named (exclusive), or null
 */
public record DeliveryName(String version, String reportingUnit, LocalDate periodStart, LocalDate periodEnd) {
    /** A message version: digits, optionally with dotted parts. */
    public static final String VERSION = "[0-9]+(\\.[0-9]+)*";
    private static final Pattern VERSION_PART = Pattern.compile("_v(" + VERSION + ")\\.[A-Za-z0-9]+$");
    private static final Pattern ORG_NUMBER = Pattern.compile("(?<![0-9])([0-9]{9})(?![0-9])");
    private static final Pattern TERTIAL = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})T([1-3])(?![0-9])");
    private static final Pattern YEAR = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])");

    public static DeliveryName parse(String fileName) {
        Matcher v = VERSION_PART.matcher(fileName);
        String version = v.find() ? v.group(1) : null;
        String withoutVersion = version == null ? fileName : fileName.substring(0, v.start());
        Matcher o = ORG_NUMBER.matcher(withoutVersion);
        String unit = o.find() ? o.group(1) : null;
        Matcher t = TERTIAL.matcher(withoutVersion);
        LocalDate start = null;
        LocalDate end = null;
        if (t.find()) {
            start = LocalDate.of(Integer.parseInt(t.group(1)), 1 + 4 * (Integer.parseInt(t.group(2)) - 1), 1);
            end = start.plusMonths(4);
        } else {
            Matcher y = YEAR.matcher(withoutVersion);
            String year = null;
            while (y.find()) year = y.group(1);
            if (year != null) {
                start = LocalDate.of(Integer.parseInt(year), 1, 1);
                end = start.plusYears(1);
            }
        }
        return new DeliveryName(version, unit, start, end);
    }

    /**
     * Why a file of this name may not be delivered under {@code contract}, or null when it may: a version named
     * that the contract does not accept. A contract without declared versions accepts any name.
     */
    public String versionProblem(Contract contract) {
        if (version == null || contract.messageVersions().isEmpty() || contract.messageVersions().contains(version)) {
            return null;
        }
        return "message version " + version + " is not accepted by " + contract.id() + " (accepted: "
                + String.join(", ", contract.messageVersions()) + "); the file was not read: deliver it again on "
                + "version " + contract.messageVersions().get(0);
    }
}
