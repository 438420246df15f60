package no.kvik.catalog;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The known ids closest to one that is not known, for an error message that helps without listing the whole
 * catalogue: those within a third of its length in edit distance (at least 2) or sharing its first
 * {@link #SHARED_PREFIX} characters, ranked by edit distance, then by the longer shared prefix, then alphabetically.
 */
final class ClosestIds {
    /** How many ids an unknown-id message names. */
    static final int SHOWN = 5;
    /** A known id that starts with this many of the wanted id's characters is close whatever its distance. */
    static final int SHARED_PREFIX = 4;

    private ClosestIds() {
    }

    /** At most {@code limit} ids of {@code known} close to {@code wanted}, closest first; none when none is close. */
    static List<String> closest(String wanted, Collection<String> known, int limit) {
        record Ranked(String id, int distance, int prefix) {
        }
        int maxDistance = Math.max(2, wanted.length() / 3);
        return known.stream()
                .map(id -> new Ranked(id, editDistance(wanted, id), sharedPrefix(wanted, id)))
                .filter(r -> r.distance() <= maxDistance || r.prefix() >= SHARED_PREFIX)
                .sorted(Comparator.comparingInt(Ranked::distance)
                        .thenComparing(Comparator.comparingInt(Ranked::prefix).reversed())
                        .thenComparing(Ranked::id))
                .limit(limit)
                .map(Ranked::id)
                .toList();
    }

    /** Levenshtein distance (insertions, deletions and substitutions of one character each cost 1), two-row form. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static int sharedPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        return i;
    }
}
