package io.pgstream.engine.scheduler;

import io.pgstream.engine.catalog.ScheduledTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stream tables refreshed together in one transaction: the due ones ({@code requested}) and every
 * stream table they read, directly or not ({@code members}), so that a table reading several others
 * sees them all computed from the same state of what they share.
 *
 * <p>Rounds whose members overlap are merged: two rounds refreshing one upstream table would each wait
 * for the other's lock, and a table read by both must be brought to one point, not two.
 */
record RefreshRound(Set<Long> requested, Set<Long> members) {

    RefreshRound {
        requested = Set.copyOf(requested);
        members = Set.copyOf(members);
    }

    /** The rounds that refresh the {@code due} stream tables, given what every table reads. */
    static List<RefreshRound> plan(Collection<Long> due, Map<Long, ScheduledTable> tables) {
        List<RefreshRound> rounds = new ArrayList<>();
        for (long id : due) {
            RefreshRound round = new RefreshRound(Set.of(id), upstreamClosure(id, tables));
            for (var it = rounds.iterator(); it.hasNext(); ) {
                RefreshRound other = it.next();
                if (!disjoint(other.members, round.members)) {
                    it.remove();
                    round = round.mergedWith(other);
                }
            }
            rounds.add(round);
        }
        return rounds;
    }

    private RefreshRound mergedWith(RefreshRound other) {
        Set<Long> allRequested = new HashSet<>(requested);
        allRequested.addAll(other.requested);
        Set<Long> allMembers = new HashSet<>(members);
        allMembers.addAll(other.members);
        return new RefreshRound(allRequested, allMembers);
    }

    /** The table and every stream table it reads, directly or not (as far as this catalog copy knows). */
    private static Set<Long> upstreamClosure(long id, Map<Long, ScheduledTable> tables) {
        Set<Long> closure = new HashSet<>();
        Deque<Long> pending = new ArrayDeque<>(List.of(id));
        while (!pending.isEmpty()) {
            long next = pending.pop();
            if (closure.add(next) && tables.containsKey(next)) {
                pending.addAll(tables.get(next).upstream());
            }
        }
        return closure;
    }

    private static boolean disjoint(Set<Long> a, Set<Long> b) {
        return a.stream().noneMatch(b::contains);
    }
}
