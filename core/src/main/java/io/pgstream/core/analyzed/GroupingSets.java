package io.pgstream.core.analyzed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A query's {@code groupingSets} (GROUPINGSET nodes) expanded into the list of grouping sets PostgreSQL
 * groups by, each the sort-group references of its keys: the items of GROUP BY combine as a cross
 * product, {@code ROLLUP (a, b)} is {@code (a, b), (a), ()}, {@code CUBE (a, b)} every subset, and
 * {@code GROUPING SETS (...)} the concatenation of its items' sets. Duplicate sets are kept, as
 * PostgreSQL keeps them without GROUP BY DISTINCT.
 */
final class GroupingSets {

    private static final int EMPTY = 0;
    private static final int SIMPLE = 1;
    private static final int ROLLUP = 2;
    private static final int CUBE = 3;
    private static final int SETS = 4;

    private GroupingSets() {}

    /** The grouping sets; none for a query without GROUPING SETS, ROLLUP, CUBE or {@code ()}. */
    static List<List<Integer>> expand(List<Node> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<List<Integer>> product = List.of(List.of());
        for (Node item : items) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> left : product) {
                for (List<Integer> right : sets(item)) {
                    next.add(union(left, right));
                }
            }
            product = next;
        }
        return product;
    }

    private static List<List<Integer>> sets(Node set) {
        List<Node> content = set.list("content").stream().filter(Node.class::isInstance).map(Node.class::cast).toList();
        return switch ((int) set.integer("kind")) {
            case EMPTY -> List.of(List.of());
            case SIMPLE -> List.of(set.list("content").stream().map(ref -> Integer.parseInt((String) ref)).toList());
            case ROLLUP -> {
                List<List<Integer>> prefixes = new ArrayList<>();
                for (int length = content.size(); length >= 0; length--) {
                    prefixes.add(concatenated(content.subList(0, length)));
                }
                yield prefixes;
            }
            case CUBE -> {
                List<List<Integer>> subsets = new ArrayList<>();
                for (int mask = (1 << content.size()) - 1; mask >= 0; mask--) {
                    List<Node> chosen = new ArrayList<>();
                    for (int i = 0; i < content.size(); i++) {
                        if ((mask & (1 << (content.size() - 1 - i))) != 0) {
                            chosen.add(content.get(i));
                        }
                    }
                    subsets.add(concatenated(chosen));
                }
                yield subsets;
            }
            case SETS -> content.stream().flatMap(item -> sets(item).stream()).toList();
            default -> throw new IllegalArgumentException("a grouping set of kind " + set.integer("kind"));
        };
    }

    /** The keys of ROLLUP's or CUBE's elements together; each element is one set ({@code a} or {@code (a, b)}). */
    private static List<Integer> concatenated(List<Node> elements) {
        List<Integer> keys = List.of();
        for (Node element : elements) {
            List<List<Integer>> sets = sets(element);
            if (sets.size() != 1) {
                throw new IllegalArgumentException("an element of ROLLUP or CUBE that is not one grouping set");
            }
            keys = union(keys, sets.getFirst());
        }
        return keys;
    }

    private static List<Integer> union(List<Integer> left, List<Integer> right) {
        LinkedHashSet<Integer> keys = new LinkedHashSet<>(left);
        keys.addAll(right);
        return List.copyOf(keys);
    }
}
