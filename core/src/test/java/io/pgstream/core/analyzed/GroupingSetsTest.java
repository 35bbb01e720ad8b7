package io.pgstream.core.analyzed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The expansion of PostgreSQL's GROUPINGSET nodes into grouping sets, checked against PostgreSQL's own rules. */
class GroupingSetsTest {

    private static List<Node> groupingSets(String text) {
        return ((List<?>) NodeText.parse(text)).stream().map(Node.class::cast).toList();
    }

    private static final String A = "{GROUPINGSET :kind 1 :content (i 1) :location -1}";
    private static final String B = "{GROUPINGSET :kind 1 :content (i 2) :location -1}";
    private static final String C = "{GROUPINGSET :kind 1 :content (i 3) :location -1}";

    @Test
    void rollupIsItsPrefixesDownToTheEmptySet() {
        assertEquals(List.of(List.of(1, 2, 3), List.of(1, 2), List.of(1), List.of()),
                GroupingSets.expand(groupingSets("({GROUPINGSET :kind 2 :content (" + A + " " + B + " " + C + ") :location -1})")));
    }

    @Test
    void cubeIsEverySubset() {
        assertEquals(List.of(List.of(1, 2), List.of(1), List.of(2), List.of()),
                GroupingSets.expand(groupingSets("({GROUPINGSET :kind 3 :content (" + A + " " + B + ") :location -1})")));
    }

    @Test
    void itemsCombineAsACrossProductAndDuplicateSetsStay() {
        // GROUP BY a, ROLLUP (b), GROUPING SETS ((), (a)): a's key is not repeated inside a set, the set (a) twice is kept
        String sets = "(" + A + " {GROUPINGSET :kind 2 :content (" + B + ") :location -1}"
                + " {GROUPINGSET :kind 4 :content ({GROUPINGSET :kind 0 :content <> :location -1} " + A + ") :location -1})";
        assertEquals(List.of(List.of(1, 2), List.of(1, 2), List.of(1), List.of(1)), GroupingSets.expand(groupingSets(sets)));
    }

    @Test
    void aPlainGroupByHasNoGroupingSets() {
        assertEquals(List.of(), GroupingSets.expand(List.of()));
    }
}
