package io.pgstream.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pgstream.core.algebra.AggregateCall;
import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.algebra.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each law on its own (operator tree in, operator tree out), then the pipeline to its fixpoint. */
class RewriterTest {

    private static Rel.Project select(String column, String table) {
        return new Rel.Project(new Rel.Scan(new TableName("public", table), table), List.of(new OutputColumn(column, column)));
    }

    private static final Rel.Project A = select("k", "a");
    private static final Rel.Project B = select("k", "b");
    private static final Rel.Project C = select("g", "c");

    private static Rel.UnionAll union(Rel... inputs) {
        return new Rel.UnionAll(List.of(inputs));
    }

    @Test
    void unionAllIsAssociative() {
        assertEquals(union(A, B, C), Rewriter.bottomUp(union(union(A, B), C), new UnionAllFlattening()));
        assertEquals(union(A, B, C, A), Rewriter.bottomUp(union(A, union(B, union(C, A))), new UnionAllFlattening()));
    }

    @Test
    void distinctAbsorbsDistinctBeneathIt() {
        DistinctAbsorption law = new DistinctAbsorption();
        assertEquals(new Rel.Distinct(A), law.apply(new Rel.Distinct(new Rel.Distinct(A))));
        assertEquals(new Rel.Distinct(union(A, B)), law.apply(new Rel.Distinct(union(new Rel.Distinct(A), B))));
    }

    @Test
    void aDistinctUnderABagUnionStays() {
        Rel bagOfSet = union(new Rel.Distinct(A), B);
        assertSame(bagOfSet, Rewriter.rewrite(bagOfSet));
    }

    @Test
    void groupsAreDistinctAlreadyWhenEveryKeyIsAnOutput() {
        Rel.Aggregate counted = new Rel.Aggregate(new Rel.Scan(new TableName("public", "a"), "a"), List.of("k"),
                List.of(new AggregateCall(AggregateCall.Kind.COUNT_STAR, null, "count(*)", "n")));
        Rel.Project grouped = new Rel.Project(counted, List.of(new OutputColumn("k", "k"), new OutputColumn("n", "count(*)")));
        assertSame(grouped, new DistinctOverGroups().apply(new Rel.Distinct(grouped)));
        Rel.Project keyHidden = new Rel.Project(counted, List.of(new OutputColumn("n", "count(*)")));
        assertEquals(new Rel.Distinct(keyHidden), new DistinctOverGroups().apply(new Rel.Distinct(keyHidden)));
    }

    /** A UNION ALL B UNION C reads as δ(δ?(A ⊎ B) ⊎ C) and ends as one distinct over one flat union. */
    @Test
    void unionsNestedEitherWayEndAsOneDistinctOverOneUnion() {
        Rel expected = new Rel.Distinct(union(A, B, C));
        assertEquals(expected, Rewriter.rewrite(new Rel.Distinct(union(union(A, B), C))));
        assertEquals(expected, Rewriter.rewrite(new Rel.Distinct(union(new Rel.Distinct(union(A, B)), C))));
        assertEquals(expected, Rewriter.rewrite(new Rel.Distinct(union(A, new Rel.Distinct(union(B, new Rel.Distinct(C)))))));
    }
}
